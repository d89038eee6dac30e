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


def test_a_part_not_run_again_keeps_how_it_last_ran_only_for_the_same_figures(monkeypatch) -> None:
    files = {"per_loan.json": {"machine": {"date": "2026-12-04 00:53 UTC"}},
             "tapes.json": {"machine": {"date": "2026-12-04 01:10 UTC"}},
             "results.json": {"parts": {
                 "per_loan": {"status": "ran (600 s)", "run_by": "python benchmarks/all.py",
                              "measured": "2026-12-04 00:53 UTC"},
                 "tapes": {"status": "ran (900 s)", "run_by": "python benchmarks/all.py",
                           "measured": "2026-12-03 19:26 UTC"}}}}  # tapes measured again since, by hand
    monkeypatch.setattr(everything, "_load", lambda name: files.get(name))
    parts = everything.summarise("python benchmarks/all.py --render", {}, {})["parts"]
    assert parts["per_loan"]["status"] == "ran (600 s) by `python benchmarks/all.py`"
    assert parts["tapes"]["status"] == "not run (figures from the part's last run)"
    assert parts["compiler"]["status"] == "no results yet (compiler_scale_run.json missing)"
    ran = everything.summarise("python benchmarks/all.py --only tapes", {}, {"tapes": {"status": "ran (5 s)", "exit": 0}})
    assert ran["parts"]["tapes"]["run_by"] == "python benchmarks/all.py --only tapes"


def test_the_ci_spark_tally_reads_pytests_junit_report(tmp_path) -> None:
    from benchmarks import spark_ci

    report = tmp_path / "r.xml"
    report.write_text('<testsuites><testsuite name="pytest" errors="0" failures="1" skipped="2" tests="9">'
                      '</testsuite></testsuites>', encoding="utf-8")
    assert spark_ci.tally(report) == {"passed": 6, "failed": 1, "errors": 0, "skipped": 2}
    assert spark_ci.tally(tmp_path / "absent.xml") == {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}


def test_compiler_targets_judge_cold_no_op_and_one_changed_builds_and_watch() -> None:
    fig = {"build cold": {"median_s": 1.9, "cpu_median_s": 3.0}, "build no-op": {"median_s": 0.2},
           "build 1 changed": {"median_s": 0.31}, "watch 1 changed": {"median_s": 0.29}}
    got = {t["target"]: t["met"] for t in everything.compiler_targets({"results": {"100": fig}})}
    assert got == {"glc build of 100 programs, cold under 2 s": True,
                   "glc build of 100 programs, nothing changed (a new process) under 0.2 s": False,  # 0.2 is not under
                   "glc build of 100 programs after one program changed (a new process) under 0.3 s": False,
                   "glc watch: rebuild of 100 programs after one changed under 0.3 s": True}
