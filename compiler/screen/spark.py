"""The Spark engine: the SQL back end's queries rendered for Spark SQL and run by pyspark (`local[*]` by default,
or the master URL of a cluster).

The tape is read as for every engine (`compiler.screen.tape`, in DuckDB: mapping, cell formats, invalid rows) and
written as one typed Parquet file; Spark reads it, runs one query (`screen_query`: every program's query, UNION ALL,
ordered like the DuckDB engine's results: program by program, then tape row) through `spark_job.screen`, the same
code `spark-submit` runs on a cluster, and writes Parquet files that are read back in record batches. Nothing of
the tape or the results is collected into Python at once; Spark bounds its own memory and spills to `spark.local.dir`.
Every file Spark makes (warehouse, local scratch, logs) lives in the screen's temporary folder, never the project.
The SQL is rendered from the same trees as DuckDB's by `sql_expr.render(tree, "spark")`, which swaps in Spark's
own constructs where its semantics differ (128-bit integers, integer division): see `sql_expr.spark_tree`.
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlglot import exp

from compiler.backends.sql.numbers import from_source, render
from compiler.screen.tape import TapeError

ROW_GROUP = 16_384  # rows per Parquet row group of the exported tape: the unit Spark splits into tasks
# Errors only; not the query-context logger (the engine reports Spark's error itself) nor the code generator's
# "Code grows beyond 64 KB" (Spark then evaluates without generated code, correctly).
LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark %p %c{1}: %m%n
logger.query.name = SQLQueryContextLogger
logger.query.level = off
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
logger.codegen.name = org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator
logger.codegen.level = off
"""
# With `codegen_log`: the code generator's messages (a failed compile, "Code grows beyond 64 KB", whole-stage code
# generation given up for a plan) written to that file instead, for the tests and benchmarks that count them.
CODEGEN_LOG = """\
appender.codegen.type = File
appender.codegen.name = codegen
appender.codegen.fileName = {path}
appender.codegen.layout.type = PatternLayout
appender.codegen.layout.pattern = %p %c{{1}}: %m%n
logger.codegen.level = info
logger.codegen.additivity = false
logger.codegen.appenderRef.file.ref = codegen
logger.wholestage.name = org.apache.spark.sql.execution.WholeStageCodegenExec
logger.wholestage.level = info
logger.wholestage.additivity = false
logger.wholestage.appenderRef.file.ref = codegen
"""
CODEGEN_GIVEN_UP = ("Failed to compile", "grows beyond 64 KB", "too long generated codes", "Whole-stage codegen disabled")


def codegen_given_up(log: Path) -> list[str]:
    """The lines of a `codegen_log` saying Spark could not use generated code (it then runs slower, correctly)."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return [line for line in text.splitlines() if any(s.lower() in line.lower() for s in CODEGEN_GIVEN_UP)]


class SparkError(TapeError):
    """Spark cannot run here, or failed on the tape: one plain message."""


def java() -> str | None:
    """The `java` Spark would start: $JAVA_HOME/bin/java, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def check_available() -> None:
    """Raise SparkError saying what to install when pyspark or a Java runtime is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkError("The spark engine needs pyspark: install it with `.venv/bin/pip install -e '.[spark]'`.") from None
    if java() is None:
        raise SparkError("The spark engine needs a Java runtime (17 or newer) and found no `java`: install one, e.g. "
                         "`apt-get install -y --no-install-recommends default-jre-headless`, or set JAVA_HOME.")


def session(work: Path, master: str = "local[*]", app: str = "glc screen", codegen_log: Path | None = None) -> Any:
    """A SparkSession whose files all live under `work`, logging errors only, with the settings the SQL relies on;
    the code generator's messages go to `codegen_log` when given (`codegen_given_up` reads it)."""
    check_available()
    from pyspark.errors import PySparkException
    from pyspark.sql import SparkSession

    work.mkdir(parents=True, exist_ok=True)
    log4j = work / "log4j2.properties"
    log4j.write_text(LOG4J + (CODEGEN_LOG.format(path=codegen_log) if codegen_log is not None else ""), encoding="utf-8")
    local = master.startswith("local")
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no "hostname resolves to a loopback address" warning
    conf = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.log.structuredLogging.enabled": "false",
        "spark.sql.warehouse.dir": str(work / "spark-warehouse"),
        "spark.local.dir": str(work / "spark-local"),
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{log4j} -Dderby.system.home={work / 'derby'}",
        "spark.sql.files.openCostInBytes": str(64 * 1024),  # a small tape still splits into a task per row group
    }
    from compiler.screen.spark_job import SETTINGS

    builder = SparkSession.builder.master(master).appName(app)
    for key, value in {**conf, **SETTINGS}.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except PySparkException as err:
        raise SparkError(f"Spark did not start ({master}): {_first_line(err)}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def _sql_type(t: Any) -> exp.DataType:
    import pyarrow as pa

    if pa.types.is_decimal(t):
        return exp.DataType.build(f"DECIMAL({t.precision}, {t.scale})")
    if pa.types.is_integer(t):
        return exp.DataType.build("BIGINT")
    if pa.types.is_boolean(t):
        return exp.DataType.build("BOOLEAN")
    return exp.DataType.build("VARCHAR")


def screen_query(p: Any) -> exp.Select:
    """Every query of the plan as one: UNION ALL, each column cast to the result schema, ordered by query then row."""
    names = list(p.schema.names)
    parts: list[exp.Expr] = []
    for i, tree in enumerate(p.trees):
        source = from_source(tree, f"q{i}")
        parts.append(exp.select(exp.alias_(exp.Literal.number(i), "_q"), *[exp.column(n, quoted=True) for n in names]).from_(source))
    union = functools.reduce(lambda a, b: exp.union(a, b, distinct=False), parts)
    typed = [exp.alias_(exp.cast(exp.column(f.name, quoted=True), _sql_type(f.type)), f.name, quoted=True) for f in p.schema]
    return exp.select(*typed).from_(from_source(union, "results")).order_by(
        exp.column("_q"), exp.column("row", quoted=True))


def spark_sql(p: Any) -> str:
    """The Spark SQL text of the whole screen (reads the view `tape`)."""
    return render(screen_query(p), "spark")


def export_tape(con: Any, path: Path) -> None:
    """The normalised tape (DuckDB table `tape`) as one Parquet file, in tape order."""
    target = str(path).replace("'", "''")
    con.execute(f"COPY (SELECT * FROM tape ORDER BY _row) TO '{target}' (FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP})")


def run_spark(con: Any, p: Any, work: Path, master: str = "local[*]", spark: Any = None,
              timings: dict[str, Any] | None = None, batch_rows: int = 50_000) -> Iterator[Any]:
    """The results in record batches (the plan's schema, the DuckDB engine's order). Starts a session on `master`
    (stopped at the end) unless one is given; `timings` receives the seconds of each step."""
    import pyarrow.parquet as pq

    from compiler.screen.spark_job import screen

    timings = timings if timings is not None else {}
    timings["master"] = master if spark is None else spark.sparkContext.master
    started = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    tape = work / "tape.parquet"
    export_tape(con, tape)
    timings["export_seconds"] = round(time.perf_counter() - started, 3)
    own = spark is None
    if own:
        started = time.perf_counter()
        spark = session(work, master)
        timings["startup_seconds"] = round(time.perf_counter() - started, 3)
    out = work / "results"
    try:
        from pyspark.errors import PySparkException

        started = time.perf_counter()
        try:
            timings.update(screen(spark, spark_sql(p), str(tape), str(out)))
        except PySparkException as err:
            raise SparkError(f"Spark could not screen the tape: {_first_line(err)}") from None
        timings["query_seconds"] = round(time.perf_counter() - started, 3)
    finally:
        if own:
            spark.stop()
    for part in sorted(out.glob("part-*.parquet")):  # Spark names the files in result order
        for batch in pq.ParquetFile(part).iter_batches(batch_size=batch_rows):
            yield batch.cast(p.schema) if batch.schema != p.schema else batch


def write_job(con: Any, p: Any, folder: Path) -> tuple[Path, Path]:
    """`--emit-sql`: the screen's Spark SQL and the normalised tape, for spark-submit (written atomically)."""
    folder.mkdir(parents=True, exist_ok=True)
    sql, tape = folder / "screen.sql", folder / "tape.parquet"
    tmp_sql, tmp_tape = folder / f".screen.sql.tmp{os.getpid()}", folder / f".tape.parquet.tmp{os.getpid()}"
    try:
        tmp_sql.write_text(spark_sql(p) + "\n", encoding="utf-8")
        export_tape(con, tmp_tape)
        os.replace(tmp_tape, tape)
        os.replace(tmp_sql, sql)
    finally:
        for t in (tmp_sql, tmp_tape):
            if t.exists():
                t.unlink()
    return sql, tape


__all__ = ["SparkError", "check_available", "codegen_given_up", "export_tape", "java", "run_spark",
           "screen_query", "session", "spark_sql", "write_job"]
