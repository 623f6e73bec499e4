#!/usr/bin/env node
// NER over every article with wink-nlp (the peer in run_bench.py).
//   node wink_ner.js PATH...   PATH: a .jsonl file (title + text of each line),
//                              a directory (every .txt under it) or a .txt file
// Prints one JSON line: articles, bytes, entities, and the time spent loading
// the model and reading + annotating, in seconds.
'use strict';
const fs = require('fs');
const path = require('path');

const t0 = process.hrtime.bigint();
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
// Sentence boundaries and named entities only: the cheapest pipeline that
// yields entities.
const nlp = winkNLP(model, ['sbd', 'ner']);
const t1 = process.hrtime.bigint();

let articles = 0, bytes = 0, entities = 0;
function annotate(text) {
  articles += 1;
  bytes += Buffer.byteLength(text, 'utf8');
  entities += nlp.readDoc(text).entities().length();
}
function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}
function readJsonl(file) {
  // Stream in chunks: a JSON Lines corpus may be larger than a JS string.
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    const lines = (rest + buf.toString('utf8', 0, n)).split('\n');
    rest = lines.pop();
    for (const line of lines) if (line.trim()) { const o = JSON.parse(line); annotate(o.title + '\n\n' + o.text); }
  }
  if (rest.trim()) { const o = JSON.parse(rest); annotate(o.title + '\n\n' + o.text); }
  fs.closeSync(fd);
}
for (const arg of process.argv.slice(2)) {
  const st = fs.statSync(arg);
  if (st.isDirectory()) for (const f of walk(arg, [])) annotate(fs.readFileSync(f, 'utf8'));
  else if (arg.endsWith('.jsonl')) readJsonl(arg);
  else annotate(fs.readFileSync(arg, 'utf8'));
}
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ articles, bytes, entities,
  load_s: Number(t1 - t0) / 1e9, annotate_s: Number(t2 - t1) / 1e9 }));
