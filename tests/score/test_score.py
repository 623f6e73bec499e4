#!/usr/bin/python3
"""Tests for the dev-set scorer (score.py) on the small fixtures in fixtures/.

Run with Debian's interpreter (it has python3-rdflib):
    /usr/bin/python3 tests/score/test_score.py
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
SCORE = os.path.join(HERE, "score.py")
FAKE = os.path.join(FIXTURES, "fake-telegraph")
sys.path.insert(0, HERE)

import score  # noqa: E402

CATEGORIES = list(score.CATEGORIES)


def fixture(name):
    return os.path.join(FIXTURES, name)


def run_scorer(*args, mode=None, telegraph=FAKE, extra_env=None):
    """Runs score.py; returns (exit status, stdout, stderr, json report or None)."""
    env = dict(os.environ)
    env.pop("FAKE_TELEGRAPH_MODE", None)
    env.pop("FAKE_TELEGRAPH_LOG", None)
    if mode:
        env["FAKE_TELEGRAPH_MODE"] = mode
    env.update(extra_env or {})
    with tempfile.TemporaryDirectory() as tmp:
        out_json = os.path.join(tmp, "score.json")
        proc = subprocess.run([sys.executable, SCORE, "--telegraph", telegraph,
                               "--json", out_json] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env, universal_newlines=True)
        report = None
        if os.path.exists(out_json):
            with open(out_json, encoding="utf-8") as fh:
                report = json.load(fh)
    return proc.returncode, proc.stdout, proc.stderr, report


def last_line(text):
    lines = text.rstrip("\n").split("\n")
    return lines[-1]


class NormaliseTest(unittest.TestCase):
    def test_names(self):
        n = score.norm_name
        self.assertEqual(n("The  Ministry of Industry"), "ministry of industry")
        self.assertEqual(n("the State Council"), n("State Council"))
        self.assertEqual(n("People\u2019s Bank of China"), n("People's Bank of China"))
        self.assertEqual(n("Siemens Digital Technology (Shenzhen) Co."),
                         "siemens digital technology shenzhen co")
        self.assertEqual(n("\uff2d\uff29\uff29\uff34"), "miit")  # full-width, NFKC
        self.assertEqual(n("Stra\u00dfe AG"), "strasse ag")       # casefold
        self.assertEqual(n("  Beijing,\n"), "beijing")
        self.assertEqual(n("Theta Corp"), "theta corp")          # only the word "the"
        self.assertNotEqual(n("MIIT"), n("Ministry of Industry and Information Technology"))

    def test_numbers_dates_units(self):
        self.assertEqual(score.to_decimal("2400.0"), score.to_decimal("2400"))
        self.assertEqual(score.to_decimal("1200000000.00"), Decimal("1.2E9"))
        self.assertIsNone(score.to_decimal("2,400"))
        self.assertIsNone(score.to_decimal("NaN"))
        self.assertEqual(score.norm_date("2025-02-28Z"), "2025-02-28")
        self.assertEqual(score.norm_date(" 2025-02 "), "2025-02")
        self.assertEqual(score.norm_date("2025-02-28T09:00:00+08:00"), "2025-02-28")
        self.assertEqual(score.norm_unit("CNY"), score.norm_unit("cny"))


def gold_fact(category, *values):
    """A gold Fact built the way parse_gold builds it."""
    with tempfile.NamedTemporaryFile("w", suffix=".gold", delete=False,
                                     encoding="utf-8") as fh:
        fh.write("\t".join((category,) + values) + "\n")
    try:
        return score.parse_gold(fh.name)[0]
    finally:
        os.unlink(fh.name)


def pred_fact(category, *slots):
    """A predicted Fact; name slots are given as lists of labels."""
    keys, shown = [], []
    for kind, value in zip(score.CATEGORIES[category], slots):
        if kind == "name":
            keys.append(frozenset(score.norm_name(v) for v in value))
            shown.append(value[0])
        elif kind in ("num", "int"):
            keys.append(score.to_decimal(value))
            shown.append(value)
        else:
            keys.append(value)
            shown.append(value)
    return score.Fact(category, tuple(keys), tuple(shown), "test")


class MatchingTest(unittest.TestCase):
    def test_precision_and_recall_are_not_swapped(self):
        golds = [gold_fact("approval", "NCC", "MTN Nigeria"),
                 gold_fact("approval", "NCC", "Airtel Nigeria"),
                 gold_fact("approval", "NCC", "Globacom")]
        preds = [pred_fact("approval", ["Nigerian Communications Commission", "NCC"], ["MTN Nigeria"]),
                 pred_fact("approval", ["Nigerian Communications Commission", "NCC"], ["Airtel Nigeria"])]
        counts, misses = score.score_file(golds, preds)
        m = score.metrics(counts["approval"])
        self.assertEqual((counts["approval"]["gold"], counts["approval"]["pred"],
                          counts["approval"]["tp"]), (3, 2, 2))
        self.assertEqual(m, {"precision": 1.0, "recall": 0.667, "f1": 0.8})
        self.assertEqual([f.shown for f in misses["approval"]["fn"]], [("NCC", "Globacom")])
        self.assertEqual(misses["approval"]["fp"], [])

    def test_one_to_one_maximum_matching(self):
        # Greedy in gold order would give "MIIT" the entity that is the only
        # possible match of the second gold line; the matcher must not.
        golds = [gold_fact("entity", "Regulator", "MIIT"),
                 gold_fact("entity", "Regulator", "Ministry of Industry and Information Technology")]
        preds = [pred_fact("entity", "Regulator", ["Ministry of Industry and Information Technology", "MIIT"]),
                 pred_fact("entity", "Regulator", ["MIIT"])]
        counts, _ = score.score_file(golds, preds)
        self.assertEqual(counts["entity"]["tp"], 2)
        # and one output tuple never matches two gold lines
        counts, _ = score.score_file(golds, preds[:1])
        self.assertEqual(counts["entity"]["tp"], 1)

    def test_type_must_agree(self):
        counts, _ = score.score_file([gold_fact("entity", "Regulator", "State Council")],
                                     [pred_fact("entity", "GovernmentBody", ["State Council"])])
        self.assertEqual(counts["entity"]["tp"], 0)
        self.assertEqual(counts["entity:Regulator"]["gold"], 1)
        self.assertEqual(counts["entity:GovernmentBody"]["pred"], 1)

    def test_undefined_metrics(self):
        self.assertEqual(score.metrics({"gold": 0, "pred": 0, "tp": 0}),
                         {"precision": None, "recall": None, "f1": None})
        self.assertEqual(score.metrics({"gold": 2, "pred": 0, "tp": 0}),
                         {"precision": None, "recall": 0.0, "f1": 0.0})


class GoldParseTest(unittest.TestCase):
    def parse_text(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".gold", delete=False,
                                         encoding="utf-8") as fh:
            fh.write(text)
        self.addCleanup(os.unlink, fh.name)
        return fh.name, score.parse_gold

    def assertGoldError(self, text, lineno, fragment):
        path, parse = self.parse_text(text)
        with self.assertRaises(score.UsageError) as cm:
            parse(path)
        self.assertIn("%s:%d:" % (path, lineno), str(cm.exception))
        self.assertIn(fragment, str(cm.exception))

    def test_errors_name_file_and_line(self):
        self.assertGoldError("# c\n\nreported-by\tXinhua\nbogus\tx\ty\n", 4, "unknown category")
        self.assertGoldError("approval\tNCC\n", 1, "needs 2")
        self.assertGoldError("reported-by\tXinhua\tReuters\n", 1, "needs 1")
        self.assertGoldError("entity\tService\tinternet access\n", 1, "not scored")
        self.assertGoldError("approval-count\tNCC\tthirteen\n", 1, "integer")
        self.assertGoldError("statistic\t2,400\tenterprises\n", 1, "decimal")
        self.assertGoldError("approval-date\tNCC\t28/02/2025\n", 1, "YYYY-MM-DD")

    def test_comments_blank_lines_and_fields(self):
        path, parse = self.parse_text(
            "# header\n\n  \nentity\tPlace\tBeijing\nstatistic\t2400\tenterprises\r\n"
            "reported-by\tXinhua News Agency\n")
        facts = parse(path)
        self.assertEqual([f.category for f in facts], ["entity", "statistic", "reported-by"])
        self.assertEqual(facts[1].keys, (Decimal("2400"), "enterprises"))


class FixtureTest(unittest.TestCase):
    """Runs score.py on the fixture directories through the fake telegraph."""

    def assertAllPerfect(self, totals):
        for category in CATEGORIES + ["all"]:
            self.assertEqual(totals[category]["f1"], 1.0, category)
            self.assertEqual(totals[category]["precision"], 1.0, category)
            self.assertEqual(totals[category]["recall"], 1.0, category)

    def test_exact_output_scores_one(self):
        rc, out, err, report = run_scorer(fixture("exact"))
        self.assertEqual(rc, 0, err)
        self.assertAllPerfect(report["dirs"]["exact"]["totals"])
        self.assertEqual(report["dirs"]["exact"]["totals"]["entity"]["gold"], 11)
        self.assertEqual(report["dirs"]["exact"]["totals"]["all"]["tp"], 24)
        self.assertTrue(report["provenance_flag"])
        self.assertEqual(last_line(out), "0 passed, 0 failed")

    def test_missing_and_extra_approval(self):
        rc, out, err, report = run_scorer("--verbose", fixture("missing-extra"))
        self.assertEqual(rc, 0, err)
        totals = report["dirs"]["missing-extra"]["totals"]
        approval = totals["approval"]
        self.assertEqual((approval["gold"], approval["pred"], approval["tp"],
                          approval["fp"], approval["fn"]), (2, 2, 1, 1, 1))
        self.assertEqual((approval["precision"], approval["recall"], approval["f1"]),
                         (0.5, 0.5, 0.5))
        # the wrong recipient is also a wrong Company entity: 10 of 11
        self.assertEqual((totals["entity"]["precision"], totals["entity"]["recall"],
                          totals["entity"]["f1"]), (0.909, 0.909, 0.909))
        self.assertEqual(totals["entity:Company"]["f1"], 0.5)
        self.assertEqual(totals["all"]["f1"], 0.917)  # 22 of 24
        self.assertEqual(totals["approval-region"]["f1"], 1.0)
        self.assertIn("FN  Ministry of Industry and Information Technology | "
                      "Siemens Digital Technology (Shenzhen) Co", out)
        self.assertIn("FP  Ministry of Industry and Information Technology | Siemens AG", out)
        self.assertIn("approval (gold 2, pred 2, TP 1)", out)
        misses = report["dirs"]["missing-extra"]["files"]["miit-2025-02-28.txt"]["misses"]
        self.assertEqual(misses["approval"]["fp"][0]["tuple"],
                         ["Ministry of Industry and Information Technology", "Siemens AG"])

    def test_no_granting_body(self):
        # "-" in the regulator slot matches an approval without tg:grantedBy,
        # and only such an approval: "- | Orbis Pay" misses, since Orbis
        # Pay's approval names its granting body.
        rc, out, err, report = run_scorer("--verbose", fixture("nobody"))
        self.assertEqual(rc, 0, err)
        totals = report["dirs"]["nobody"]["totals"]
        approval = totals["approval"]
        self.assertEqual((approval["gold"], approval["pred"], approval["tp"]), (3, 2, 2))
        self.assertEqual(totals["approval-region"]["f1"], 1.0)
        self.assertEqual(totals["approval-date"]["f1"], 1.0)
        self.assertIn("FN  - | Orbis Pay", out)
        self.assertEqual(score.norm_name("-"), "")

    def test_micro_average_over_dirs(self):
        rc, out, err, report = run_scorer(fixture("exact"), fixture("missing-extra"))
        self.assertEqual(rc, 0, err)
        overall = report["overall"]["approval"]
        self.assertEqual((overall["gold"], overall["pred"], overall["tp"]), (4, 4, 3))
        self.assertEqual(overall["f1"], 0.75)
        self.assertIn("== overall (2 files) ==", out)

    def test_alias_via_altlabel(self):
        rc, out, err, report = run_scorer("--verbose", fixture("alias"))
        self.assertEqual(rc, 0, err + out)
        self.assertAllPerfect(report["dirs"]["alias"]["totals"])
        self.assertIn("all tuples match", out)

    def test_alias_needed(self):
        # The same gold against the exact output, which has no altLabel "Xinhua":
        # the NewsAgency entity and reported-by must then miss.
        with tempfile.TemporaryDirectory() as tmp:
            d = os.path.join(tmp, "noalias")
            os.mkdir(d)
            for ext, src in ((".txt", "alias"), (".gold", "alias"), (".nt", "exact")):
                with open(os.path.join(FIXTURES, src, "miit-2025-02-28" + ext), encoding="utf-8") as fh:
                    data = fh.read()
                with open(os.path.join(d, "miit-2025-02-28" + ext), "w", encoding="utf-8") as fh:
                    fh.write(data)
            rc, out, err, report = run_scorer(d)
        self.assertEqual(rc, 0, err)
        totals = report["dirs"]["noalias"]["totals"]
        self.assertEqual(totals["reported-by"]["tp"], 0)
        self.assertEqual(totals["entity:NewsAgency"]["tp"], 0)
        self.assertEqual(totals["approval"]["f1"], 1.0)  # "MIIT" is an altLabel in both

    def test_numbers_written_differently(self):
        rc, out, err, report = run_scorer("--verbose", fixture("numbers"))
        self.assertEqual(rc, 0, err + out)
        totals = report["dirs"]["numbers"]["totals"]
        self.assertAllPerfect(totals)
        self.assertEqual(totals["statistic"]["tp"], 2)
        self.assertEqual(totals["approval-count"]["tp"], 2)

    def test_floors_met(self):
        rc, out, err, report = run_scorer("--floors", fixture("floors-pass.tsv"), fixture("exact"))
        self.assertEqual(rc, 0, err)
        self.assertEqual(last_line(out), "4 passed, 0 failed")
        self.assertEqual(report["skipped"], 1)  # heldout was not scored

    def test_floor_missed_exits_1(self):
        rc, out, err, report = run_scorer("--floors", fixture("floors-fail.tsv"),
                                          fixture("missing-extra"))
        self.assertEqual(rc, 1, err)
        self.assertIn("FLOOR MISSED: missing-extra approval f1 = 0.500 < 0.700", out)
        self.assertEqual(last_line(out), "2 passed, 1 failed")
        self.assertEqual((report["passed"], report["failed"]), (2, 1))

    def test_repository_floors_file_parses(self):
        rc, out, err, _ = run_scorer("--floors", os.path.join(HERE, "floors.tsv"), fixture("exact"))
        self.assertEqual(rc, 0, err)
        self.assertEqual(last_line(out), "0 passed, 0 failed")  # all floors name other DIRs

    def test_bad_floors_file_exits_2(self):
        rc, out, err, _ = run_scorer("--floors", fixture("floors-bad.tsv"), fixture("exact"))
        self.assertEqual(rc, 2)
        self.assertIn("floors-bad.tsv:1:", err)

    def test_bad_gold_exits_2(self):
        rc, out, err, _ = run_scorer(fixture("bad-category"))
        self.assertEqual(rc, 2)
        self.assertIn(os.path.join("bad-category", "miit-2025-02-28.gold") + ":3:", err)
        rc, out, err, _ = run_scorer(fixture("bad-fields"))
        self.assertEqual(rc, 2)
        self.assertIn(os.path.join("bad-fields", "miit-2025-02-28.gold") + ":4:", err)

    def test_telegraph_failure_exits_2(self):
        for mode, fragment in (("crash", "signal"), ("fail", "something went wrong")):
            rc, out, err, _ = run_scorer(fixture("exact"), mode=mode)
            self.assertEqual(rc, 2, mode)
            self.assertIn("miit-2025-02-28.txt", err)
            self.assertIn(fragment, err)

    def test_retry_without_provenance(self):
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "calls")
            rc, out, err, report = run_scorer(fixture("numbers"), mode="no-provenance",
                                              extra_env={"FAKE_TELEGRAPH_LOG": log})
            with open(log) as fh:
                calls = fh.read().splitlines()
        self.assertEqual(rc, 0, err)
        self.assertAllPerfect(report["dirs"]["numbers"]["totals"])
        self.assertFalse(report["provenance_flag"])
        # first file: rejected, then retried; second file: straight without the flag
        self.assertEqual(len(calls), 3)
        self.assertIn("--provenance none", calls[0])
        self.assertNotIn("--provenance", calls[1] + calls[2])

    def test_usage_errors_exit_2(self):
        rc, _, err, _ = run_scorer(fixture("exact"), telegraph=os.path.join(FIXTURES, "missing"))
        self.assertEqual(rc, 2)
        rc, _, err, _ = run_scorer(fixture("no-such-dir"))
        self.assertEqual(rc, 2)
        with tempfile.TemporaryDirectory() as tmp:
            rc, _, err, _ = run_scorer(tmp)  # no .txt/.gold pairs
        self.assertEqual(rc, 2)
        proc = subprocess.run([sys.executable, SCORE, fixture("exact")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(proc.returncode, 2)  # --telegraph missing


if __name__ == "__main__":
    unittest.main()
