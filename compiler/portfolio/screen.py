"""The hook `glc screen` uses: the checked portfolio of the programs folder's *.portfolio files
(`driver.check_portfolios`), a stress scenario applied to the tape table (every engine then reads stressed loans),
each result row's status before the stress (`base_status`, `flipped`), and the pool limits for summary.json.
Nothing here prints: the command line shows `Surveillance.pool` and `flip_counts`."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from compiler import ir_program
from compiler.portfolio.model import Portfolio, Scenario
from compiler.portfolio.pool import report, tally_pool, tally_sql
from compiler.portfolio.stress import stressed_tape_sql


class PortfolioError(Exception):
    """A portfolio problem to show the user (exit 1 for a bad file, 2 for an unknown scenario name)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def choose(portfolio: Portfolio | None, name: str) -> Scenario:
    if portfolio is None:
        raise PortfolioError(f"No scenario `{name}`: programs/ has no *.portfolio file declaring scenarios "
                             "(see docs/language.md, \"Portfolio surveillance\").", 2)
    sc = portfolio.scenario(name)
    if sc is None:
        names = [s.id for s in portfolio.scenarios]
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        raise PortfolioError(f"No scenario `{name}`.{hint} Scenarios: {', '.join(names) or 'none'}.", 2)
    return sc


def column_types(con: Any, table: str = "tape") -> dict[str, str]:
    return {r[0]: str(r[1]) for r in con.execute(f"DESCRIBE {table}").fetchall()}


def apply(con: Any, scenario: Scenario, vocabulary: ir_program.Vocabulary, table: str = "tape") -> None:
    """Rewrite `table` with the scenario applied (same columns, types and row order)."""
    sql = stressed_tape_sql(scenario, vocabulary, table, column_types(con, table))
    con.execute(f"CREATE OR REPLACE TABLE _stressed AS {sql} ORDER BY _row")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE _stressed RENAME TO {table}")


def record_base(con: Any, batches: Iterator[Any]) -> None:
    """Keep each result's status before the stress: table `_base` (row, program, status)."""
    con.execute('CREATE OR REPLACE TABLE _base ("row" BIGINT, program VARCHAR, status VARCHAR)')
    cur = con.cursor()  # the engine streams its results on `con`
    for batch in batches:
        part = batch.select(["row", "program", "status"])
        cur.register("part", part)
        cur.execute('INSERT INTO _base SELECT "row", program, status FROM part')
        cur.unregister("part")
    cur.close()


def with_base(schema: Any) -> Any:
    import pyarrow as pa

    return schema.append(pa.field("base_status", pa.string())).append(pa.field("flipped", pa.bool_()))


def flips(con: Any, batches: Iterator[Any], schema: Any, counts: Counter[tuple[str, str, str]]) -> Iterator[Any]:
    """Each stressed result batch with `base_status` and `flipped` (status differs from base_status); counts
    (program, base status, status) of the flipped ones into `counts`."""
    cur = con.cursor()  # the engine streams its results on `con`
    for batch in batches:
        cur.register("batch", batch)
        out = cur.sql('SELECT b.*, s.status AS base_status, coalesce(b.status <> s.status, false) AS flipped '
                      'FROM batch AS b LEFT JOIN _base AS s ON s."row" = b."row" AND s.program = b.program '
                      'ORDER BY b."row"').to_arrow_table().cast(schema)
        for g in out.filter(out.column("flipped")).group_by(["program", "base_status", "status"]).aggregate(
                [("row", "count")]).to_pylist():
            counts[(g["program"], g["base_status"], g["status"])] += g["row_count"]
        cur.unregister("batch")
        yield from out.to_batches()
    cur.close()


def scenario_summary(scenario: Scenario, counts: Counter[tuple[str, str, str]]) -> dict[str, Any]:
    by_program: dict[str, dict[str, int]] = {}
    for (prog, before, after), n in sorted(counts.items()):
        by_program.setdefault(prog, {})[f"{before} -> {after}"] = n
    return {"id": scenario.id, "title": scenario.title, "citation": scenario.citation, "source": scenario.span.where,
            "changes": [c.text for c in scenario.changes], "flipped": sum(counts.values()), "flips": by_program}


def pool_summary(con: Any, portfolio: Portfolio, vocabulary: ir_program.Vocabulary) -> list[dict[str, Any]]:
    tallies = tally_sql(con, portfolio, vocabulary)
    return [report(lim, tallies[lim.id]) for lim in portfolio.limits]


class Surveillance:
    """What `glc screen` does with the portfolio: pool limits always (when a portfolio file exists), the stress
    scenario when asked for."""

    def __init__(self, portfolio: Portfolio, scenario: Scenario | None) -> None:
        self.portfolio = portfolio
        self.scenario = scenario
        self.base_pool: list[dict[str, Any]] = []
        self.pool: list[dict[str, Any]] = []
        self.flip_counts: Counter[tuple[str, str, str]] = Counter()

    @classmethod
    def open(cls, portfolio: Portfolio | None, scenario: str | None) -> Surveillance | None:
        """The surveillance to run, None when there is nothing to do; PortfolioError for an unknown scenario."""
        if scenario is None:
            return cls(portfolio, None) if portfolio is not None else None
        chosen = choose(portfolio, scenario)
        assert portfolio is not None
        return cls(portfolio, chosen)

    def before(self, con: Any, plan: Any, bundle: ir_program.Bundle, engine: str, gen: ModuleType | None) -> None:
        from compiler.screen.engines import run_duckdb, run_rows

        if not plan.carried:  # else the screening pass measures the pool (`measured`)
            self.base_pool = pool_summary(con, self.portfolio, bundle.vocabulary) if self.portfolio.limits else []
        if self.scenario is None:
            return
        # the spark engine's base pass runs the same SQL on DuckDB (the engines are tested equal)
        record_base(con, run_duckdb(con, plan) if engine in ("duckdb", "spark") else run_rows(con, plan, bundle, engine, gen))
        apply(con, self.scenario, bundle.vocabulary)

    def measured(self, con: Any) -> None:
        """The pool limits from table `pool.POOL`, which the screening pass filled (`pool_columns` of the readable
        loans: `compiler.screen.engines.run_duckdb`) instead of reading the tape again."""
        tallies = tally_pool(con, self.portfolio)
        self.base_pool = [report(lim, tallies[lim.id]) for lim in self.portfolio.limits]

    def results(self, con: Any, batches: Iterator[Any], schema: Any) -> tuple[Iterator[Any], Any]:
        if self.scenario is None:
            return batches, schema
        extended = with_base(schema)
        return flips(con, batches, extended, self.flip_counts), extended

    def summary(self, con: Any, vocabulary: ir_program.Vocabulary) -> dict[str, Any]:
        out: dict[str, Any] = {"portfolio": {"title": self.portfolio.title, "files": list(self.portfolio.paths)}}
        if self.scenario is None:
            self.pool = self.base_pool
        else:
            self.pool = pool_summary(con, self.portfolio, vocabulary) if self.portfolio.limits else []
            out["scenario"] = scenario_summary(self.scenario, self.flip_counts)
            out["pool_limits_base"] = self.base_pool
        out["pool_limits"] = self.pool
        return out
