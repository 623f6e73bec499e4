#!/usr/bin/python3
"""Per-article cost grows linearly with the article, and memory with it.

Three checks, each on one article made at run time:
  copies      N copies of one approval sentence (with an acronym, a company,
              a place and a date), as one paragraph;
  paragraphs  a report of N ordinary news paragraphs (the seed article's,
              over and over);
  memory      one sentence of SIZE bytes with no full stop.
For copies and paragraphs, 16 times the input may take at most 20 times the
CPU time of the child (user + system, from wait4, so a busy machine slows
both sizes alike and does not fail the test); the small size is timed as
the least of three runs.  For memory, the child's peak resident set may
grow by at most MEMORY_FACTOR bytes per input byte over a one-line
article's.  Output is N-Triples with full provenance (every span mapped).

Environment: TELEGRAPH (the binary), TG_SOURCE_ROOT (the source tree).
Prints one line per check; exits 1 if one failed.
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.environ.get("TG_SOURCE_ROOT") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TELEGRAPH = os.environ["TELEGRAPH"]
SEED = os.path.join(ROOT, "samples", "miit-2025-02-28.txt")
SENTENCE = ("The Ministry of Industry and Information Technology (MIIT) granted a licence "
            "to Acme Telecom Co for internet services in Beijing on March 3, 2025. ")
GROWTH = 16
MAX_RATIO = 20.0
MEMORY_SIZE = 8_000_000
# One long sentence costs about 3 bytes a byte at this size: the text, its
# copy as the nif:isString literal in the writer, and the output buffered up
# to 8 MB (the relation stage's abstracted sentence, a byte a byte, comes
# earlier and is freed).  The recognizer reads the sentence in windows and
# holds only bits per byte of it; 4 leaves room without hiding a token or
# chunk array per byte (24 bytes a word) coming back.
MEMORY_FACTOR = 4.0


def copies(n):
    return " date 2025-02-28 Headline\n\n" + SENTENCE * n + "\n"


def paragraphs(n):
    with open(SEED, encoding="utf-8") as f:
        paras = f.read().split("\n\n")[1:]
    body = [paras[i % len(paras)].strip() for i in range(n)]
    return " date 2025-02-28 Report\n\n" + "\n\n".join(body) + "\n"


def one_sentence(size):
    unit = "lorem ipsum dolor "
    return " date 2025-02-28 Headline\n\n" + unit * (size // len(unit)) + "\n"


def run(path):
    """CPU seconds and peak RSS (bytes) of one telegraph run."""
    # meson sets MALLOC_PERTURB_, which fills every allocation and so makes
    # the unused room of a growing buffer resident: measure what a user's
    # run holds.
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen([TELEGRAPH, "-q", "-f", "ntriples", "--provenance", "full",
                                 path], stdout=null, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
    if status != 0:
        raise RuntimeError(f"telegraph {path} failed ({status}): {err}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def check_growth(tmp, name, make, n):
    small = write(tmp, f"{name}-small.txt", make(n))
    big = write(tmp, f"{name}-big.txt", make(n * GROWTH))
    t_small = min(run(small)[0] for _ in range(3))
    t_big = run(big)[0]
    ratio = t_big / max(t_small, 1e-3)
    ok = ratio <= MAX_RATIO
    print(f"{'ok' if ok else 'FAIL'} {name}: {n} -> {n * GROWTH}: {t_small:.3f} s -> "
          f"{t_big:.3f} s CPU, x{ratio:.1f} (at most x{MAX_RATIO:.0f})")
    return ok


def check_memory(tmp):
    base = run(write(tmp, "tiny.txt", copies(1)))[1]
    big = run(write(tmp, "one-sentence.txt", one_sentence(MEMORY_SIZE)))[1]
    per_byte = (big - base) / MEMORY_SIZE
    ok = per_byte <= MEMORY_FACTOR
    print(f"{'ok' if ok else 'FAIL'} memory: one {MEMORY_SIZE / 1e6:.0f} MB sentence: peak "
          f"{big / 1e6:.0f} MB, {per_byte:.1f} bytes a byte over {base / 1e6:.0f} MB "
          f"(at most {MEMORY_FACTOR})")
    return ok


def main():
    with tempfile.TemporaryDirectory(prefix="telegraph-scaling-") as tmp:
        results = [
            check_growth(tmp, "copies", copies, 400),
            check_growth(tmp, "paragraphs", paragraphs, 300),
            check_memory(tmp),
        ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
