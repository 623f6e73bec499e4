#!/usr/bin/python3
"""Run the telegraph command-line cases in cases.tsv (see its header).

Environment: TELEGRAPH (the binary, required), TG_SOURCE_ROOT (the source
tree; default: two levels above this script), TELEGRAPH_DATA (passed on).
Usage: run_cli.py [-v] [CASES.tsv] [NAME...]   (NAMEs select cases)
Prints one line per case and a final "N passed, M failed"; exits 1 when any
case failed.  Standard library only.
"""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("TG_SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
SEED = os.path.join(ROOT, "samples", "miit-2025-02-28.txt")
# Time limits stretch with TG_TIMEOUT_MULTIPLIER (scripts/test.sh sets it).
SLOW = float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or 1)
TIMEOUT = 60 * SLOW
OLD_CONTENT = b"# old output, must survive a failed run\n"
NOBODY = 65534


class Skip(Exception):
    pass


def samples():
    d = os.path.join(ROOT, "samples")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))


def make_fixtures(tmp):
    """Create the per-case files and return the placeholder table."""
    p = {
        "@SEED@": SEED,
        "@TMP@": tmp,
        "@OUT@": os.path.join(tmp, "out.ttl"),
        "@OLD@": os.path.join(tmp, "old.ttl"),
        "@MISSING@": os.path.join(tmp, "no-such-article.txt"),
        "@NODIR@": os.path.join(tmp, "no-such-dir"),
        "@DIR@": os.path.join(tmp, "adir"),
        "@EMPTY@": os.path.join(tmp, "empty.txt"),
        "@BLANK@": os.path.join(tmp, "blank.txt"),
        "@PLAIN@": os.path.join(tmp, "plain.txt"),
        "@BADUTF8@": os.path.join(tmp, "bad-utf8.txt"),
        "@NUL@": os.path.join(tmp, "nul.txt"),
        "@BADRULES@": os.path.join(tmp, "bad.rules"),
        "@BADGAZ@": os.path.join(tmp, "bad-gazetteer.tsv"),
        "@UNREADABLE@": os.path.join(tmp, "unreadable.txt"),
        "@JSONL@": os.path.join(tmp, "batch.jsonl"),
        "@BADJSONL@": os.path.join(tmp, "bad.jsonl"),
        "@TREE@": os.path.join(tmp, "tree"),
        "@ZH@": os.path.join(tmp, "zh-article.txt"),
        "@BASIS@": os.path.join(tmp, "bases.txt"),
        "@USERGAZ@": os.path.join(tmp, "user-gazetteer.tsv"),
        "@ANATEL@": os.path.join(ROOT, "tests", "markup", "anatel-2025-03-12.txt"),
        "@PAGE@": os.path.join(ROOT, "tests", "markup", "anatel-2025-03-12.html"),
        "@SLOTNEG@": os.path.join(ROOT, "tests", "events", "slot-negatives-product-place.txt"),
        "@SLOTBARE@": os.path.join(ROOT, "tests", "events", "slot-object-bare-names.txt"),
        "@SLOTPLACE@": os.path.join(ROOT, "tests", "events", "slot-place-unlisted.txt"),
        "@LOOPTREE@": os.path.join(tmp, "looptree"),
        "@DUPJSONL@": os.path.join(tmp, "dup.jsonl"),
        # Not UTF-8: the byte 0xFF, passed through as it is.
        "@BADBASE@": "http://example.org/" + b"\xff".decode("utf-8", "surrogateescape") + "/",
        "@IDLESS@": os.path.join(tmp, "idless.jsonl"),
    }
    files = {
        "@OLD@": OLD_CONTENT,
        "@EMPTY@": b"",
        "@BLANK@": b"  \n\n\t \n   ",
        "@PLAIN@": b"The State Council said on Monday that Beijing will open more "
                   b"sectors to foreign investment.\n",
        # the bad byte is line 3, column 5
        "@BADUTF8@": b" date 2025-01-01 Headline\n\nBad \xff byte in the body.\n",
        "@NUL@": b" date 2025-01-01 Headline\n\nNul \x00 byte in the body.\n",
        # line 2, column 3: an unknown attribute
        "@BADRULES@": b"rule test.bad\n  garbage line here\n",
        # line 2, column 5: an unknown type in the second column
        "@BADGAZ@": "# name\ttype\taliases\twikidata\tgeonames\tdbpedia\twithin\n"
                    "Foo\tNotAType\t\t\t\t\t\n".encode(),
        # two changes, one "from a year earlier", one "year-on-year"
        "@BASIS@": b" date 2025-04-10 China mobile users up\n\nThe number of 5G users in China "
                   b"rose 12 percent from a year earlier to 1.1 billion users in March, the "
                   b"Ministry of Industry and Information Technology said.\n\nMobile data "
                   b"traffic in China grew 15 percent year-on-year to 30 billion gigabytes in "
                   b"the first quarter, the ministry said.\n",
        # a Chinese article (MIIT approves 13 foreign-invested firms)
        "@ZH@": " date 2025-03-01 工业和信息化部批准13家外资企业开展增值电信业务\n\n"
                "工业和信息化部周五宣布，已批准13家外商投资企业在北京、上海、海南和深圳"
                "开展增值电信业务试点。\n".encode(),
        # extends the shipped Anatel with an alias and a made-up Wikidata id
        # (test data, not a claim about Anatel); adds one new company
        "@USERGAZ@": "# name\ttype\taliases\twikidata\tgeonames\tdbpedia\twithin\n"
                     "Anatel\tRegulator\tAnatel Brasil\tQ999999999\t\t\t\n"
                     "Example Orbital Co\tCompany\t\t\t\t\t\n".encode(),
    }
    good = [json.dumps({"id": "a%d" % i, "url": "https://example.org/a%d" % i,
                        "date": "2025-02-28", "title": "Item %d" % i,
                        "text": "The Ministry of Commerce approved licences for Acme "
                                "Robotics Co and Beta Cloud Ltd in Shanghai on Friday."})
            for i in range(3)]
    files["@JSONL@"] = ("\n".join(good) + "\n").encode()
    # line 2 does not parse, line 4 has no text: both skipped, 2 articles out
    files["@DUPJSONL@"] = (b'{"id": "a", "text": "Acme Co opened an office."}\n'
                           b'{"id": "b", "text": "Beta Co opened an office."}\n'
                           b'{"id": "a", "text": "Gamma Co opened an office."}\n')
    files["@IDLESS@"] = (b'{"text": "Acme Co opened an office."}\n'
                         b'{"text": "Beta Co opened an office."}\n')
    files["@BADJSONL@"] = (good[0] + "\n{\"id\": broken\n" + good[1] + "\n{\"id\": \"x\"}\n").encode()
    for key, data in files.items():
        with open(p[key], "wb") as f:
            f.write(data)
    os.makedirs(os.path.join(p["@TREE@"], "sub"))
    shutil.copyfile(SEED, os.path.join(p["@TREE@"], "seed.txt"))
    shutil.copyfile(SEED, os.path.join(p["@TREE@"], "sub", "again.txt"))
    with open(os.path.join(p["@TREE@"], "notes.md"), "w") as f:
        f.write("not an article\n")
    # A tree with a symbolic-link loop, a second link to a directory, a FIFO
    # and a character device named *.txt: one article in it.
    loop = p["@LOOPTREE@"]
    os.makedirs(os.path.join(loop, "sub", "deeper"))
    shutil.copyfile(SEED, os.path.join(loop, "sub", "seed.txt"))
    os.symlink("..", os.path.join(loop, "sub", "deeper", "up"))
    os.symlink(os.path.join(loop, "sub"), os.path.join(loop, "again"))
    os.mkfifo(os.path.join(loop, "sub", "pipe.txt"))
    os.symlink("/dev/zero", os.path.join(loop, "zero.txt"))
    os.mkdir(p["@DIR@"])
    shutil.copyfile(SEED, p["@UNREADABLE@"])
    os.chmod(p["@UNREADABLE@"], 0)
    return p


def subst(text, table, escape=False):
    for key in sorted(table, key=len, reverse=True):
        val = table[key]
        text = text.replace(key, re.escape(val) if escape else val)
    return text


def expand_args(args, table):
    out = []
    for tok in shlex.split(args):
        if tok == "@SAMPLES@":
            out.extend(samples())
        else:
            out.append(subst(tok, table))
    return out


def parse_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > 8:
                raise SystemExit(f"{path}:{lineno}: more than 8 columns")
            cols += [""] * (8 - len(cols))
            name, exit_, args, err, absent, stdin, out, flags = cols
            if not re.fullmatch(r"!0|\d+", exit_):
                raise SystemExit(f"{path}:{lineno}: bad exit column {exit_!r}")
            cases.append(dict(name=name, exit=exit_, args=args, stderr=err, absent=absent,
                              stdin=stdin, stdout=out, flags=shlex.split(flags),
                              line=lineno))
    names = [c["name"] for c in cases]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        raise SystemExit(f"{path}: duplicate case names: {', '.join(sorted(dups))}")
    return cases


def can_run_as_nobody(telegraph, tmp):
    """As root, whether uid/gid 65534 can run telegraph on the seed."""
    try:
        r = subprocess.run([telegraph, "-f", "nt", SEED], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, cwd=tmp, timeout=TIMEOUT,
                           preexec_fn=drop_privileges)
        return r.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def drop_privileges():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def run_case(case, telegraph, verbose):
    """Run one case; return a list of failure reasons (empty = pass)."""
    tmp = tempfile.mkdtemp(prefix="tg-cli-")
    try:
        table = make_fixtures(tmp)
        argv = [telegraph] + expand_args(case["args"], table)
        flags = {}
        for fl in case["flags"]:
            key, _, val = fl.partition("=")
            flags.setdefault(key, []).append(subst(val, table))

        preexec = None
        if "unreadable" in flags and os.geteuid() == 0:
            os.chmod(tmp, 0o755)
            for name in os.listdir(tmp):
                if os.path.isdir(os.path.join(tmp, name)):
                    os.chmod(os.path.join(tmp, name), 0o755)
            if not can_run_as_nobody(telegraph, tmp):
                raise Skip("running as root, which can read a mode-000 file, and "
                           "telegraph cannot run as uid 65534 here")
            preexec = drop_privileges

        stdin_path = subst(case["stdin"], table) if case["stdin"] else os.devnull
        mode = (flags.get("stdout") or ["capture"])[0]
        if "store" in flags:
            subprocess.run([telegraph, "load", "-q", "--store", os.path.join(tmp, "kg.db"), SEED],
                           check=True, stdin=subprocess.DEVNULL)
        env = dict(os.environ)
        for setting in flags.get("env", []):
            name, _, value = setting.partition("=")
            env[name] = value
        reasons = []
        with open(stdin_path, "rb") as stdin:
            if mode == "capture":
                proc = subprocess.run(argv, stdin=stdin, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, cwd=tmp, env=env,
                                      timeout=TIMEOUT, preexec_fn=preexec)
                out, err, rc = proc.stdout, proc.stderr, proc.returncode
            elif mode == "full":
                with open("/dev/full", "wb") as full:
                    proc = subprocess.run(argv, stdin=stdin, stdout=full,
                                          stderr=subprocess.PIPE, cwd=tmp, env=env,
                                          timeout=TIMEOUT, preexec_fn=preexec)
                out, err, rc = None, proc.stderr, proc.returncode
            elif mode in ("closed", "head"):
                r, w = os.pipe()
                if mode == "closed":
                    os.close(r)  # nobody will ever read
                # restore_signals (the default) gives the child SIGPIPE's default action
                p = subprocess.Popen(argv, stdin=stdin, stdout=w, stderr=subprocess.PIPE,
                                     cwd=tmp, env=env, preexec_fn=preexec)
                os.close(w)
                if mode == "head":
                    got = b""
                    while len(got) < 10:
                        chunk = os.read(r, 10 - len(got))
                        if not chunk:
                            break
                        got += chunk
                    os.close(r)
                    if len(got) < 10:
                        reasons.append(f"read only {len(got)} bytes before EOF")
                try:
                    _, err = p.communicate(timeout=TIMEOUT)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.communicate()
                    raise
                out, rc = None, p.returncode
            else:
                raise SystemExit(f"case {case['name']}: unknown stdout mode {mode!r}")

        err_text = err.decode("utf-8", "replace")
        out_text = out.decode("utf-8", "replace") if out is not None else None

        if rc < 0:
            try:
                sig = signal.Signals(-rc).name
            except ValueError:
                sig = str(-rc)
            reasons.append(f"killed by signal {sig}")
        elif case["exit"] == "!0":
            if rc == 0:
                reasons.append("exit status 0, expected non-zero")
        elif rc != int(case["exit"]):
            reasons.append(f"exit status {rc}, expected {case['exit']}")

        if case["stderr"]:
            pat = subst(case["stderr"], table, escape=True)
            if not re.search(pat, err_text, re.M):
                reasons.append(f"stderr does not match /{pat}/")
        if case["stdout"]:
            pat = subst(case["stdout"], table, escape=True)
            if out_text is None:
                reasons.append("stdout check on a case whose stdout is not captured")
            elif not re.search(pat, out_text, re.M):
                reasons.append(f"stdout does not match /{pat}/")
        for pat in flags.get("stdout-not", []):
            if out_text is not None and re.search(pat, out_text, re.M):
                reasons.append(f"stdout matches /{pat}/, which it must not")
        for path in subst(case["absent"], table).split():
            if os.path.lexists(path):
                reasons.append(f"{path} exists afterwards, must not")
        for path in flags.get("exists", []):
            if not os.path.isfile(path) or os.path.getsize(path) == 0:
                reasons.append(f"{path} missing or empty afterwards")
        for path in flags.get("changed", []):
            try:
                with open(path, "rb") as f:
                    data = f.read()
                if data == OLD_CONTENT or not data:
                    reasons.append(f"{path} still holds the old content (or is empty)")
            except OSError as e:
                reasons.append(f"{path} gone afterwards: {e.strerror}")
        for path in flags.get("unchanged", []):
            try:
                with open(path, "rb") as f:
                    if f.read() != OLD_CONTENT:
                        reasons.append(f"{path} was modified")
            except OSError as e:
                reasons.append(f"{path} gone afterwards: {e.strerror}")
        if "notmp" in flags:
            left = sorted(n for n in os.listdir(tmp) if ".tmp." in n)
            if left:
                reasons.append("temporary files left behind: " + ", ".join(left))
        if verbose and reasons:
            reasons.append(f"argv: {shlex.join(argv)}")
            reasons.append("stderr: " + (err_text.strip() or "(empty)"))
        return reasons
    finally:
        for dirpath, dirnames, _ in os.walk(tmp):
            for d in dirnames:
                os.chmod(os.path.join(dirpath, d), 0o755)
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    telegraph = os.environ.get("TELEGRAPH")
    if not telegraph:
        print("run_cli.py: set TELEGRAPH to the telegraph binary", file=sys.stderr)
        return 2
    telegraph = os.path.abspath(telegraph)
    table = os.path.join(HERE, "cases.tsv")
    if argv and argv[0].endswith(".tsv"):
        table, argv = argv[0], argv[1:]
    cases = parse_cases(table)
    if argv:
        unknown = set(argv) - {c["name"] for c in cases}
        if unknown:
            print("run_cli.py: no such case: " + ", ".join(sorted(unknown)), file=sys.stderr)
            return 2
        cases = [c for c in cases if c["name"] in argv]

    passed = failed = skipped = 0
    failures = []
    for case in cases:
        try:
            reasons = run_case(case, telegraph, verbose)
        except Skip as e:
            skipped += 1
            print(f"SKIP {case['name']}: {e}")
            continue
        except subprocess.TimeoutExpired:
            reasons = [f"timed out after {TIMEOUT} s"]
        if reasons:
            failed += 1
            failures.append(case["name"])
            print(f"FAIL {case['name']} (cases.tsv:{case['line']})")
            for r in reasons:
                print(f"     {r}")
        else:
            passed += 1
            print(f"ok   {case['name']}")
    if skipped:
        print(f"{skipped} skipped")
    if failures:
        print("failed: " + " ".join(failures))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
