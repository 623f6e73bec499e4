#!/usr/bin/python3
"""The installed tree as a user meets it.

Installs the build into a fresh --destdir, then:
  1. the README's C example is doc/example.c, byte for byte;
  2. it compiles with `pkg-config --cflags --libs telegraph` against the
     installed headers and shared library (nothing from the build or source
     tree on the paths), runs, and prints Turtle with the approval it reads;
  3. `man -l` renders the installed telegraph(1), and every option the
     installed binary's --help lists appears in it.

Usage: run_install.py MESON BUILD_ROOT SOURCE_ROOT CC
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Time limits stretch with TG_TIMEOUT_MULTIPLIER (scripts/test.sh sets it).
SLOW = float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or 1)
FAILURES = []


def check(cond, what):
    print(("ok    " if cond else "FAIL  ") + what)
    if not cond:
        FAILURES.append(what)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300 * SLOW, **kw)


def readme_example(source):
    """The ```c block after the '<!-- example: doc/example.c -->' marker."""
    with open(os.path.join(source, "README.md"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- example: doc/example\.c -->\s*```c\n(.*?)```", text, re.S)
    return m.group(1) if m else None


def main():
    meson, build, source, cc = sys.argv[1:5]
    tmp = tempfile.mkdtemp(prefix="tg-install-")
    try:
        dest = os.path.join(tmp, "dest")
        r = run([meson, "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"])
        check(r.returncode == 0, "meson install --destdir: " + r.stderr.strip()[-300:])
        if r.returncode:
            return

        with open(os.path.join(source, "doc", "example.c"), encoding="utf-8") as f:
            example = f.read()
        check(readme_example(source) == example, "README's example is doc/example.c")

        pcs = glob.glob(os.path.join(dest, "**", "pkgconfig", "telegraph.pc"), recursive=True)
        check(len(pcs) == 1, "one telegraph.pc installed")
        if len(pcs) != 1:
            return
        env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pcs[0]),
                   PKG_CONFIG_SYSROOT_DIR=dest)
        r = run(["pkg-config", "--cflags", "--libs", "telegraph"], env=env)
        check(r.returncode == 0, "pkg-config --cflags --libs telegraph: " + r.stderr.strip())
        flags = r.stdout.split()
        check(any(f.startswith("-I" + dest) for f in flags), "cflags point into the tree")
        check(any(f.startswith("-L" + dest) for f in flags) and "-ltelegraph" in flags,
              "libs point into the tree: " + r.stdout.strip())
        for h in ("telegraph.h", "document.h", "writer.h"):
            check(glob.glob(os.path.join(dest, "**", "include", "telegraph", h), recursive=True)
                  != [], "header installed: telegraph/" + h)
        r = run(["pkg-config", "--variable=datadir", "telegraph"], env=env)
        datadir = r.stdout.strip()
        if not datadir.startswith(dest):  # pkg-config leaves variables alone; pkgconf does not
            datadir = dest + datadir
        check(os.path.isfile(os.path.join(datadir, "lexicon.tsv")), "datadir variable: " + datadir)

        exe = os.path.join(tmp, "example")
        r = run([cc, "-std=c11", "-Wall", "-Werror", "-o", exe,
                 os.path.join(source, "doc", "example.c")] + flags)
        check(r.returncode == 0, "example compiles and links: " + r.stderr.strip()[-500:])
        if r.returncode == 0:
            libdir = next(f[2:] for f in flags if f.startswith("-L"))
            check(glob.glob(os.path.join(libdir, "libtelegraph.so.0*")) != [] and
                  glob.glob(os.path.join(libdir, "libtelegraph.a")) != [],
                  "shared and static library installed")
            renv = dict(os.environ, LD_LIBRARY_PATH=libdir)
            r = run(["ldd", exe], env=renv)
            check(re.search(r"libtelegraph\.so\.0 => " + re.escape(libdir), r.stdout) is not None,
                  "example runs on the installed shared library")
            r = run([exe, datadir], env=renv)
            check(r.returncode == 0, "example exits 0: " + r.stderr.strip())
            check("a tg:Approval" in r.stdout and "tg:grantedTo org:china-unicom" in r.stdout,
                  "example prints the approval as Turtle")

        mans = glob.glob(os.path.join(dest, "**", "man1", "telegraph.1"), recursive=True)
        check(len(mans) == 1, "telegraph.1 installed")
        bins = glob.glob(os.path.join(dest, "**", "bin", "telegraph"), recursive=True)
        check(len(bins) == 1, "telegraph installed")
        if len(mans) == 1 and len(bins) == 1 and shutil.which("man"):
            menv = dict(os.environ, MANWIDTH="1000", MAN_KEEP_FORMATTING="", LC_ALL="C.UTF-8")
            r = run(["man", "-l", mans[0]], env=menv)
            page = re.sub(r".\x08", "", r.stdout)
            check(r.returncode == 0 and "telegraph - news articles" in page,
                  "man -l renders telegraph(1): " + r.stderr.strip())
            check("0.1" in page and "@VERSION@" not in page, "man page carries the version")
            h = run([bins[0], "--help"])
            opts = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", h.stdout)))
            check(len(opts) > 20, "--help lists options: %d" % len(opts))
            missing = [o for o in opts if not re.search(r"(?<![\w-])" + re.escape(o) + r"\b", page)]
            check(not missing, "every --help option is in the man page: missing %s" % missing)
        elif not shutil.which("man"):
            check(False, "man is installed (scripts/setup.sh installs man-db)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
print("%d failed" % len(FAILURES))
sys.exit(1 if FAILURES else 0)
