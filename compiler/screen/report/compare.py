"""A run against an earlier one (`glc screen --compare-to DIR`, `glc report --compare-to DIR`): the loans whose
status changed, program by program, and how each pool limit's groups moved.

Loans are matched by program and loan id when each run's loan ids are present and unique per program, else by
program and tape row. Counted in DuckDB over both runs' results.parquet; the pool limits come from both runs'
summary.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from compiler.screen.report.data import ReportError, load_summary

FLIP_ROWS = 25


@dataclass
class LimitMove:
    id: str
    title: str
    status_before: str | None
    status: str
    rows: list[dict[str, Any]]  # group, share before / now (percent strings), points moved, status before / now


@dataclass
class Comparison:
    folder: str
    summary: dict[str, Any]  # the earlier run's
    key: str  # "loan_id" or "row"
    matched: int
    only_before: int
    only_now: int
    flips: dict[str, dict[str, int]]  # program: "before -> now": results
    flipped: int
    first: list[dict[str, Any]]
    limits: list[LimitMove] = field(default_factory=list)
    query: str = ""  # every flipped result (for the CSV)


def _q(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "')"


def _unique_ids(con: Any, results: str) -> bool:
    n, ids, distinct = con.execute(f"SELECT count(*), count(loan_id), count(DISTINCT (program, loan_id)) FROM {results}").fetchone()
    return bool(n) and n == ids == distinct


def compare(con: Any, folder: Path, earlier: Path) -> Comparison:
    """This run (`folder`) against the one in `earlier`."""
    if earlier.resolve() == folder.resolve():
        raise ReportError(f"--compare-to {earlier} is this run's own folder: give the folder of an earlier run.")
    before_summary = load_summary(earlier)
    now, before = _q(folder / "results.parquet"), _q(earlier / "results.parquet")
    key = "loan_id" if _unique_ids(con, now) and _unique_ids(con, before) else "row"
    on = f'a.program = b.program AND a."{key}" = b."{key}"'
    matched, only_before, only_now = con.execute(
        f"SELECT count(*) FILTER (WHERE a.program IS NOT NULL AND b.program IS NOT NULL), "
        f"count(*) FILTER (WHERE b.program IS NULL), count(*) FILTER (WHERE a.program IS NULL) "
        f"FROM {before} AS a FULL JOIN {now} AS b ON {on}").fetchone()
    query = (f'SELECT b."row", b.loan_id, b.program, a."row" AS row_before, a.status AS status_before, b.status, '
             f"a.failing_rules AS failing_rules_before, b.failing_rules FROM {before} AS a JOIN {now} AS b ON {on} "
             f'WHERE a.status <> b.status ORDER BY b."row", b.program')
    flips: dict[str, dict[str, int]] = {}
    for prog, was, status, n in con.execute(f"SELECT program, status_before, status, count(*) FROM ({query}) "
                                            "GROUP BY ALL ORDER BY ALL").fetchall():
        flips.setdefault(prog or "", {})[f"{was} -> {status}"] = int(n)
    cols = ("row", "loan_id", "program", "row_before", "status_before", "status", "failing_rules_before", "failing_rules")
    first = [dict(zip(cols, r, strict=True)) for r in con.execute(f"{query} LIMIT {FLIP_ROWS}").fetchall()]
    current = load_summary(folder)
    return Comparison(str(earlier), before_summary, key, int(matched), int(only_before), int(only_now), flips,
                      sum(sum(v.values()) for v in flips.values()), first, limit_moves(before_summary, current), query)


def limit_moves(before: dict[str, Any], now: dict[str, Any]) -> list[LimitMove]:
    """Each pool limit of this run against the same limit in the earlier run: every group in breach or unknown in
    either run, and the largest five groups now."""
    earlier = {lim["id"]: lim for lim in before.get("pool_limits") or []}
    out = []
    for lim in now.get("pool_limits") or []:
        was = earlier.get(lim["id"])
        groups_before = {g["group"]: g for g in (was or {}).get("groups", [])}
        groups_now = {g["group"]: g for g in lim["groups"]}
        names = [g["group"] for i, g in enumerate(lim["groups"]) if i < 5 or g["status"] != "within"]
        names += [k for k, g in groups_before.items() if g["status"] != "within" and k not in names]
        rows = []
        for name in names:
            g, b = groups_now.get(name), groups_before.get(name)
            share = Decimal(g["share_pct"]) if g else Decimal(0)
            share_before = Decimal(b["share_pct"]) if b else None
            rows.append({"group": name, "share_before": share_before, "share": share,
                         "moved": share - share_before if share_before is not None else None,
                         "status_before": b["status"] if b else None, "status": g["status"] if g else "within"})
        out.append(LimitMove(lim["id"], lim["title"], was["status"] if was else None, lim["status"], rows))
    return out
