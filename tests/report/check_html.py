#!/usr/bin/python3
"""Report suite: the seed article's HTML report in a real browser.

Writes the HTML report of samples/miit-2025-02-28.txt with $TELEGRAPH
(`--format html`) or, while the CLI lacks that format, with the driver
given as --driver=PATH; checks the raw page (one self-contained file,
balanced tags); renders it in headless Chromium and checks the rendered DOM
(every mention label in a span of its class, every fact of the seed with
its slots, rule and confidence, the SVG graph when GraphViz dot is
installed, the note otherwise); follows a link to a fact and checks that
the page's script highlighted its sentence and slot words; and saves a
1280x2000 screenshot as report-seed.png in the output directory (the
argument, or $MESON_BUILD_ROOT, or the current directory).

Installs nothing: without chromium it prints a SKIP line and exits 77.
Standard library only (Debian's /usr/bin/python3).
"""

import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile

# Time limits stretch with TG_TIMEOUT_MULTIPLIER (scripts/test.sh sets it).
SLOW = float(os.environ.get("TG_TIMEOUT_MULTIPLIER") or 1)
SKIP = 77
SEED = "miit-2025-02-28"

# (label, class) of mentions the seed must show in the text.
MENTIONS = [
    ("Ministry of Industry and Information Technology", "Regulator"),
    ("MIIT", "Regulator"),
    ("Xinhua News Agency", "NewsAgency"),
    ("Deutsche Telekom (China) Communication Technology Co", "Company"),
    ("Siemens Digital Technology (Shenzhen) Co", "Company"),
    ("Beijing", "Place"),
    ("Shanghai", "Place"),
    ("Hainan", "Place"),
    ("Shenzhen", "Place"),
    ("China", "Place"),
    ("13", "Number"),
    ("2,400", "Number"),
    ("30 percent", "Percent"),
    ("Friday", "Date"),
    ("February 20", "Date"),
    ("State Council", "GovernmentBody"),
    ("action plan to stabilize foreign investment in 2025", "Policy"),
    ("internet access", "Service"),
    ("information services", "Service"),
]

# fact id -> (class, rule, {property: [values]})
FACTS = {
    "approval-1": ("Approval", "approval.active", {
        "grantedBy": ["Ministry of Industry and Information Technology"],
        "grantedTo": ["Deutsche Telekom (China) Communication Technology Co",
                      "Siemens Digital Technology (Shenzhen) Co"],
        "recipientCount": ["13"],
        "inRegion": ["Beijing", "Shanghai", "Hainan", "Shenzhen"],
        "forService": ["value-added telecommunications services", "internet access",
                       "information services"],
        "date": ["2025-02-28"],
    }),
    "statistic-1": ("Statistic", "statistic.count", {
        "value": ["2400"],
        "unit": ["enterprises"],
        "changePercent": ["30"],
        "changeBasis": ["year-on-year"],
        "asOf": ["2025-02"],
        "inRegion": ["China"],
        "measure": ["new foreign-invested enterprises in the telecommunication sector"],
    }),
    "decision-1": ("Decision", "decision.passive", {
        "decidedBy": ["State Council"],
        "adopts": ["action plan to stabilize foreign investment in 2025"],
        "date": ["2025-02-20"],
    }),
    "report-1": ("Report", "report.agency", {
        "reportedBy": ["Xinhua News Agency"],
    }),
}

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # Node or str

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def inside(self, pred):
        p = self.parent
        while p is not None:
            if pred(p):
                return True
            p = p.parent
        return False


class Tree(html.parser.HTMLParser):
    """A DOM tree; `errors` lists end tags that do not match (strict mode)."""

    def __init__(self, strict):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.strict = strict
        self.errors = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        p = self.cur
        while p is not None and p.tag != tag:
            p = p.parent
        if p is None:
            self.errors.append("stray </%s>" % tag)
            return
        if p is not self.cur and self.strict:
            self.errors.append("</%s> closes open <%s>" % (tag, self.cur.tag))
        self.cur = p.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(text, strict=False):
    t = Tree(strict)
    t.feed(text)
    t.close()
    return t


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_run(chromium, profile, extra, url):
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--user-data-dir=" + profile] + extra + [url]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180 * SLOW)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        raise SystemExit("chromium failed with exit status %d" % proc.returncode)
    return proc.stdout.decode("utf-8")


def write_report(seed_path, out_path, driver):
    """Write the report with the CLI when it knows --format html, else the driver."""
    telegraph = os.environ.get("TELEGRAPH")
    if telegraph and os.path.exists(telegraph):
        proc = subprocess.run([telegraph, "--format", "html", "-o", out_path, seed_path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120 * SLOW)
        if proc.returncode == 0 and os.path.exists(out_path):
            with open(out_path, encoding="utf-8") as f:
                if f.read(15) == "<!DOCTYPE html>":
                    return "telegraph --format html"
    if not driver:
        raise SystemExit("telegraph has no --format html and no --driver was given")
    proc = subprocess.run([driver, "-o", out_path, seed_path], stderr=subprocess.PIPE,
                          timeout=120 * SLOW)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        raise SystemExit("%s failed with exit status %d" % (driver, proc.returncode))
    return os.path.basename(driver)


def check_raw(page):
    if not page.startswith("<!DOCTYPE html>\n<html lang=\"en\">"):
        fail("the page does not start with the HTML5 doctype")
    tree = parse(page, strict=True)
    for e in tree.errors:
        fail("raw page: " + e)
    if tree.cur is not tree.root:
        fail("raw page: <%s> is never closed" % tree.cur.tag)
    for n in tree.root.walk():
        if n.tag == "link" or "src" in n.attrs:
            fail("external resource: <%s %s>" % (n.tag, n.attrs))
        href = n.attrs.get("href") or n.attrs.get("xlink:href")
        if href and not href.startswith("#"):
            fail("external link: %s" % href)
    if "@import" in page or "url(" in page:
        fail("CSS refers to an outside resource")


def check_dom(dom, have_dot):
    root = parse(dom).root
    nodes = list(root.walk())
    mentions = [n for n in nodes if n.tag == "span" and "m" in n.classes()]
    if not mentions:
        fail("no mention spans in the rendered DOM")
    ids = {n.attrs.get("id") for n in nodes if n.attrs.get("id")}
    article = [n for n in nodes if "article" in n.classes()]
    for label, cls in MENTIONS:
        hits = [m for m in mentions if m.text() == label]
        if not hits:
            fail("mention %r has no span" % label)
        elif not any("c-" + cls in m.classes() for m in hits):
            fail("mention %r is not shown as %s (classes %s)" % (label, cls, hits[0].classes()))
    for m in mentions:
        if not (m.attrs.get("id") or "").startswith("m"):
            fail("mention span without an id: %r" % m.text())
    if article and not any(m.inside(lambda p: p is article[0]) for m in mentions):
        fail("no mention inside the article text")
    legend = [n for n in nodes if "legend" in n.classes()]
    if not legend or len([c for c in legend[0].children if isinstance(c, Node)]) != 12:
        fail("the legend does not list the 12 classes")

    facts = {n.attrs.get("id"): n for n in nodes if n.tag == "li" and "fact" in n.classes()}
    for fid, (cls, rule, slots) in FACTS.items():
        li = facts.get(fid)
        if li is None:
            fail("fact %s is not listed" % fid)
            continue
        if cls not in li.classes():
            fail("fact %s is not a %s" % (fid, cls))
        sub = list(li.walk())
        rules = [n.text() for n in sub if "rule" in n.classes()]
        if rules != [rule]:
            fail("fact %s: rule %s, want %s" % (fid, rules, rule))
        confs = [n.text() for n in sub if "conf" in n.classes()]
        if len(confs) != 1 or not confs[0].startswith("0."):
            fail("fact %s: confidence %s" % (fid, confs))
        rows = {}
        for tr in (n for n in sub if n.tag == "tr"):
            th = [c for c in tr.children if isinstance(c, Node) and c.tag == "th"]
            td = [c for c in tr.children if isinstance(c, Node) and c.tag == "td"]
            if th and td:
                rows[th[0].text()] = [c.text() for c in td[0].children if isinstance(c, Node)]
        for prop, values in slots.items():
            got = rows.get(prop)
            if got is None:
                fail("fact %s has no %s" % (fid, prop))
            elif sorted(got) != sorted(values):
                fail("fact %s: %s is %s, want %s" % (fid, prop, got, values))
        quotes = [n for n in sub if n.tag == "blockquote"]
        if len(quotes) != 1 or not [n for n in quotes[0].walk() if n.tag == "mark"]:
            fail("fact %s: no sentence with marked slot words" % fid)
        for mid in (li.attrs.get("data-mentions") or "").split():
            if mid not in ids:
                fail("fact %s lists %s, which is not in the text" % (fid, mid))
        s = li.attrs.get("data-sentence")
        if not any(n.attrs.get("data-s") == s for n in nodes):
            fail("fact %s: sentence %s is not in the text" % (fid, s))

    graph = [n for n in nodes if n.attrs.get("id") == "graph"]
    if not graph:
        fail("no graph section")
        return
    gnodes = list(graph[0].walk())
    svg = [n for n in gnodes if n.tag == "svg"]
    notes = [n.text() for n in gnodes if "note" in n.classes()]
    if have_dot:
        if not svg:
            fail("dot is installed but the page has no SVG (%s)" % notes)
        elif "State Council" not in svg[0].text():
            fail("the SVG graph does not show State Council")
    elif not any("Graph picture unavailable: GraphViz 'dot' is not installed" in n
                 for n in notes):
        fail("without dot the page does not say the picture is unavailable")


def check_pinned(dom):
    """After opening #statistic-1 the script has highlighted its words."""
    root = parse(dom).root
    nodes = list(root.walk())
    fact = [n for n in nodes if n.attrs.get("id") == "statistic-1"]
    if not fact or "on" not in fact[0].classes():
        fail("the script did not pin #statistic-1")
        return
    s = fact[0].attrs.get("data-sentence")
    sent = [n for n in nodes if n.attrs.get("data-s") == s]
    if not sent or not all("hl" in n.classes() for n in sent):
        fail("the sentence of statistic-1 is not highlighted")
    want = set((fact[0].attrs.get("data-mentions") or "").split())
    lit = {n.attrs.get("id") for n in nodes if "m" in n.classes() and "hl" in n.classes()}
    if not want or lit != want:
        fail("highlighted mentions %s, want %s" % (sorted(lit), sorted(want)))
    labels = {n.text() for n in nodes if "m" in n.classes() and "hl" in n.classes()}
    for label in ("China", "2,400", "30 percent"):
        if label not in labels:
            fail("%r is not highlighted for statistic-1" % label)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def main(argv):
    driver = None
    outdir = None
    for a in argv[1:]:
        if a.startswith("--driver="):
            driver = a[len("--driver="):]
        else:
            outdir = a
    outdir = outdir or os.environ.get("MESON_BUILD_ROOT") or os.getcwd()
    chromium = find_chromium()
    if not chromium:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium); "
              "the HTML report is not checked in a browser")
        return SKIP
    root = os.environ.get("TG_SOURCE_ROOT") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    seed = os.path.join(root, "samples", SEED + ".txt")
    os.makedirs(outdir, exist_ok=True)
    page_path = os.path.join(outdir, "report-seed.html")
    shot = os.path.join(outdir, "report-seed.png")
    how = write_report(seed, page_path, driver)
    print("report: %s (written by %s)" % (page_path, how))
    with open(page_path, encoding="utf-8") as f:
        page = f.read()
    check_raw(page)
    have_dot = shutil.which("dot") is not None
    url = "file://" + os.path.abspath(page_path)
    with tempfile.TemporaryDirectory(prefix="tg-chromium-") as profile:
        dom = chromium_run(chromium, profile, ["--dump-dom"], url)
        check_dom(dom, have_dot)
    with tempfile.TemporaryDirectory(prefix="tg-chromium-") as profile:
        check_pinned(chromium_run(chromium, profile, ["--dump-dom"], url + "#statistic-1"))
    if os.path.exists(shot):
        os.unlink(shot)
    with tempfile.TemporaryDirectory(prefix="tg-chromium-") as profile:
        chromium_run(chromium, profile, ["--screenshot=" + shot, "--window-size=1280,2000",
                                         "--hide-scrollbars"], url)
    size = png_size(shot) if os.path.exists(shot) else None
    if size != (1280, 2000):
        fail("screenshot %s: size %s, want 1280x2000" % (shot, size))
    else:
        print("screenshot: %s" % shot)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("ok: %d mentions, %d facts, graph %s" % (len(MENTIONS), len(FACTS),
                                                   "as SVG" if have_dot else "note"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
