#!/usr/bin/python3
"""Kill telegraph while it writes -o FILE; FILE must never be partial.

README: "-o FILE writes a temporary file beside FILE and renames it into
place, so a failure (or a kill) never leaves a partial or truncated file".

The input is every article of samples/ copied COPIES times under new names
(generated into a temporary directory), so a run lasts long enough to be
killed while it reads, extracts, serializes, syncs and renames.  Two
reference outputs are made first by complete runs (--provenance facts and
--provenance none, so consecutive runs write different bytes), and FILE
starts as a complete old output.  Then, with a fixed seed, ROUNDS runs are
each SIGKILLed at a random moment in [0, 1.2 x the duration of a complete
run]; after each, FILE must be byte-identical to the previous complete
output or to the complete output of the killed run (when the kill came
after the rename), never anything else, and never absent once it existed.
A further TERM_ROUNDS runs get SIGTERM (or SIGINT) instead: the same rule,
and no temporary FILE.tmp.* may be left behind (telegraph removes it on
those signals; after SIGKILL nothing can, so leftovers are only counted).

Environment: TELEGRAPH (the binary, required), TG_SOURCE_ROOT,
TELEGRAPH_DATA (passed on), TG_KILL_ROUNDS (default 30), TG_KILL_SEED
(default 20260101).  Prints one line per round and "N passed, M failed".
Standard library only.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("TG_SOURCE_ROOT") or os.path.dirname(os.path.dirname(HERE))
ROUNDS = int(os.environ.get("TG_KILL_ROUNDS") or "30")
TERM_ROUNDS = 10
SEED = int(os.environ.get("TG_KILL_SEED") or "20260101")
TARGET_SECONDS = 2.0  # aim for a complete run at least this long
MAX_COPIES = 64
TIMEOUT = 300 * float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or 1)  # scripts/test.sh stretches it


def make_inputs(tmp, copies):
    d = os.path.join(tmp, f"in-{copies}")
    os.mkdir(d)
    src = os.path.join(ROOT, "samples")
    paths = []
    for name in sorted(os.listdir(src)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(src, name), "rb") as f:
            data = f.read()
        for k in range(copies):
            p = os.path.join(d, f"{name[:-4]}-copy{k:03d}.txt")
            with open(p, "wb") as f:
                f.write(data)
            paths.append(p)
    return paths


def complete_run(telegraph, args, out, cwd):
    start = time.monotonic()
    r = subprocess.run([telegraph] + args + ["-o", out], cwd=cwd, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT)
    secs = time.monotonic() - start
    if r.returncode != 0:
        raise SystemExit(f"kill_output.py: a complete run failed ({r.returncode}): "
                         f"{r.stderr.decode('utf-8', 'replace')[:500]}")
    with open(out, "rb") as f:
        return f.read(), secs


def leftovers(tmp, base):
    return sorted(n for n in os.listdir(tmp) if n.startswith(base + ".tmp."))


def kill_during_load(telegraph, tmp, rng, rounds=10):
    """Kill `telegraph load` while it writes the persistent store, repeatedly.

    Each article goes into its own named graph inside one transaction, so
    after any kill the store must open and every graph in it must be whole:
    exactly the quads telegraph writes for that article (compared with a
    direct N-Quads run of the same article); the entities graph holds only
    descriptions the articles give.  Returns (passed, failed)."""
    tmp = os.path.join(tmp, "load")
    os.mkdir(tmp)
    inputs = make_inputs(tmp, 2)
    expected = {}
    proc = subprocess.run([telegraph, "-q", "-f", "nquads"] + inputs, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, check=True)
    for line in proc.stdout.decode("utf-8").splitlines():
        graph = line.rsplit(" ", 2)[-2]
        expected.setdefault(graph, set()).add(line)
    store = os.path.join(tmp, "kill.db")
    t0 = time.monotonic()
    subprocess.run([telegraph, "load", "-q", "--store", store] + inputs, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    secs = time.monotonic() - t0
    os.unlink(store)
    passed = failed = 0
    for i in range(1, rounds + 1):
        delay = rng.uniform(0.0, secs)
        if i % 2 and os.path.exists(store):
            os.unlink(store)  # odd rounds start empty, even ones reload over a store
        p = subprocess.Popen([telegraph, "load", "-q", "--store", store] + inputs,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        reasons = []
        dump = subprocess.run([telegraph, "export", "--store", store, "-f", "nquads"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if dump.returncode != 0 and os.path.exists(store):
            reasons.append("the store does not open after the kill: "
                           + dump.stderr.decode("utf-8", "replace").strip())
        graphs = {}
        for line in dump.stdout.decode("utf-8").splitlines():
            graphs.setdefault(line.rsplit(" ", 2)[-2], set()).add(line)
        for g, quads in graphs.items():
            if g.endswith("/entities>"):
                # the shared entities graph holds the descriptions of the
                # articles loaded so far: a part of the whole batch's
                if not quads <= expected.get(g, set()):
                    reasons.append("graph %s holds %d quads the articles do not give"
                                   % (g, len(quads - expected.get(g, set()))))
            elif quads != expected.get(g):
                reasons.append("graph %s holds %d quads, the article has %d"
                               % (g, len(quads), len(expected.get(g, ()))))
        label = "load round %2d SIGKILL at %5.2f s: " % (i, delay)
        if reasons:
            failed += 1
            print("FAIL " + label + "; ".join(reasons[:3]))
        else:
            passed += 1
            print("ok   " + label + "%d whole article graphs in the store" % len(graphs))
        sys.stdout.flush()
    return passed, failed


def main():
    telegraph = os.environ.get("TELEGRAPH")
    if not telegraph:
        print("kill_output.py: set TELEGRAPH to the telegraph binary", file=sys.stderr)
        return 2
    telegraph = os.path.abspath(telegraph)
    rng = random.Random(SEED)
    tmp = tempfile.mkdtemp(prefix="tg-kill-")
    try:
        out = os.path.join(tmp, "graph.nt")
        base = os.path.basename(out)
        # Grow the input until a complete run lasts TARGET_SECONDS.
        copies = 1
        while True:
            inputs = make_inputs(tmp, copies)
            variants = {}
            secs = 0.0
            for prov in ("facts", "none"):
                args = ["-f", "nt", "--provenance", prov] + inputs
                data, s = complete_run(telegraph, args, os.path.join(tmp, "ref.nt"), tmp)
                again, _ = complete_run(telegraph, args, os.path.join(tmp, "ref.nt"), tmp)
                if data != again:
                    raise SystemExit("kill_output.py: two complete runs differ; "
                                     "output is not deterministic")
                variants[prov] = (args, data)
                secs = max(secs, s)
            if secs >= TARGET_SECONDS or copies >= MAX_COPIES:
                break
            copies *= 2
        os.unlink(os.path.join(tmp, "ref.nt"))
        if variants["facts"][1] == variants["none"][1]:
            raise SystemExit("kill_output.py: the two reference outputs are identical")
        size = len(variants["facts"][1])
        print(f"input: {len(inputs)} articles ({copies} copies of samples/); a complete run "
              f"takes {secs:.2f} s and writes {size} bytes")

        # FILE starts as a complete old output.
        previous = variants["none"][1]
        with open(out, "wb") as f:
            f.write(previous)

        passed = failed = 0
        outcomes = {"old": 0, "new": 0}
        plan = [("KILL", signal.SIGKILL)] * ROUNDS + \
               [("TERM", signal.SIGTERM), ("INT", signal.SIGINT)] * (TERM_ROUNDS // 2)
        for i, (signame, sig) in enumerate(plan, 1):
            prov = "facts" if i % 2 else "none"
            args, expected_new = variants[prov]
            delay = rng.uniform(0.0, secs * 1.2)
            before = set(leftovers(tmp, base))
            p = subprocess.Popen([telegraph] + args + ["-o", out], cwd=tmp,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(sig)
            try:
                rc = p.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                rc = None
            reasons = []
            if rc is None:
                reasons.append(f"did not end within {TIMEOUT} s of {signame}")
            elif rc not in (0, -sig):
                reasons.append(f"ended with status {rc}, expected death by SIG{signame} or 0")
            state = None
            try:
                with open(out, "rb") as f:
                    now = f.read()
            except FileNotFoundError:
                now = None
                reasons.append(f"{base} is gone (it existed before the run)")
            if now is not None:
                if now == previous:
                    state = "old"
                elif now == expected_new:
                    state = "new"
                    previous = now
                else:
                    reasons.append(f"{base} is neither the previous complete output nor the "
                                   f"new one: {len(now)} bytes (old {len(previous)}, new "
                                   f"{len(expected_new)}) - partial or mixed")
                    with open(os.path.join(tmp, "..", f"tg-kill-bad-{i}.nt"), "wb") as f:
                        f.write(now)
            if state:
                outcomes[state] += 1
            left = set(leftovers(tmp, base)) - before
            if sig != signal.SIGKILL and left:
                reasons.append(f"temporary file left after SIG{signame}: {', '.join(left)}")
            if sig == signal.SIGKILL:
                for n in left:  # cannot be cleaned up by a killed process
                    os.unlink(os.path.join(tmp, n))
            label = f"round {i:2d} SIG{signame:<4} at {delay:5.2f} s (rc {rc}): "
            if reasons:
                failed += 1
                print("FAIL " + label + "; ".join(reasons))
            else:
                passed += 1
                extra = f", {len(left)} temp file(s) left" if left else ""
                print("ok   " + label + f"{state} complete output{extra}")
            sys.stdout.flush()
        lp, lf = kill_during_load(telegraph, tmp, rng)
        passed += lp
        failed += lf
        print(f"outcomes: {outcomes['old']} kept the old output, {outcomes['new']} had the "
              f"new complete output")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
