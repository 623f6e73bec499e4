#!/usr/bin/env node
// Validate RDF files against SHACL shapes.
//
// Usage: node validate.mjs SHAPES.ttl DATA...
//
// SHAPES is Turtle.  Each DATA file is parsed with N3.js by its extension:
// .ttl Turtle, .nt N-Triples, .nq N-Quads, .trig TriG (anything else is tried
// as Turtle); quads in named graphs are validated as one merged graph.  Each
// data file is validated on its own with rdf-validate-shacl.
//
// Output: one line per validation result (identical lines printed once)
//     FILE: SEVERITY focus NODE path PATH [value VALUE]: MESSAGE [sh:COMPONENT]
// then one summary line "N passed, M failed" (one count per data file).
//
// Exit status: 0 every file conforms; 1 some file has a violation;
// 2 usage error, or the shapes or a data file could not be read or parsed
// (the other data files are still validated and counted).

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import process from 'node:process';

import rdf from '@rdfjs/dataset';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

const FORMATS = {
  '.ttl': 'text/turtle',
  '.turtle': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
  '.trig': 'application/trig',
};

const KNOWN_PREFIXES = {
  dcterms: 'http://purl.org/dc/terms/',
  owl: 'http://www.w3.org/2002/07/owl#',
  prov: 'http://www.w3.org/ns/prov#',
  rdf: RDF,
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'https://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  tg: 'https://w3id.org/telegraph/ontology#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

class ParseError extends Error {}

async function parseFile(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ParseError(`${file}: cannot read: ${err.message}`);
  }
  const format = FORMATS[extname(file).toLowerCase()] || 'text/turtle';
  const parser = new N3.Parser({ format, baseIRI: `file://${file}` });
  let quads;
  try {
    // Without a callback N3.js parses synchronously and throws on a syntax error.
    quads = parser.parse(text);
  } catch (err) {
    throw new ParseError(`${file}: parse error: ${err.message}`);
  }
  // Merge named graphs into the default graph: a SHACL data graph is one graph.
  const { quad, defaultGraph } = N3.DataFactory;
  return rdf.dataset(quads.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph())));
}

function shorten(iri) {
  for (const [prefix, ns] of Object.entries(KNOWN_PREFIXES)) {
    if (iri.startsWith(ns) && /^[A-Za-z_][\w-]*$/.test(iri.slice(ns.length))) {
      return `${prefix}:${iri.slice(ns.length)}`;
    }
  }
  return `<${iri}>`;
}

function formatTerm(term) {
  if (!term) return '-';
  switch (term.termType) {
    case 'NamedNode':
      return shorten(term.value);
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const lex = JSON.stringify(term.value);
      if (term.language) return `${lex}@${term.language}`;
      return `${lex}^^${shorten(term.datatype.value)}`;
    }
    default:
      return term.value;
  }
}

// Render a SHACL property path (IRI, inverse, sequence, alternative,
// zero-or-more, ...) held in the report dataset.
function formatPath(ptr) {
  if (!ptr || !ptr.term) return '-';
  const term = ptr.term;
  if (term.termType === 'NamedNode') return shorten(term.value);
  const first = ptr.out(N3.DataFactory.namedNode(`${RDF}first`));
  if (first.term) {
    return `(${[...ptr.list()].map(formatPath).join(' / ')})`;
  }
  const unary = {
    inversePath: (p) => `^${p}`,
    zeroOrMorePath: (p) => `${p}*`,
    oneOrMorePath: (p) => `${p}+`,
    zeroOrOnePath: (p) => `${p}?`,
  };
  for (const [name, fmt] of Object.entries(unary)) {
    const inner = ptr.out(N3.DataFactory.namedNode(`${SH}${name}`));
    if (inner.term) return fmt(formatPath(inner));
  }
  const alt = ptr.out(N3.DataFactory.namedNode(`${SH}alternativePath`));
  if (alt.term) return `(${[...alt.list()].map(formatPath).join(' | ')})`;
  return formatTerm(term);
}

function resultMessage(result) {
  const messages = result.message || [];
  if (messages.length > 0) return messages.map((m) => m.value).join(' / ');
  const component = result.sourceConstraintComponent;
  return component ? `violates ${shorten(component.value)}` : 'violation';
}

// sh:MinCountConstraintComponent -> sh:minCount, the parameter a reader knows.
function componentName(result) {
  const component = result.sourceConstraintComponent;
  if (!component) return '?';
  const local = component.value.replace(SH, '').replace(/ConstraintComponent$/, '');
  return `sh:${local.charAt(0).toLowerCase()}${local.slice(1)}`;
}

async function main(argv) {
  if (argv.length < 2 || argv.includes('-h') || argv.includes('--help')) {
    process.stderr.write('usage: node validate.mjs SHAPES.ttl DATA...\n');
    return 2;
  }
  const [shapesFile, ...dataFiles] = argv;

  let shapes;
  try {
    shapes = await parseFile(shapesFile);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    return 2;
  }

  let passed = 0;
  let failed = 0;
  let broken = false;

  for (const file of dataFiles) {
    let data;
    try {
      data = await parseFile(file);
    } catch (err) {
      process.stderr.write(`${err.message}\n`);
      broken = true;
      failed += 1;
      continue;
    }
    // A fresh validator per file: results must not leak between files.
    const validator = new SHACLValidator(shapes);
    let report;
    try {
      report = await validator.validate(data);
    } catch (err) {
      process.stderr.write(`${file}: validation error: ${err.message}\n`);
      broken = true;
      failed += 1;
      continue;
    }
    let violations = 0;
    const seen = new Set();
    for (const result of report.results) {
      const severity = result.severity ? result.severity.value.replace(SH, '') : 'Violation';
      const focus = formatTerm(result.focusNode);
      const path = formatPath(result.pointer.out(N3.DataFactory.namedNode(`${SH}resultPath`)));
      const value = result.value && !result.value.equals(result.focusNode)
        ? ` value ${formatTerm(result.value)}` : '';
      const line = `${file}: ${severity} focus ${focus} path ${path}${value}: `
        + `${resultMessage(result)} [${componentName(result)}]`;
      // The same constraint reached through two node shapes (a shared
      // property shape) gives the same result twice: print it once.
      if (seen.has(line)) continue;
      seen.add(line);
      if (severity === 'Violation') violations += 1;
      process.stdout.write(`${line}\n`);
    }
    if (violations > 0) failed += 1;
    else passed += 1;
  }

  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  if (broken) return 2;
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`validate.mjs: ${err.stack || err}\n`);
    process.exitCode = 2;
  },
);
