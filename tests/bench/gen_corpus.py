#!/usr/bin/python3
"""Generate a deterministic corpus of news-like regulatory articles.

    gen_corpus.py --size 50MB --out DIR [--seed N] [--layout both|txt|jsonl]

writes, for the same seed, byte-identical:

  DIR/txt/NNN/<id>.txt   dateline layout: " date YYYY-MM-DD Headline", a blank
                         line, the body (1,000 files per sub-directory)
  DIR/articles.jsonl     one {"id","url","date","title","text"} object a line
  DIR/manifest.json      articles, bytes of each layout, seed, size asked

Article i depends only on (seed, i), so a smaller corpus is a prefix of a
larger one with the same seed.  --size counts the bytes of the .txt files
(1 MB = 1,000,000 bytes; KB, MB, GB, KiB, MiB, GiB are accepted) and stops at
the first article that reaches it.

Names come from ../../ontology/gazetteer/*.tsv (regulators, government
bodies, companies, places, services, news agencies) mixed with invented
companies (with legal-form designators and parenthesised subsidiaries),
people and plans.  Paragraphs hold approvals in active and passive voice,
lists of recipients, statistics, decisions, attributions, and
counter-examples (hedged, negated, applied-for and refused approvals).
Standard library only.
"""

import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_GAZ = os.path.normpath(os.path.join(HERE, "..", "..", "ontology", "gazetteer"))

UNITS = {
    "": 1, "B": 1,
    "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9,
    "KIB": 2**10, "MIB": 2**20, "GIB": 2**30,
}


def parse_size(text):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    if not m or m.group(2).upper() not in UNITS:
        raise argparse.ArgumentTypeError("bad size %r (e.g. 500KB, 50MB, 1GB)" % text)
    return int(float(m.group(1)) * UNITS[m.group(2).upper()])


# ---------------------------------------------------------------- names

def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            while len(cols) < 7:
                cols.append("")
            rows.append(cols)
    return rows


def acronym(name, aliases):
    for a in aliases:
        if re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", a) and sum(c.isupper() for c in a) >= 2:
            return a
    return None


class Names:
    def __init__(self, gaz):
        self.regulators, self.govbodies = [], []
        for cols in read_tsv(os.path.join(gaz, "regulators.tsv")):
            name, typ, aliases = cols[0], cols[1], [a for a in cols[2].split("|") if a]
            entry = (name, acronym(name, aliases))
            (self.govbodies if typ == "GovernmentBody" else self.regulators).append(entry)
        self.companies = [c[0] for c in read_tsv(os.path.join(gaz, "companies.tsv"))]
        self.countries, self.cities = [], []
        for cols in read_tsv(os.path.join(gaz, "places.tsv")):
            (self.cities if cols[6] else self.countries).append((cols[0], cols[6]))
        self.services = [c[0] for c in read_tsv(os.path.join(gaz, "services.tsv"))]
        self.agencies = []
        for cols in read_tsv(os.path.join(gaz, "media.tsv")):
            aliases = [a for a in cols[2].split("|") if a]
            self.agencies.append((cols[0], acronym(cols[0], aliases)))
        for lst in (self.regulators, self.govbodies, self.companies, self.countries,
                    self.cities, self.services, self.agencies):
            if not lst:
                sys.exit("gen_corpus: empty gazetteer list under %s" % gaz)


SYL1 = ["Zu", "Ok", "Del", "Sa", "Ib", "Hua", "Xin", "Lan", "Tar", "Vel", "Mor", "Kai", "Bel",
        "Nor", "Sol", "Ar", "Cen", "Dra", "El", "Fen", "Gal", "Hal", "Ix", "Jun", "Kor", "Lum",
        "Mar", "Nex", "Or", "Pra", "Quan", "Ri", "Sen", "Tian", "Ul", "Ver", "Wen", "Yan", "Zen"]
SYL2 = ["ma", "api", "ta", "hel", "on", "xin", "da", "ria", "vo", "net", "tek", "lix", "ora",
        "gen", "sys", "cor", "ent", "wave", "link", "tron", "ways", "bridge", "peak", "stone"]
SECTOR = ["Fibre Networks", "Broadband", "Telecoms", "Communications", "Connect", "Digital",
          "Data Services", "Cloud Technology", "Satellite", "Payments", "Fintech", "Securities",
          "Life Insurance", "Asset Management", "Medical", "Health", "Bank", "Capital",
          "Information Technology", "Network Technology", "Energy", "Logistics", "Mobile"]
DESIG = ["Co., Ltd.", "Limited", "Ltd", "Co.", "Corporation", "Inc.", "Holdings", "Group",
         "Pte Ltd", "Pvt. Ltd.", "GmbH", "AG", "PLC", "LLC", "S.A.", "Company Limited", "Corp."]
FIRST = ["Halima", "Wei", "Li", "Chen", "Arjun", "Priya", "John", "Sarah", "Carlos", "Ana",
         "Nguyen", "Thanh", "Ahmed", "Fatima", "Oluwaseun", "Chidi", "Emma", "Lukas", "Yuki",
         "Kenji", "Min-jun", "Ji-woo", "Thabo", "Naledi", "Rafael", "Sofia", "Rahul", "Meera"]
LAST = ["Danjuma", "Zhang", "Wang", "Liu", "Sharma", "Iyer", "Smith", "Okafor", "Adeyemi",
        "Mueller", "Tanaka", "Kim", "Park", "Nkosi", "Dlamini", "Silva", "Costa", "Tran",
        "Hassan", "Rahman", "Garcia", "Novak", "Schmidt", "Mensah", "Osei", "Kaur", "Gupta"]
TITLE = ["Mr", "Mrs", "Ms", "Dr"]
JOBS = ["head of licensing", "spokesperson", "deputy director", "chairman", "director general",
        "chief executive", "vice minister", "commissioner", "executive director"]
TOPICS = ["Digital Infrastructure", "Foreign Investment", "Broadband Expansion",
          "Satellite Internet", "Financial Inclusion", "Services Consumption",
          "Private Investment", "Data Centres", "Open Banking", "Rural Connectivity",
          "Green Finance", "Spectrum Management", "Cross-border Payments", "Health Services"]
PLANS = ["Action Plan for {t} in {y}", "Measures to Promote {t}", "National {t} Plan {y}",
         "Guidelines on {t}", "{t} Strategy {y}-{y2}", "Opinions on Deepening {t}"]
PERMITS = ["licences", "approvals", "permits", "pilot approvals", "operating licences",
           "final approvals", "in-principle approvals", "authorisations", "registrations"]
PERMIT1 = ["licence", "approval", "permit", "operating licence", "final approval",
           "authorization", "regulatory clearance", "in-principle approval", "registration"]
ORGNOUN = ["companies", "firms", "operators", "providers", "enterprises", "banks", "insurers",
           "institutions", "platforms", "carriers"]
GRANT_ACT = ["granted", "issued", "awarded", "approved", "licensed", "authorised", "cleared",
             "gave"]
GRANT_PASS = ["granted", "issued", "awarded", "approved", "licensed", "authorized", "cleared"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MEASURES = [("internet subscriptions", "million", "subscriptions"),
            ("5G base stations", "million", "base stations"),
            ("mobile phone users", "million", "users"),
            ("broadband subscribers", "million", "subscribers"),
            ("new foreign-invested enterprises", "", "enterprises"),
            ("licensed payment institutions", "", "institutions"),
            ("data centre racks", "thousand", "racks"),
            ("registered generative AI services", "", "services")]
MONEY = [("foreign direct investment", "billion", "yuan"),
         ("total investment", "billion", "dollars"),
         ("industry revenue", "trillion", "yuan"),
         ("spectrum auction proceeds", "billion", "rupees"),
         ("licence fees", "million", "naira"),
         ("assets under management", "billion", "euros")]
CHANGE = ["year-on-year", "from a year earlier", "month-on-month", "from the previous year"]
HEDGES = ["is expected to approve", "plans to grant", "may soon authorise",
          "is considering whether to license", "is likely to clear", "could issue",
          "has not yet granted", "declined to approve", "refused to grant", "will review"]
FILLER = [
    "Analysts said the move would intensify competition in the {svc} market.",
    "The decision follows months of consultation with industry groups and consumer bodies.",
    "Shares of listed operators rose modestly after the announcement.",
    "Industry observers expect further liberalisation over the coming year.",
    "The regulator said it would publish detailed implementation rules in due course.",
    "Consumer groups welcomed the step but called for stronger data protection safeguards.",
    "The sector has attracted growing interest from foreign investors since the rules were eased.",
    "Officials said the approvals were part of a wider effort to modernise the {svc} sector.",
    "Rollout obligations require coverage of underserved rural areas within three years.",
    "The company’s chief executive described the outcome as “an important milestone”.",
]


def an(word):
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Article:
    """One article, generated from its own Random(seed:index)."""

    def __init__(self, names, seed, index):
        self.n = names
        self.r = random.Random("telegraph-bench:%s:%d" % (seed, index))
        self.index = index

    # -- pickers
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def company(self):
        r = self.r
        roll = r.random()
        if roll < 0.35:
            return self.pick(self.n.companies)
        base = self.pick(SYL1) + self.pick(SYL2)
        name = "%s %s" % (base, self.pick(SECTOR))
        if roll < 0.55:
            city = self.pick(self.n.cities)[0]
            return "%s (%s) %s" % (name, city, self.pick(DESIG))
        return "%s %s" % (name, self.pick(DESIG))

    def subsidiary(self):
        parent = self.pick(self.n.companies)
        city = self.pick(self.n.cities)[0]
        return parent, "%s (%s) %s" % (parent, city, self.pick(["Co., Ltd.", "Co.", "Limited"]))

    def regulator(self):
        return self.pick(self.n.regulators)

    def person(self):
        return "%s %s" % (self.pick(FIRST), self.pick(LAST))

    def places(self, k):
        out = []
        while len(out) < k:
            p = self.pick(self.n.cities)[0] if self.r.random() < 0.7 else self.pick(self.n.countries)[0]
            if p not in out:
                out.append(p)
        return out

    def num(self, lo, hi, dec=False):
        if dec:
            return "%.1f" % self.r.uniform(lo, hi)
        v = self.r.randint(lo, hi)
        return "{:,}".format(v) if v >= 10000 else str(v)

    def date_text(self):
        d = self.r.random()
        if d < 0.35:
            return "on " + self.pick(WEEKDAYS)
        if d < 0.75:
            return "on %s %d" % (self.pick(MONTHS), self.r.randint(1, 28))
        return "on %s %d, %d" % (self.pick(MONTHS), self.r.randint(1, 28), self.year)

    @staticmethod
    def join(items):
        if len(items) == 1:
            return items[0]
        return ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]

    # -- paragraphs
    def p_intro(self, reg, abbr, svc):
        k = self.r.randint(2, 15)
        pl = self.places(self.r.randint(1, 4))
        ag = self.pick(self.n.agencies)[0]
        verb = self.pick(["announced that it has ", "said it had ", "has ", ""]) + self.pick(GRANT_ACT)
        return "The %s%s %s %s %s for %s to %d %s %s in %s, %s reported." % (
            reg, " (%s)" % abbr if abbr else "", self.date_text(), verb, self.pick(PERMITS),
            svc, k, self.pick(["foreign-funded", "domestic", "privately owned", "new", "small"]),
            self.pick(ORGNOUN), self.join(pl), ag)

    def p_active(self, reg_short):
        cos = [self.company() for _ in range(self.r.randint(1, 4))]
        subj = reg_short if reg_short.isupper() else "The " + reg_short
        text = "%s %s %s %s %s to %s for %s in %s, according to a statement on its website." % (
            subj, self.date_text(), self.pick(GRANT_ACT), self.pick(["", "new", "formal"]),
            self.pick(PERMITS), self.join(cos), self.pick(self.n.services), self.places(1)[0])
        return text.replace("  ", " ")

    def p_passive(self, reg):
        co = self.company()
        return "%s %s %s %s for %s by the %s %s, the company said in a stock exchange filing." % (
            co, self.pick(["has been", "was", "had been", "has now been"]),
            self.pick(GRANT_PASS), an(self.pick(PERMIT1)), self.pick(self.n.services), reg,
            self.date_text())

    def p_passive2(self, reg):
        k = self.r.randint(2, 30)
        return "A total of %d %s in %s were %s %s to offer %s by the %s, it said." % (
            k, self.pick(ORGNOUN), self.places(1)[0], self.pick(GRANT_PASS),
            self.date_text(), self.pick(self.n.services), reg)

    def p_list(self, reg_short):
        cos = [self.company() for _ in range(self.r.randint(3, 6))]
        sep = "; " if self.r.random() < 0.5 else ", "
        lst = sep.join(cos[:-1]) + sep + "and " + cos[-1]
        return ("The %s were approved %s and went to %s, according to a list published on "
                "the %s's website." % (self.pick(PERMITS), self.date_text(), lst, reg_short))

    def p_receive(self, reg):
        parent, sub = self.subsidiary()
        return "%s, a unit of %s, %s %s from the %s to offer %s in %s." % (
            sub, parent, self.pick(["won", "received", "obtained", "secured"]),
            self.pick(["final approval", "a licence", "regulatory clearance", "an operating permit"]),
            reg, self.pick(self.n.services), self.places(1)[0])

    def p_stat(self):
        place = self.places(1)[0]
        m, scale, unit = self.pick(MEASURES)
        val = self.num(1, 999, dec=True) if scale else self.num(100, 250000)
        pct = self.num(1, 60, dec=True)
        up = self.r.random() < 0.7
        text = "%s had %s %s%s at the end of %s %d, %s %s percent %s, according to official data." % (
            place, val, scale + " " if scale else "", m, self.pick(MONTHS), self.year,
            "up" if up else "down", pct, self.pick(CHANGE))
        return text

    def p_money(self):
        m, scale, cur = self.pick(MONEY)
        return "%s in %s reached %s %s %s in the first %s months of %d, %s %s percent %s." % (
            m.capitalize(), self.places(1)[0], self.num(1, 900, dec=True), scale, cur,
            self.pick(["three", "six", "nine", "two", "five"]), self.year,
            self.pick(["up", "down"]), self.num(1, 40, dec=True), self.pick(CHANGE))

    def p_decision(self):
        gov = self.pick(self.n.govbodies)[0]
        plan = self.pick(PLANS).format(t=self.pick(TOPICS), y=self.year, y2=self.year + 5)
        if self.r.random() < 0.5:
            return "The %s %s approved the %s, which sets targets for %s by %d." % (
                gov, self.date_text(), plan, self.pick(self.n.services), self.year + 3)
        return "The %s, which was adopted by the %s at an executive meeting %s, calls for wider market access." % (
            plan, gov, self.date_text())

    def p_counter(self, reg, reg_short):
        co = self.company()
        kind = self.r.randrange(5)
        if kind == 0:
            return "The %s %s %s's application for %s later this year, people familiar with the matter said." % (
                reg, self.pick(HEDGES), co, self.pick(self.n.services))
        if kind == 1:
            return "%s has not yet received %s from the %s and is still waiting for a decision." % (
                co, an(self.pick(PERMIT1)), reg)
        if kind == 2:
            return "%s applied for %s to offer %s in %s %s, and the %s is reviewing the application." % (
                co, an(self.pick(PERMIT1)), self.pick(self.n.services), self.places(1)[0],
                self.date_text(), reg_short)
        if kind == 3:
            return "The %s rejected an application by %s, citing weak capital and governance problems." % (
                reg, co)
        return "%s hopes to win approval from the %s for %s, but no decision has been made." % (
            co, reg, self.pick(self.n.services))

    def p_quote(self, reg, reg_short):
        who = self.person()
        return "“%s”, %s %s, %s of the %s, told %s. “%s”" % (
            self.pick(["Licences are not trophies.", "We will monitor rollout every quarter.",
                       "Competition is good for consumers.", "The bar remains high."]),
            self.pick(TITLE), who, self.pick(JOBS), reg, self.pick(self.n.agencies)[0],
            self.pick(["Operators that fail to build will lose them.",
                       "We expect more applications next year.",
                       "Compliance comes first."]))

    def p_background(self, svc):
        s = [self.pick(FILLER).format(svc=svc) for _ in range(self.r.randint(1, 3))]
        s.append("The %s market in %s was worth about %s billion dollars last year." % (
            svc, self.places(1)[0], self.num(1, 90, dec=True)))
        return " ".join(s)

    def build(self):
        r = self.r
        self.year = r.randint(2019, 2025)
        month, day = r.randint(1, 12), r.randint(1, 28)
        date = "%04d-%02d-%02d" % (self.year, month, day)
        reg, abbr = self.regulator()
        reg_short = abbr or reg
        svc = self.pick(self.n.services)
        kind = r.randrange(4)
        co = self.company()
        if kind == 0:
            title = "%s grants %s %s to %d %s" % (reg_short, svc, self.pick(PERMITS), r.randint(2, 20), self.pick(ORGNOUN))
        elif kind == 1:
            title = "%s wins %s approval in %s" % (co, svc, self.places(1)[0])
        elif kind == 2:
            title = "%s %s rises as %s weighs new licences" % (self.places(1)[0], self.pick(MEASURES)[0], reg_short)
        else:
            title = "%s rejects %s bid for %s licence" % (reg_short, co, svc)
        paras = []
        if r.random() < 0.4:
            city = self.pick(self.n.cities)[0].upper()
            ag = self.pick(self.n.agencies)
            paras.append("%s, %s %d (%s) - " % (city, MONTHS[month - 1], day, ag[1] or ag[0]))
            paras[0] += self.p_intro(reg, abbr, svc)
        else:
            paras.append(self.p_intro(reg, abbr, svc))
        gens = [lambda: self.p_active(reg_short), lambda: self.p_passive(reg),
                lambda: self.p_passive2(reg), lambda: self.p_list(reg_short),
                lambda: self.p_receive(reg), self.p_stat, self.p_money, self.p_decision,
                lambda: self.p_counter(reg, reg_short), lambda: self.p_quote(reg, reg_short),
                lambda: self.p_background(svc)]
        for _ in range(r.randint(4, 11)):
            k = r.randint(1, 3)
            paras.append(" ".join(self.pick(gens)() for _ in range(k)))
        body = "\n\n".join(paras) + "\n"
        stem = "%s-%s-%06d" % (slug(reg_short)[:24] or "reg", date, self.index)
        return stem, date, title, body


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=parse_size, default=parse_size("1MB"),
                    help="total bytes of the .txt layout (default 1MB)")
    ap.add_argument("--seed", default="1", help="seed (default 1)")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--layout", choices=["both", "txt", "jsonl"], default="both")
    ap.add_argument("--gazetteer", default=DEFAULT_GAZ, help="gazetteer directory")
    ap.add_argument("--per-dir", type=int, default=1000, help=".txt files per sub-directory")
    args = ap.parse_args(argv)

    names = Names(args.gazetteer)
    os.makedirs(args.out, exist_ok=True)
    want_txt = args.layout in ("both", "txt")
    want_jsonl = args.layout in ("both", "jsonl")
    txt_root = os.path.join(args.out, "txt")
    jl = open(os.path.join(args.out, "articles.jsonl"), "w", encoding="utf-8", newline="\n") if want_jsonl else None
    total = jsonl_bytes = i = 0
    cur_dir = None
    try:
        while total < args.size:
            stem, date, title, body = Article(names, args.seed, i).build()
            txt = " date %s %s\n\n%s" % (date, title, body)
            data = txt.encode("utf-8")
            total += len(data)
            if want_txt:
                d = os.path.join(txt_root, "%03d" % (i // args.per_dir))
                if d != cur_dir:
                    os.makedirs(d, exist_ok=True)
                    cur_dir = d
                with open(os.path.join(d, stem + ".txt"), "wb") as f:
                    f.write(data)
            if jl:
                line = json.dumps({"id": stem, "url": "https://news.example.org/%s/%s.html" % (date[:7].replace("-", "/"), stem),
                                   "date": date, "title": title, "text": body},
                                  ensure_ascii=False) + "\n"
                jl.write(line)
                jsonl_bytes += len(line.encode("utf-8"))
            i += 1
    finally:
        if jl:
            jl.close()
    manifest = {"generator": "gen_corpus.py", "seed": args.seed, "size_requested": args.size,
                "articles": i, "txt_bytes": total, "jsonl_bytes": jsonl_bytes if jl else None,
                "layout": args.layout}
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(manifest, sort_keys=True))


if __name__ == "__main__":
    main()
