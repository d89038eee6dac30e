"""The DuckDB connection every screening step runs its SQL on (tape reading, programs, portfolio, stress, report).

A thin wrapper, so that two things hold for every SQL text glc hands DuckDB, wherever it was built:
- listeners (`listen`) see it before it runs: the test that runs every SQL text glc emits collects them here,
  without a copy of any query;
- DuckDB refusing the text itself (a parser, binder or catalog error: the SQL is glc's, the tape only supplies
  values) is raised as `SqlError`, a bug in glc said as such, never as "cannot read the tape" (which blames the
  user's file). Errors while running (a ragged CSV line, a damaged Parquet file) stay DuckDB's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_listeners: list[Callable[[str], None]] = []
# DuckDB's errors about the SQL text, not the data: glc wrote the text, so these are glc's bugs
# DuckDB optimisers that make glc's queries slower: `partial_aggregate_pushdown` pushes a GROUP BY over a
# screening query down through its layers, inlining every column the grouped one reads into one expression tree
# that repeats them (keystone: 18 s of planning for 10 rows, against 0.3 s without; benchmarks/TAPES.md)
SLOW_OPTIMIZERS = ("partial_aggregate_pushdown",)
_REFUSED = ("ParserException", "BinderException", "CatalogException", "SyntaxException")


class SqlError(Exception):
    """DuckDB refused SQL that glc generated: an internal error (a bug in glc, or a DuckDB release glc does not
    support), not a problem with the tape."""

    def __init__(self, message: str, sql: str) -> None:
        super().__init__(message)
        self.sql = sql


@contextmanager
def listen(callback: Callable[[str], None]) -> Iterator[None]:
    """Call `callback(sql)` with every SQL text run on any glc connection while the block runs."""
    _listeners.append(callback)
    try:
        yield
    finally:
        _listeners.remove(callback)


def refused(err: BaseException) -> bool:
    return type(err).__module__.split(".")[0] in ("duckdb", "_duckdb") and type(err).__name__ in _REFUSED


def _sql_error(err: BaseException, sql: str) -> SqlError:
    import duckdb

    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    return SqlError(f"DuckDB {duckdb.__version__} refused SQL that glc generated ({first}). This is a bug in glc "
                    "(or a DuckDB release it does not support), not a problem with your tape; please report it.", sql)


class Connection:
    """A DuckDB connection whose `execute` and `sql` pass through `listen` and `SqlError`; everything else is
    DuckDB's own (results are DuckDB's objects, so `con.execute(q).fetchall()` works as on DuckDB)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def _run(self, method: str, sql: str, *args: Any) -> Any:
        for listener in list(_listeners):
            listener(sql)
        try:
            return getattr(self._raw, method)(sql, *args)
        except Exception as err:
            if refused(err):
                raise _sql_error(err, sql) from err
            raise

    def execute(self, sql: str, *args: Any) -> Any:
        return self._run("execute", sql, *args)

    def sql(self, sql: str, *args: Any) -> Any:
        return self._run("sql", sql, *args)

    def cursor(self) -> Connection:
        return Connection(self._raw.cursor())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def connect(memory_limit: str = "1GB", threads: int = 2, database: str = ":memory:") -> Connection:
    """DuckDB with bounded memory; `database` a file when the normalised tape should live on disk."""
    import duckdb

    con = Connection(duckdb.connect(database))
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET threads = {int(threads)}")
    slow = [name for (name,) in con.execute("SELECT name FROM duckdb_optimizers()").fetchall() if name in SLOW_OPTIMIZERS]
    if slow:
        con.execute(f"SET disabled_optimizers = '{','.join(slow)}'")
    return con
