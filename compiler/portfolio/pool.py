"""Pool limits measured exactly over a screening run's loans: in SQL (DuckDB sums of the tape's DECIMAL columns)
and in Python (the reference, loan by loan); both give the same `Tally`, turned into the summary by `report`.

The pool: every readable loan of the tape (rows the tape reader did not mark invalid), whatever the programs
decide, each counted once: surveillance is about the loans held, not the loans a program accepts. With
`--scenario`, the loans as stressed. A loan whose measured amount is unknown is left out of the pool (and
counted); a loan whose `when` condition is unknown is counted apart, so that a limit is `within` only when
it holds whatever the unknown data turns out to be, `breach` when the known loans alone exceed it, `unknown`
otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlglot import exp

from compiler import ir_program
from compiler.backends.sql.expr import Scope, compile_expr
from compiler.backends.sql.numbers import from_source
from compiler.backends.sql.program import field_places
from compiler.evaluate import Env, ev, round_fraction
from compiler.portfolio.model import PoolLimit, Portfolio
from compiler.portfolio.values import value_columns, values_of

UNKNOWN_GROUP = "(unknown)"
WHOLE_POOL = "(whole pool)"  # the group of a limit without `by`, in the membership table
POOL = "_pool"  # `tally_pool` reads this table: the readable loans' `pool_columns`
MEMBERS = "_pool_members"  # after `tally_sql`: per loan (`_row`), each limit's group when the loan counts toward it
MEMBER_PREFIX = "pool_"  # its columns: pool_<limit id>


@dataclass
class Group:
    amount: Decimal = Decimal(0)  # measure of the loans matching `when`
    unknown: Decimal = Decimal(0)  # measure of the loans whose `when` is unknown
    total: Decimal = Decimal(0)  # measure of every loan of the group
    loans: int = 0


@dataclass
class Tally:
    groups: dict[str | None, Group] = field(default_factory=dict)
    without_measure: int = 0


def _group_key(v: Any) -> str | None:
    if v is None:
        return UNKNOWN_GROUP
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(getattr(v, "value", v))


# ------------------------------------------------------------------ SQL

def pool_columns(source: exp.Expr, portfolio: Portfolio, vocabulary: ir_program.Vocabulary) -> tuple[exp.Select, list[str]]:
    """`source` (typed tape rows, every column kept) with each limit's condition added as `_pool<i>` (TRUE,
    FALSE or NULL when unknown), and the columns a tally reads (`_row`, each limit's measure and group field, the conditions)."""
    scope = Scope(field_places(vocabulary), {})
    layers = value_columns(source, vocabulary, scope)
    conds: list[exp.Expr] = []
    for i, lim in enumerate(portfolio.limits):
        cond = compile_expr(lim.when, scope).tree if lim.when is not None else exp.Boolean(this=True)
        for name, tree in scope.take_hoisted():
            layers.add([exp.alias_(tree, name)], hoisted=True)
        conds.append(exp.alias_(cond, f"_pool{i}"))
    layers.add(conds)
    kept = list(dict.fromkeys(["_row", *[n for lim in portfolio.limits for n in (lim.measure, lim.by) if n],
                               *[f"_pool{i}" for i in range(len(portfolio.limits))]]))
    conds_named = {f"_pool{i}" for i in range(len(portfolio.limits))}
    helpers = [exp.column(n, quoted=True) for n in layers.level if n not in conds_named]  # values, hoisted parts
    star = exp.Star(except_=helpers) if helpers else exp.Star()
    return exp.select(star).from_(from_source(layers.query, "pooled")), kept


def tally_sql(con: Any, portfolio: Portfolio, vocabulary: ir_program.Vocabulary, table: str = "tape") -> dict[str, Tally]:
    readable = exp.select(exp.Star()).from_(table).where(exp.Is(this=exp.column("_reason"), expression=exp.Null()))
    pooled, kept = pool_columns(from_source(readable, "pool"), portfolio, vocabulary)
    # only what the tallies and the membership read: `SELECT *` would keep every cell and value of every loan
    query = exp.select(*[exp.column(n, quoted=True) for n in kept]).from_(from_source(pooled, "p"))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {POOL} AS " + query.sql(dialect="duckdb"))
    return tally_pool(con, portfolio)


def tally_pool(con: Any, portfolio: Portfolio) -> dict[str, Tally]:
    """The tallies of table `POOL` (the readable loans' `pool_columns`, `kept` columns), and the membership
    table `MEMBERS`; `POOL` is dropped."""
    out: dict[str, Tally] = {}
    for i, lim in enumerate(portfolio.limits):
        m, c = f'"{lim.measure}"', f"_pool{i}"
        g = f'"{lim.by}"' if lim.by else "NULL"
        rows = con.execute(
            f"SELECT {g} AS g, sum(CASE WHEN {c} THEN {m} END), sum(CASE WHEN {c} IS NULL THEN {m} END), sum({m}), "
            f"count({m}), count(*) - count({m}) FROM {POOL} GROUP BY ALL").fetchall()
        t = Tally()
        for key, amount, unknown, total, loans, missing in rows:
            t.without_measure += int(missing)
            if not loans:
                continue
            t.groups[_group_key(key) if lim.by else None] = Group(Decimal(amount or 0), Decimal(unknown or 0),
                                                                   Decimal(total or 0), int(loans))
        out[lim.id] = t
    members = [f"CASE WHEN {c} AND {m} IS NOT NULL THEN {k} END AS \"{MEMBER_PREFIX}{lim.id}\""
               for i, lim in enumerate(portfolio.limits)
               for c, m, k in [(f"_pool{i}", f'"{lim.measure}"', _group_sql(lim.by) if lim.by else f"'{WHOLE_POOL}'")]]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {MEMBERS} AS SELECT _row, {', '.join(members)} FROM {POOL}"
                if members else f"CREATE OR REPLACE TEMP TABLE {MEMBERS} AS SELECT _row FROM {POOL}")
    con.execute(f"DROP TABLE {POOL}")
    return out


def _group_sql(by: str) -> str:
    """A loan's group as `_group_key` names it, in SQL."""
    col = f'"{by}"'
    return (f"CASE WHEN {col} IS NULL THEN '{UNKNOWN_GROUP}' WHEN typeof({col}) = 'BOOLEAN' "
            f"THEN CASE WHEN CAST({col} AS VARCHAR) = 'true' THEN 'yes' ELSE 'no' END ELSE CAST({col} AS VARCHAR) END")


# ------------------------------------------------------------------ Python reference

def tally_python(loans: Iterable[Mapping[str, Any]], portfolio: Portfolio, vocabulary: ir_program.Vocabulary) -> dict[str, Tally]:
    """The reference: `loans` are readable loans (mappings of field values)."""
    out = {lim.id: Tally() for lim in portfolio.limits}
    for loan in loans:
        env = Env(loan, None)  # type: ignore[arg-type]
        env.values.update(values_of(vocabulary, loan))
        for lim in portfolio.limits:
            t = out[lim.id]
            m = env.field(lim.measure)
            if m is None:
                t.without_measure += 1
                continue
            assert isinstance(m, Decimal)
            key = _group_key(loan.get(lim.by)) if lim.by else None
            g = t.groups.setdefault(key, Group())
            g.total += m
            g.loans += 1
            holds = ev(lim.when, env) if lim.when is not None else True
            if holds is None:
                g.unknown += m
            elif holds:
                g.amount += m
    return out


# ------------------------------------------------------------------ the summary

def _pct(q: Fraction) -> str:
    """A share as a percent with 4 decimals, rounded half up once from the exact fraction."""
    return str(round_fraction(q * 100, 4, "half_up"))


def _status(share: Fraction, upper: Fraction, cap: Fraction) -> str:
    if share > cap:
        return "breach"
    return "within" if upper <= cap else "unknown"


def report(lim: PoolLimit, t: Tally) -> dict[str, Any]:
    """One limit for summary.json: each group's share (percent, 4 decimals) against the limit, compared exactly."""
    pool = sum((g.total for g in t.groups.values()), Decimal(0))
    cap = Fraction(lim.at_most) / 100
    ranked: list[tuple[Fraction, str, dict[str, Any]]] = []
    for key, g in t.groups.items():
        share = Fraction(g.amount) / Fraction(pool) if pool else Fraction(0)
        upper = Fraction(g.amount + g.unknown) / Fraction(pool) if pool else Fraction(0)
        ranked.append((-share, str(key), {
            "group": key, "loans": g.loans, "amount": str(g.amount), "unknown_amount": str(g.unknown),
            "share_pct": _pct(share), "share_if_unknown_pct": _pct(upper), "status": _status(share, upper, cap)}))
    groups = [x for _, _, x in sorted(ranked, key=lambda r: (r[0], r[1]))]
    statuses = {x["status"] for x in groups}
    status = "breach" if "breach" in statuses else "unknown" if "unknown" in statuses else "within"
    return {"id": lim.id, "title": lim.title, "citation": lim.citation, "source": lim.span.where,
            "measure": lim.measure, "by": lim.by, "at_most_pct": str(lim.at_most), "status": status,
            "pool_amount": str(pool), "loans_without_measure": t.without_measure,
            "breaches": [x["group"] for x in groups if x["status"] == "breach"], "groups": groups}
