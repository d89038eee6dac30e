"""benchmarks/all.py reads every part's figures into its targets table, Spark's included (issue 17, item 5)."""

from __future__ import annotations

from benchmarks import all as everything


def test_spark_targets_judge_each_program_per_loan_and_planning() -> None:
    data = {"master": "local[*]", "programs": {
        "a": {"rows": 1_000_000, "spark_over_duckdb": 2.5, "spark_us_per_loan": 15.0, "duckdb_us_per_loan": 6.0,
              "plan_seconds": 3.0},
        "b": {"rows": 1_000_000, "spark_over_duckdb": 3.01, "spark_us_per_loan": 18.1, "duckdb_us_per_loan": 6.0,
              "plan_seconds": 2.99}}}
    got = {(t["target"], t["met"]) for t in everything.spark_targets(data)}
    assert got == {("Spark (local[*]) within 3x of DuckDB per loan, a, 1,000,000 rows", True),
                   ("Spark planning under 3 s, a", False),  # 3.0 s is not under 3 s
                   ("Spark (local[*]) within 3x of DuckDB per loan, b, 1,000,000 rows", False),
                   ("Spark planning under 3 s, b", True)}


def test_a_failed_ci_spark_run_is_never_a_met_target() -> None:
    failed = everything.spark_ci_targets({"median_seconds": None, "runs": [{"summary": "1 failed, 2 passed"}]})
    assert failed == [{"part": "spark", "target": "the CI Spark tests (tests/screen/test_spark.py) under 60 s",
                       "figure": "failed: 1 failed, 2 passed", "goal": "< 60 s", "met": False}]
    assert everything.spark_ci_targets({"median_seconds": 59.4})[0]["met"] is True
    assert everything.spark_ci_targets({"median_seconds": 60.0})[0]["met"] is False
