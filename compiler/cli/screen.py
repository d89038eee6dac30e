"""`glc screen`: screen a loan tape under programs.

`glc screen TAPE` writes into --out (default `screen-out/`): `results.parquet` and `results.csv` (one row per
tape row and program: row, loan_id, program, status, each limit with its binding rule, failing / missing / review
rule ids, conditions, and the reason for `invalid` rows) and `summary.json` (counts by program and status,
engine, time). Files are written under temporary names and renamed at the end: a failed run leaves nothing
half-written. Exit 0 done, 1 bad input (tape, mapping, programs), 2 usage error, 3 an internal error (DuckDB refusing
glc's own SQL: a bug in glc, never reported as a bad tape).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from compiler import ir_program
from compiler.cli.choices import Engine
from compiler.cli.invocation import input_path, invocation
from compiler.cli.render import checked_programs, err_console, print_diagnostics
from compiler.cli.render import console as stdout_console
from compiler.project import Project

if TYPE_CHECKING:
    from compiler.screen.duck import SqlError

# The tape reader and DuckDB (sqlglot: a third of a second) are imported when a tape is screened, not by every command.

STATUSES = ("eligible", "needs_info", "ineligible", "invalid")


def screen(
    tape: Annotated[str, typer.Argument(metavar="TAPE", help="The loan tape: .csv or .parquet.")],
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Program id (repeatable).")] = None,
    all_programs: Annotated[bool, typer.Option("--all", help="Screen every loan under every program (abstract shared rules left out).")] = False,
    engine: Annotated[Engine, typer.Option(help="duckdb (default), python (generated checkers), reference, or spark.")] = Engine.duckdb,
    out: Annotated[str, typer.Option(help="Folder for results.parquet, results.csv, summary.json.")] = "screen-out",
    mapping: Annotated[str | None, typer.Option(help="TOML file mapping the tape's columns and formats.")] = None,
    scenario: Annotated[str | None, typer.Option(help="Stress scenario of programs/*.portfolio to apply.")] = None,
    master: Annotated[str | None, typer.Option(help="spark engine: the Spark master URL (default local[*]).")] = None,
    emit_sql: Annotated[str | None, typer.Option(help="spark engine: write the Spark SQL and the checked tape into this "
                                                      "folder for spark-submit, and stop.")] = None,
    report: Annotated[bool, typer.Option("--report/--no-report",
                                         help="Write report.html (and loans.parquet, the facts it charts).")] = True,
    compare_to: Annotated[str | None, typer.Option("--compare-to", metavar="DIR",
                                                   help="An earlier run's --out folder: the report shows the status "
                                                        "flips and pool-limit movement since.")] = None,
) -> None:
    """Screen a loan tape: every row under the programs (or each row's own `program` column)."""
    inv = invocation()
    project = inv.project()
    tape_path = input_path(inv.arg(tape), "tape")
    mapping_path = input_path(inv.arg(mapping), "mapping file") if mapping else None
    earlier = input_path(inv.arg(compare_to), "earlier screening folder", folder=True) if compare_to else None
    raise typer.Exit(run_screen(project, str(tape_path), program or [], all_programs, engine.value, str(inv.arg(out)),
                                str(mapping_path) if mapping_path else None, stdout_console(), scenario=scenario,
                                master=master, emit_sql=str(inv.arg(emit_sql)) if emit_sql else None, report=report,
                                compare_to=str(earlier) if earlier else None))


def _surveillance(project: Project, bundle: Any, scenario: str | None, err: Console) -> Any:
    """The portfolio surveillance of the run (None: nothing to do), or an exit code after printing why."""
    from compiler.driver import check_portfolios, find_portfolios
    from compiler.portfolio.screen import PortfolioError, Surveillance

    paths = find_portfolios(project.programs)
    checked = check_portfolios(paths, bundle.vocabulary) if paths else None
    if checked is not None and not checked.ok:
        print_diagnostics(checked.diagnostics, checked.sources, err)
        err.print(Text("The portfolio files in programs/ have errors: fix them before screening."))
        return 1
    try:
        return Surveillance.open(checked.portfolio if checked is not None else None, scenario)
    except PortfolioError as e:
        err.print(Text(str(e)))
        return e.code


def screened_programs(bundle: ir_program.Bundle, programs: list[str], all_programs: bool) -> list[str] | None:
    """The programs a screen runs: those named, every product for --all (abstract shared rules left out), or
    None: each row's own `program` column."""
    if all_programs:
        return [p.id for p in bundle.programs if not p.abstract]
    return list(dict.fromkeys(programs)) or None


def run_screen(project: Project, tape: str, programs: list[str], all_programs: bool, engine: str, out: str,
               mapping: str | None, console: Console, progress: bool | None = None, scenario: str | None = None,
               master: str | None = None, emit_sql: str | None = None, report: bool = True,
               compare_to: str | None = None, now: dt.datetime | None = None) -> int:
    """Screen `tape`; the exit code. `compare_to`: an earlier run's folder for the report; `now`: the run's time as
    recorded (default: SOURCE_DATE_EPOCH or the clock)."""
    import shutil
    import tempfile

    from compiler.screen.engines import ENGINES, connect

    err = err_console()
    if engine not in ENGINES:
        err.print(Text(f"No engine `{engine}`: use one of {', '.join(ENGINES)}."))
        return 2
    if programs and all_programs:
        err.print(Text("Give --program or --all, not both."))
        return 2
    if compare_to is not None:
        from compiler.screen.report.data import ReportError, load_summary

        try:
            load_summary(Path(compare_to))
        except ReportError as e:
            err.print(Text(f"--compare-to: {e}"))
            return 1
        if not report:
            err.print(Text("--compare-to is shown in the report: drop --no-report."))
            return 2
        if Path(compare_to).resolve() == Path(out).resolve():
            err.print(Text("--compare-to names the --out folder, which this run overwrites: copy the earlier run "
                           "elsewhere or give another --out."))
            return 2
    if engine != "spark" and (master or emit_sql):
        err.print(Text(f"{'--master' if master else '--emit-sql'} is for the spark engine: add --engine spark."))
        return 2
    if engine == "spark" and not emit_sql:
        from compiler.screen.spark import SparkError, check_available

        try:
            check_available()
        except SparkError as e:
            err.print(Text(str(e)))
            return 1
    bundle = checked_programs(project, err, "before screening", cached=True)
    if bundle is None:
        return 1
    surveillance = _surveillance(project, bundle, scenario, err)
    if isinstance(surveillance, int):
        return surveillance
    ids = [p.id for p in bundle.programs]
    for p in programs:
        if p not in ids:
            close = difflib.get_close_matches(p, ids, n=1)
            hint = f" Did you mean `{close[0]}`?" if close else ""
            err.print(Text(f"No program `{p}`.{hint} Programs: {', '.join(sorted(ids))}."))
            return 2
    chosen = screened_programs(bundle, programs, all_programs)
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        err.print(Text(f"--out {out} is a file; give a folder for the results."))
        return 2
    work = tempfile.mkdtemp(prefix="glc-screen-")  # the typed tape lives on disk: memory stays bounded
    try:
        con = connect(database=str(Path(work) / "screen.duckdb"))
        con.execute(f"SET temp_directory = '{Path(work) / 'spill'}'")
        spark = {"work": Path(work) / "spark", "master": master or "local[*]", "emit_sql": emit_sql}
        gen = project.import_generated() if engine in ("python", "reference") else None
        run = {"compare_to": Path(compare_to) if compare_to else None, "now": now, "cache": project.build_cache()}
        return _screen(con, bundle, tape, chosen, engine, out_dir, mapping, console, err, progress, surveillance, spark,
                       report, gen, run)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _screen(con: Any, bundle: Any, tape: str, chosen: list[str] | None, engine: str, out_dir: Path, mapping: str | None,
            console: Console, err: Console, progress: bool | None, surveillance: Any = None,
            spark: dict[str, Any] | None = None, report: bool = True, gen: ModuleType | None = None,
            run: dict[str, Any] | None = None) -> int:
    from compiler.screen.duck import SqlError
    from compiler.screen.engines import plan
    from compiler.screen.report import provenance
    from compiler.screen.tape import TapeError, read_mapping, tape_fault

    started = time.perf_counter()  # the whole run: reading the tape into its typed table, then screening
    try:
        m = read_mapping(Path(mapping), bundle.vocabulary) if mapping else None
        # one program, no report, no stress scenario: the query streams the tape file, measuring the pool limits in
        # the same pass (nothing reads the tape again; a second reading would cost more than keeping the typed tape)
        stream = engine == "duckdb" and not report and (surveillance is None or surveillance.scenario is None)
        cache = (run or {}).get("cache")  # the build cache: the result schema of queries planned before
        pool = surveillance.portfolio if stream and surveillance is not None else None
        p = plan(con, bundle, Path(tape), chosen, m, stream=stream, pool=pool, cache=cache, engine=engine)
    except TapeError as e:
        err.print(Text(str(e)))
        return 1
    except SqlError as e:  # glc's own SQL refused: a bug in glc, never blamed on the tape
        return _internal(err, e)
    except Exception as e:  # DuckDB errors reading a tape (e.g. a ragged CSV line): say what and where
        if not tape_fault(e):
            raise
        err.print(Text(f"Cannot read the tape {tape}: {str(e).splitlines()[0]}"))
        return 1
    if p.tape.absent:
        console.print(Text(f"Not on the tape (unknown for every loan): {', '.join(p.tape.absent)}.", style="dim"))
    for warning in p.tape.warnings:  # e.g. a percent column that looks like fractions: never a silent misread
        err.print(Text(f"Warning: {warning}", style="yellow"))
    spark = spark or {}
    if spark.get("emit_sql"):
        from compiler.screen.spark import write_job

        sql, normalised = write_job(con, p, Path(spark["emit_sql"]))
        console.print(Text(f"wrote {sql} (Spark SQL) and {normalised} (the tape, read and checked): run them with\n"
                           f"  spark-submit compiler/screen/spark_job.py {sql} {normalised} RESULTS_FOLDER"))
        return 0
    timings: dict[str, Any] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        from compiler.screen.report import loans as report_loans

        if report:
            report_loans.snapshot(con, bundle.vocabulary)  # the report's loan facts, before any stress
        if surveillance is not None:  # pool limits before any stress; with a scenario: base statuses, then the stress
            surveillance.before(con, p, bundle, engine, gen)
        counts = _write(con, p, bundle, engine, out_dir, console, progress, surveillance, spark, timings, gen)
        if p.carried:  # the pool limits, measured by the screening pass
            surveillance.measured(con)
    except TapeError as e:
        err.print(Text(str(e)))
        return 1
    except SqlError as e:
        return _internal(err, e)
    except Exception as e:  # DuckDB errors reading a tape mid-way (e.g. a ragged CSV line): say what and where
        if not tape_fault(e):
            raise
        err.print(Text(f"Cannot read the tape {tape}: {str(e).splitlines()[0]}"))
        return 1
    seconds = time.perf_counter() - started
    loans = sum(counts.values())
    summary = {
        "tape": str(tape), "engine": engine, "programs": [prog.id for prog in p.programs] if not p.per_row else "per row",
        "rows": loans, "seconds": round(seconds, 3), "rows_per_second": round(loans / seconds) if seconds else None,
        "by_program": {prog: {s: counts.get((prog, s), 0) for s in STATUSES}
                       for prog in sorted({k[0] or "" for k in counts})},
        "not_on_tape": p.tape.absent,
        "warnings": p.tape.warnings,
        **({"spark": timings} if engine == "spark" else {}),
    }
    run = run or {}
    tape_rows = int(con.execute("SELECT count(*) FROM tape").fetchone()[0])
    summary["provenance"] = provenance.record(p.programs, Path(tape), tape_rows, run.get("now"))
    if run.get("compare_to") is not None:
        summary["compare_to"] = str(Path(run["compare_to"]).resolve())
    if surveillance is not None:
        summary.update(surveillance.summary(con, bundle.vocabulary))
    _atomic(out_dir / "summary.json", json.dumps(summary, indent=2) + "\n")
    if report:
        _report(con, bundle, out_dir, stressed=surveillance is not None and surveillance.scenario is not None,
                compare_to=run.get("compare_to"))
    else:  # a report of an earlier run in this folder would no longer describe these results
        import shutil

        for name in ("report.html", "loans.parquet", "exceptions.parquet"):
            (out_dir / name).unlink(missing_ok=True)
        shutil.rmtree(out_dir / "report-loans", ignore_errors=True)
    table = Table(show_header=True, header_style="bold")
    for col in ("program", *STATUSES):
        table.add_column(col, justify="right" if col != "program" else "left")
    by_program: dict[str, dict[str, int]] = summary["by_program"]  # type: ignore[assignment]
    for prog, by in by_program.items():
        table.add_row(prog, *[str(by[s]) for s in STATUSES])
    console.print(table)
    if surveillance is not None:
        _show_surveillance(surveillance, console)
    console.print(Text(f"{loans:,} results in {seconds:.1f} s ({summary['rows_per_second'] or 0:,} per second), "
                       f"engine {engine}: {out_dir / 'results.parquet'}, {out_dir / 'results.csv'}, {out_dir / 'summary.json'}, "
                       + (f"{out_dir / 'report.html'}" if report else "no report")))
    return 0


def _show_surveillance(surveillance: Any, console: Console) -> None:
    """The pool limits (largest group, share, limit, status) and, under a scenario, how many results changed."""
    scenario = surveillance.scenario
    if surveillance.pool:
        table = Table(show_header=True, header_style="bold", title="Pool limits"
                      + (f" under {scenario.id}" if scenario else ""))
        for col in ("limit", "largest", "share", "at most", "status"):
            table.add_column(col, justify="right" if col in ("share", "at most") else "left")
        for lim in surveillance.pool:
            top = lim["groups"][0] if lim["groups"] else None
            style = {"breach": "bold red", "unknown": "yellow"}.get(lim["status"], "green")
            table.add_row(lim["id"], str(top["group"]) if top and top["group"] is not None else "",
                          f"{top['share_pct']}%" if top else "", f"{lim['at_most_pct']}%", Text(lim["status"], style=style))
        console.print(table)
    if scenario is not None:
        n = sum(surveillance.flip_counts.values())
        console.print(Text(f"Scenario {scenario.id} ({scenario.title}): {n:,} results changed status."))


def _internal(err: Console, e: SqlError) -> int:
    """glc's own SQL failed: an internal error (exit 3), said as such, with the first line of the query."""
    err.print(Text(f"glc: internal error: {e}"))
    err.print(Text(f"The query began: {e.sql[:200]}", style="dim"))
    return 3


def _report(con: Any, bundle: Any, out_dir: Path, stressed: bool, compare_to: Path | None = None) -> None:
    """loans.parquet (the loan facts the report charts), exceptions.parquet (the nearest change for a sample of the
    loans failing one rule) and report.html with its report-loans/, after the other outputs."""
    from compiler.screen.report import loans as report_loans
    from compiler.screen.report.exceptions import FILE, explain_sample
    from compiler.screen.report.render import build_report

    report_loans.write(con, bundle.vocabulary, out_dir / "loans.parquet", stressed)
    explain_sample(con, bundle, out_dir / "results.parquet", out_dir / FILE)
    build_report(out_dir, bundle, con, compare_to)


def _write(con: Any, p: Any, bundle: Any, engine: str, out_dir: Path, console: Console, show: bool | None,
           surveillance: Any = None, spark: dict[str, Any] | None = None,
           timings: dict[str, Any] | None = None, gen: ModuleType | None = None) -> Counter[tuple[str, str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from compiler.portfolio.pool import POOL
    from compiler.screen import safe_csv
    from compiler.screen.engines import run_duckdb, run_rows
    from compiler.screen.prefetch import ahead

    if engine == "spark":
        from compiler.screen.spark import run_spark

        spark = spark or {}
        batches = run_spark(con, p, spark["work"], spark["master"], timings=timings)
    else:
        batches = run_duckdb(con, p, POOL) if engine == "duckdb" else run_rows(con, p, bundle, engine, gen)
    schema = p.schema
    if surveillance is not None:  # with a scenario: base_status and flipped columns
        batches, schema = surveillance.results(con, batches, schema)
    if engine == "duckdb":  # DuckDB computes the next batch while this one is written
        batches = ahead(batches)
    tmp_pq = out_dir / f".results.parquet.tmp{os.getpid()}"
    tmp_csv = out_dir / f".results.csv.tmp{os.getpid()}"
    counts: Counter[tuple[str, str]] = Counter()
    bar = Progress(TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                   console=console, disable=not (console.is_terminal if show is None else show), transient=True)
    try:
        with pq.ParquetWriter(tmp_pq, schema, compression="zstd") as pw, safe_csv.Writer(tmp_csv, schema) as cw, bar:
            task = bar.add_task("screen", total=p.total)
            for batch in batches:
                pw.write_batch(batch)  # the exact values
                cw.write_batch(batch)  # text a spreadsheet would run as a formula neutralised (OWASP)
                grouped = pa.Table.from_batches([batch]).group_by(["program", "status"]).aggregate([("row", "count")])
                for g in grouped.to_pylist():
                    counts[(g["program"], g["status"])] += g["row_count"]
                bar.advance(task, batch.num_rows)
        os.replace(tmp_pq, out_dir / "results.parquet")
        os.replace(tmp_csv, out_dir / "results.csv")
    finally:
        for t in (tmp_pq, tmp_csv):
            if t.exists():
                t.unlink()
    return counts


def _atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
