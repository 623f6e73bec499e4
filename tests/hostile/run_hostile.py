#!/usr/bin/python3
"""Run telegraph on the hostile inputs of cases.tsv (see its header).

Every input is GENERATED into a fresh temporary directory per case (nothing
big is committed).  Each case checks the exit status and stderr; a timeout
or a death by signal is always a failure.  For every case whose expected
status is 0, the article is also written in every RDF format telegraph
claims (turtle, ntriples, nquads, rdfxml) and each output must parse
without a warning with `rapper -i FMT -c` and, for turtle, ntriples and
nquads, with `serdi -i FMT`; and its -f dot output must render with
`dot -Tsvg` (when GraphViz is installed).

Environment: TELEGRAPH (the binary, required), TG_SOURCE_ROOT (the source
tree; default: two levels above this script), TELEGRAPH_DATA (passed on),
TG_HOSTILE_TIMEOUT_SCALE (multiply every timeout, e.g. 3 under valgrind;
TG_TIMEOUT_MULTIPLIER, set by scripts/test.sh, multiplies them too).
Usage: run_hostile.py [-v] [CASES.tsv] [NAME...]   (NAMEs select cases)
Prints one line per case and a final "N passed, M failed"; exits 1 when a
case failed.  Standard library only (/usr/bin/python3).
"""

import codecs
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("TG_SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
SEED = os.path.join(ROOT, "samples", "miit-2025-02-28.txt")
SCALE = (float(os.environ.get("TG_HOSTILE_TIMEOUT_SCALE") or "1")
         * float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or "1"))
TIMEOUT = 60  # seconds per run unless a case says timeout=N
CHECK_TIMEOUT = 300  # rapper / serdi / dot on one output
DOT_LAYOUT_BYTES = 256 * 1024  # larger DOT is laid out by osage, not dot
NOBODY = 65534
OLD_CONTENT = b"# old output, must survive a failed run\n"

# Formats telegraph claims to write RDF in (dot is GraphViz, not RDF), with
# the rapper and serdi syntax names of each (None: serdi cannot read it).
FORMATS = [
    ("turtle", "turtle", "turtle"),
    ("ntriples", "ntriples", "ntriples"),
    ("nquads", "nquads", "nquads"),
    ("rdfxml", "rdfxml", None),
]


class Skip(Exception):
    pass


# ---------------------------------------------------------------------------
# Input generators.  An input spec is one of
#   bytes:TEXT   TEXT with Python escapes (\n \t \xNN \\ ...) as raw bytes
#   py:EXPR      a Python expression giving bytes, with the names of ENV
#   none         no input file is made
# ---------------------------------------------------------------------------

def _seed():
    with open(SEED, "rb") as f:
        return f.read()


def words(n, word=b"a", sep=b" "):
    return sep.join([word] * n)


def capitalised(n):
    """n distinct capitalised words, no company designator after them."""
    out = []
    for i in range(n):
        w = "".join(chr(ord("a") + (i // 26 ** k) % 26) for k in range(4))
        out.append(("Q" + w).encode())
    return b" ".join(out)


def nested(n, open_=b"(", close=b")", inner=b"x"):
    return open_ * n + inner + close * n


def sentences(n, word=b"Yes.", sep=b" ", per_line=0):
    """n one-word sentences, a newline after every per_line of them."""
    if not per_line:
        return sep.join([word] * n) + b"\n"
    line = sep.join([word] * per_line) + b"\n"
    return line * (n // per_line)


def big_line(size, unit):
    """A single line of exactly `size` bytes made of `unit` repeated."""
    reps = size // len(unit) + 1
    return (unit * reps)[:size].rstrip(b"\n") + b"\n"


ENV = {
    "SEED": None,  # filled lazily
    "DATELINE": b" date 2025-01-01 Headline\n\n",
    "BOM": b"\xef\xbb\xbf",
    "words": words,
    "capitalised": capitalised,
    "nested": nested,
    "sentences": sentences,
    "big_line": big_line,
}


def generate(spec):
    if spec == "none" or not spec:
        return None
    kind, _, arg = spec.partition(":")
    if kind == "bytes":
        return codecs.escape_decode(arg.encode("utf-8"))[0]
    if kind == "py":
        if ENV["SEED"] is None:
            ENV["SEED"] = _seed()
        data = eval(arg, {"__builtins__": {"range": range, "len": len, "chr": chr,
                                             "bytes": bytes, "str": str}}, dict(ENV))
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, bytes):
            raise SystemExit(f"py: spec does not give bytes: {arg!r}")
        return data
    raise SystemExit(f"unknown input kind {kind!r} in {spec!r}")


# ---------------------------------------------------------------------------
# The case table
# ---------------------------------------------------------------------------

def parse_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 5 or len(cols) > 7:
                raise SystemExit(f"{path}:{lineno}: expected 5 to 7 TAB-separated columns, "
                                 f"got {len(cols)}")
            cols += [""] * (7 - len(cols))
            name, input_, args, exit_, err, flags, input2 = cols
            if not re.fullmatch(r"(\d+)(\|\d+)*|!0", exit_):
                raise SystemExit(f"{path}:{lineno}: bad exit column {exit_!r}")
            cases.append(dict(name=name, input=input_, args=args, exit=exit_, stderr=err,
                              flags=shlex.split(flags), input2=input2, line=lineno))
    names = [c["name"] for c in cases]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        raise SystemExit(f"{path}: duplicate case names: {', '.join(sorted(dups))}")
    return cases


def subst(text, table, escape=False):
    for key in sorted(table, key=len, reverse=True):
        val = table[key]
        text = text.replace(key, re.escape(val) if escape else val)
    return text


def drop_privileges():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def describe_rc(rc):
    if rc < 0:
        try:
            return f"killed by signal {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit status {rc}"


def run(argv, *, cwd, timeout, stdout=subprocess.PIPE, preexec=None):
    """Run argv; return (rc, stdout bytes or None, stderr bytes, seconds)."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout,
                         stderr=subprocess.PIPE, cwd=cwd, preexec_fn=preexec,
                         start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise
    return p.returncode, out, err, time.monotonic() - start


def check_rdf(path, fmt, rapper_name, serdi_name, cwd):
    """Parse `path` with rapper and serdi; return failure reasons."""
    reasons = []
    base = "http://example.org/hostile/"
    try:
        rc, _, err, _ = run(["rapper", "-q", "-i", rapper_name, "-c", path, base], cwd=cwd,
                            timeout=CHECK_TIMEOUT * SCALE)
        text = err.decode("utf-8", "replace")
        if rc != 0 or re.search(r"warning|error", text, re.I):
            reasons.append(f"{fmt}: rapper -i {rapper_name} -c rejects the output "
                           f"({describe_rc(rc)}): {text.strip()[:600]}")
    except subprocess.TimeoutExpired:
        reasons.append(f"{fmt}: rapper timed out")
    if serdi_name:
        try:
            rc, _, err, _ = run(["serdi", "-i", serdi_name, "-o", "ntriples", path],
                                stdout=subprocess.DEVNULL, cwd=cwd,
                                timeout=CHECK_TIMEOUT * SCALE)
            text = err.decode("utf-8", "replace")
            if rc != 0 or text.strip():
                reasons.append(f"{fmt}: serdi -i {serdi_name} rejects the output "
                               f"({describe_rc(rc)}): {text.strip()[:600]}")
        except subprocess.TimeoutExpired:
            reasons.append(f"{fmt}: serdi timed out")
    return reasons


def check_dot(telegraph, base_args, cwd, timeout, preexec):
    """Write -f dot and have GraphViz render it; return failure reasons."""
    if not shutil.which("dot"):
        return []
    path = os.path.join(cwd, "check.dot")
    try:
        with open(path, "wb") as f:
            rc, _, err, _ = run([telegraph, "-f", "dot"] + base_args, cwd=cwd, timeout=timeout,
                                stdout=f, preexec=preexec)
        if rc != 0:
            return [f"dot: {describe_rc(rc)}: {err.decode('utf-8', 'replace').strip()[:300]}"]
        # The dot engine's layout of thousands of nodes takes minutes; past
        # DOT_LAYOUT_BYTES the quick osage layout checks the same labels.
        engine = ["-Kosage"] if os.path.getsize(path) > DOT_LAYOUT_BYTES else []
        rc, _, err, _ = run(["dot"] + engine + ["-Tsvg", "-o", os.devnull, path], cwd=cwd,
                            timeout=CHECK_TIMEOUT * SCALE)
        text = err.decode("utf-8", "replace")
        if rc != 0 or re.search(r"error", text, re.I):
            return [f"dot: dot -Tsvg rejects the output ({describe_rc(rc)}): {text.strip()[:600]}"]
    except subprocess.TimeoutExpired:
        return ["dot: timed out"]
    finally:
        if os.path.exists(path):
            os.unlink(path)
    return []


def strip_format_and_output(args):
    """args without -f/--format and -o/--output (and their values)."""
    out = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-f", "--format", "-o", "--output"):
            skip = True
            continue
        if a.startswith(("--format=", "--output=")) or (a.startswith(("-f", "-o")) and
                                                         len(a) > 2 and a[1] != "-"):
            continue
        out.append(a)
    return out


def run_case(case, telegraph, verbose):
    tmp = tempfile.mkdtemp(prefix="tg-hostile-")
    try:
        flags = {}
        for fl in case["flags"]:
            key, _, val = fl.partition("=")
            flags.setdefault(key, []).append(val)
        in_name = (flags.get("in") or ["hostile.txt"])[0]
        in2_name = (flags.get("in2") or ["hostile2.txt"])[0]
        table = {
            "@SEED@": SEED,
            "@TMP@": tmp,
            "@IN@": os.path.join(tmp, in_name),
            "@IN2@": os.path.join(tmp, in2_name),
            "@OUT@": os.path.join(tmp, "out.ttl"),
            "@OLD@": os.path.join(tmp, "old.ttl"),
            "@DIR@": os.path.join(tmp, "adir"),
            "@NODIR@": os.path.join(tmp, "no-such-dir"),
            "@DATA@": os.path.join(ROOT, "ontology"),
        }
        for key, spec in (("@IN@", case["input"]), ("@IN2@", case["input2"])):
            data = generate(spec)
            if data is not None:
                with open(table[key], "wb") as f:
                    f.write(data)
        with open(table["@OLD@"], "wb") as f:
            f.write(OLD_CONTENT)
        os.mkdir(table["@DIR@"])
        if "unreadable" in flags:
            os.chmod(table["@IN@"], 0)

        preexec = None
        if "unreadable" in flags or "nobody" in flags:
            if os.geteuid() == 0:
                for dirpath, dirnames, filenames in os.walk(tmp):
                    os.chmod(dirpath, 0o755)
                    for fn in filenames:
                        p = os.path.join(dirpath, fn)
                        if not (p == table["@IN@"] and "unreadable" in flags):
                            os.chmod(p, 0o644)
                os.chmod(tmp, 0o777)
                preexec = drop_privileges
                try:
                    rc, _, _, _ = run([telegraph, "-f", "nt", SEED], cwd=tmp,
                                      timeout=TIMEOUT * SCALE, preexec=preexec)
                except (OSError, subprocess.SubprocessError):
                    rc = -1
                if rc != 0:
                    raise Skip("running as root and telegraph cannot run as uid 65534 here")
            elif "nobody" in flags:
                pass  # already unprivileged

        argv = [telegraph] + [subst(a, table) for a in shlex.split(case["args"])]
        timeout = float((flags.get("timeout") or [TIMEOUT])[0]) * SCALE
        mode = (flags.get("stdout") or ["capture"])[0]
        reasons = []
        try:
            if mode == "capture":
                rc, out, err, secs = run(argv, cwd=tmp, timeout=timeout, preexec=preexec)
            elif mode == "full":
                with open("/dev/full", "wb") as full:
                    rc, out, err, secs = run(argv, cwd=tmp, timeout=timeout, stdout=full,
                                             preexec=preexec)
            elif mode == "closed":
                r, w = os.pipe()
                os.close(r)
                try:
                    rc, out, err, secs = run(argv, cwd=tmp, timeout=timeout, stdout=w,
                                             preexec=preexec)
                finally:
                    os.close(w)
            else:
                raise SystemExit(f"case {case['name']}: unknown stdout mode {mode!r}")
        except subprocess.TimeoutExpired:
            return [f"timed out after {timeout:g} s (killed)"], None

        err_text = err.decode("utf-8", "replace")
        if rc < 0:
            reasons.append(describe_rc(rc))
        elif case["exit"] == "!0":
            if rc == 0:
                reasons.append("exit status 0, expected non-zero")
        elif str(rc) not in case["exit"].split("|"):
            reasons.append(f"exit status {rc}, expected {case['exit']}")
        if re.search(r"AddressSanitizer|LeakSanitizer|runtime error:", err_text):
            reasons.append("sanitizer report on stderr")
        if case["stderr"]:
            pat = subst(case["stderr"], table, escape=True)
            if not re.search(pat, err_text, re.M):
                reasons.append(f"stderr does not match /{pat}/")
        for path in flags.get("absent", []):
            path = subst(path, table)
            if os.path.lexists(path):
                reasons.append(f"{path} exists afterwards, must not")
        for path in flags.get("unchanged", []):
            path = subst(path, table)
            try:
                with open(path, "rb") as f:
                    if f.read() != OLD_CONTENT:
                        reasons.append(f"{path} was modified")
            except OSError as e:
                reasons.append(f"{path} gone afterwards: {e.strerror}")
        for path in flags.get("chardev", []):
            try:
                if not stat.S_ISCHR(os.stat(path).st_mode):
                    reasons.append(f"{path} is no longer a character device")
            except OSError as e:
                reasons.append(f"{path}: {e.strerror}")
        if "notmp" in flags:
            left = sorted(n for n in os.listdir(tmp) if ".tmp." in n)
            if left:
                reasons.append("temporary files left behind: " + ", ".join(left))
        if "stdout-re" in flags and out is not None:
            for pat in flags["stdout-re"]:
                if not re.search(pat, out.decode("utf-8", "replace"), re.M):
                    reasons.append(f"stdout does not match /{pat}/")

        # Every success: write each RDF format and have rapper and serdi parse it.
        if rc == 0 and mode == "capture" and "noformats" not in flags:
            base_args = strip_format_and_output(argv[1:])
            for fmt, rapper_name, serdi_name in FORMATS:
                path = os.path.join(tmp, "check." + fmt)
                try:
                    with open(path, "wb") as f:
                        frc, _, ferr, _ = run([telegraph, "-f", fmt] + base_args, cwd=tmp,
                                              timeout=timeout, stdout=f, preexec=preexec)
                except subprocess.TimeoutExpired:
                    reasons.append(f"{fmt}: timed out after {timeout:g} s")
                    continue
                if frc != 0:
                    reasons.append(f"{fmt}: {describe_rc(frc)}: "
                                   f"{ferr.decode('utf-8', 'replace').strip()[:300]}")
                    continue
                if os.path.getsize(path) == 0:
                    reasons.append(f"{fmt}: empty output")
                    continue
                reasons += check_rdf(path, fmt, rapper_name, serdi_name, tmp)
                os.unlink(path)
            reasons += check_dot(telegraph, base_args, tmp, timeout, preexec)

        if verbose and reasons:
            reasons.append(f"argv: {shlex.join(argv)}")
            reasons.append("stderr: " + (err_text.strip()[:2000] or "(empty)"))
        return reasons, (secs, rc)
    finally:
        for dirpath, dirnames, filenames in os.walk(tmp):
            for d in dirnames:
                os.chmod(os.path.join(dirpath, d), 0o755)
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    telegraph = os.environ.get("TELEGRAPH")
    if not telegraph:
        print("run_hostile.py: set TELEGRAPH to the telegraph binary", file=sys.stderr)
        return 2
    telegraph = os.path.abspath(telegraph)
    for tool in ("rapper", "serdi"):
        if not shutil.which(tool):
            print(f"run_hostile.py: {tool} not found (apt-get install -y raptor2-utils serdi)",
                  file=sys.stderr)
            return 2
    table = os.path.join(HERE, "cases.tsv")
    if argv and argv[0].endswith(".tsv"):
        table, argv = argv[0], argv[1:]
    cases = parse_cases(table)
    if argv:
        unknown = set(argv) - {c["name"] for c in cases}
        if unknown:
            print("run_hostile.py: no such case: " + ", ".join(sorted(unknown)),
                  file=sys.stderr)
            return 2
        cases = [c for c in cases if c["name"] in argv]

    passed = failed = skipped = 0
    failures = []
    for case in cases:
        try:
            reasons, secs = run_case(case, telegraph, verbose)
        except OSError as e:
            reasons, secs = [f"cannot run: {e}"], None
        except Skip as e:
            skipped += 1
            print(f"SKIP {case['name']}: {e}", flush=True)
            continue
        secs, rc = secs if isinstance(secs, tuple) else (secs, None)
        took = f" (exit {rc}" + (f", {secs:.1f} s)" if secs is not None and secs >= 1 else ")")
        if rc is None:
            took = ""
        if reasons:
            failed += 1
            failures.append(case["name"])
            print(f"FAIL {case['name']} (cases.tsv:{case['line']}){took}")
            for r in reasons:
                print(f"     {r}")
        else:
            passed += 1
            print(f"ok   {case['name']}{took}")
        sys.stdout.flush()
    if skipped:
        print(f"{skipped} skipped")
    if failures:
        print("failed: " + " ".join(failures))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
