#!/usr/bin/python3
"""The reporting of bench/compare.py (benchlib/compare_table.py) on a fixed results document:
ratios to the best server, djabberd against its best peer, missing values, failures."""

import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from benchlib import compare_table  # noqa: E402


def load_sample():
    with open(os.path.join(HERE, "data", "compare-sample.json"), encoding="utf-8") as f:
        return json.load(f)


class RowsTest(unittest.TestCase):
    def setUp(self):
        self.doc = load_sample()
        self.rows = {r["label"]: r for r in compare_table.rows(self.doc)}

    def test_every_metric_has_a_row_in_order(self):
        self.assertEqual([r["label"] for r in compare_table.rows(self.doc)],
                         [compare_table.label(m[0], self.doc) for m in compare_table.METRICS])

    def test_labels_state_the_sizes(self):
        self.assertIn("memory per idle connection, plain TCP (5,000 connections, bytes)",
                      self.rows)
        self.assertIn("memory per idle connection, STARTTLS (5,000 connections, bytes)",
                      self.rows)
        self.assertIn("presence fan-out (1,010 users × 100 contacts): s until all delivered",
                      self.rows)
        # an older document without the fan-out settings still renders
        del self.doc["settings"]["fanout_users"]
        labels = [r["label"] for r in compare_table.rows(self.doc)]
        self.assertIn("presence fan-out (? users × 100 contacts): s until all delivered", labels)

    def test_plain_tcp_idle_row(self):
        row = self.rows["memory per idle connection, plain TCP (5,000 connections, bytes)"]
        self.assertEqual(row["values"], {"djabberd": 6000, "prosody": 30000, "ejabberd": None,
                                         "broken": None})
        self.assertAlmostEqual(row["ratios"]["prosody"], 5.0)
        self.assertAlmostEqual(row["ours_vs_best_peer"], 0.2)

    def test_fanout_rows(self):
        row = self.rows["presence fan-out (1,010 users × 100 contacts): s until all delivered"]
        # prosody did not complete: no time, so the comparison is with ejabberd
        self.assertEqual(row["values"], {"djabberd": 4.0, "prosody": None, "ejabberd": 8.0,
                                         "broken": None})
        self.assertAlmostEqual(row["ours_vs_best_peer"], 0.5)
        row = self.rows["presence fan-out: presences delivered/s"]
        self.assertAlmostEqual(row["ratios"]["ejabberd"], 0.5)
        self.assertAlmostEqual(row["ours_vs_best_peer"], 2.0)

    def test_lower_is_better_ratio_to_the_lowest(self):
        row = self.rows["memory per idle connection, STARTTLS (5,000 connections, bytes)"]
        self.assertEqual(row["values"], {"djabberd": 20000, "prosody": 50000,
                                         "ejabberd": 40000, "broken": None})
        self.assertAlmostEqual(row["ratios"]["djabberd"], 1.0)
        self.assertAlmostEqual(row["ratios"]["prosody"], 2.5)
        self.assertAlmostEqual(row["ratios"]["ejabberd"], 2.0)
        self.assertIsNone(row["ratios"]["broken"])
        # djabberd vs the leaner peer (ejabberd): 20,000 / 40,000
        self.assertAlmostEqual(row["ours_vs_best_peer"], 0.5)

    def test_higher_is_better_ratio_to_the_highest(self):
        row = self.rows["logins/s"]
        self.assertAlmostEqual(row["ratios"]["djabberd"], 1.0)
        self.assertAlmostEqual(row["ratios"]["prosody"], 100 / 700)
        self.assertAlmostEqual(row["ours_vs_best_peer"], 2.0)  # 700 / 350

    def test_peer_better_than_us(self):
        row = self.rows["latency at fixed rate p50 (ms)"]
        self.assertAlmostEqual(row["ratios"]["prosody"], 1.0)
        self.assertAlmostEqual(row["ratios"]["djabberd"], 2.0)
        self.assertAlmostEqual(row["ours_vs_best_peer"], 2.0)

    def test_missing_and_null_values_are_skipped(self):
        row = self.rows["msgs/s at saturation"]
        self.assertIsNone(row["values"]["ejabberd"])  # null in the JSON
        self.assertAlmostEqual(row["ours_vs_best_peer"], 2.0)  # 14,000 / 7,000 (prosody)
        row = self.rows["server CPU s / 1,000 msgs, fixed rate"]
        self.assertIsNone(row["values"]["ejabberd"])  # absent
        self.assertAlmostEqual(row["ours_vs_best_peer"], 0.7)

    def test_no_djabberd_column(self):
        doc = self.doc
        del doc["servers"]["djabberd"]
        for row in compare_table.rows(doc):
            self.assertIsNone(row["ours_vs_best_peer"])

    def test_all_missing(self):
        self.assertIsNone(compare_table.best_of([None, None], "low"))
        self.assertIsNone(compare_table.ratio(5, 0))


class FormattingTest(unittest.TestCase):
    def setUp(self):
        self.doc = load_sample()

    def test_text_table(self):
        lines = compare_table.text_table(self.doc).splitlines()
        self.assertEqual(len(lines), 1 + len(compare_table.METRICS))
        self.assertEqual(lines[0].split(),
                         ["figure", "(better)", "djabberd", "prosody", "ejabberd", "broken",
                          "djabberd", "/", "best", "peer"])
        idle = next(line for line in lines if line.startswith("memory per idle connection, S"))
        self.assertIn("20,000 (1.00×)", idle)
        self.assertIn("50,000 (2.50×)", idle)
        self.assertTrue(idle.rstrip().endswith("0.50"))
        # columns line up: every line is as wide as the header
        self.assertEqual({len(line) for line in lines}, {len(lines[0])})

    def test_markdown_table(self):
        lines = compare_table.markdown_table(self.doc).splitlines()
        self.assertEqual(lines[0], "| figure | djabberd | prosody | ejabberd | broken | "
                                   "djabberd / best peer |")
        self.assertEqual(lines[1], "|---|---|---|---|---|---|")
        self.assertIn("| logins/s (high is better) | 700 (1.00×) | 100 (0.14×) | "
                      "350 (0.50×) | - | 2.00 |", lines)

    def test_failures(self):
        self.assertEqual(compare_table.failures(self.doc), [
            "prosody: 3 logins failed; saturation: 0 errors, 2 lost, 0 logins failed; fan-out: "
            "7 presences missing (2 clients incomplete), 1 logins failed",
            "ejabberd: plain-TCP idle run failed: RuntimeError: ejabberd did not start",
            "broken: run failed: RuntimeError: did not start",
        ])


if __name__ == "__main__":
    unittest.main()
