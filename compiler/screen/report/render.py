"""The screening report: `report.html` in a `glc screen` output folder, one self-contained page a credit officer
reads (inline CSS, inline SVG charts, no script, nothing fetched when opened), deterministic for the same folder.

`glc screen` writes it after every run; `glc report DIR` (`compiler.cli.report`) rebuilds it from a folder's summary.json,
results.parquet and loans.parquet. The numbers are aggregated in SQL (`compiler.screen.report.data`), the charts
drawn by matplotlib (`compiler.screen.report.charts`), the page rendered by Jinja2 with autoescaping: tape text
(loan ids, reasons, group names) is always escaped.
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.portfolio.pool import WHOLE_POOL
from compiler.screen.report.data import STATUSES, ReportData, gather
from compiler.screen.report.surveillance import Sections, gather_sections

STATUS_TITLES = {"eligible": "Eligible", "needs_info": "Needs info", "ineligible": "Ineligible", "invalid": "Invalid"}
TOP_GROUPS = 15  # bars per concentration chart
TABLE_GROUPS = 5  # largest groups listed per limit (breaches and unknowns always listed)


def money(value: Decimal | None) -> str:
    if value is None:
        return ""
    q = Decimal(value).quantize(Decimal("0.01"))
    return f"-${-q:,}" if q < 0 else f"${q:,}"


def millions(value: Decimal | None) -> str:
    """An amount in $M with two decimals, rounded half up ($1,234,567.89 is $1.23M); the exact sum goes in a title."""
    if value is None:
        return ""
    q = (Decimal(value) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"-${-q:,}M" if q < 0 else f"${q:,}M"


def number(value: Decimal | None, decimals: int = 2) -> str:
    """A Decimal as shown in a table: fixed decimals, thousands commas; an em dash for none."""
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,}"


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("compiler.screen.report", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["money"] = money
    env.filters["millions"] = millions
    env.filters["number"] = number
    env.filters["num"] = lambda n: f"{int(n):,}"
    return env


def _limits(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Each pool limit for the page: the groups to list (largest, breaches, unknowns) and its share before the stress."""
    base = {lim["id"]: {g["group"]: g for g in lim["groups"]} for lim in summary.get("pool_limits_base") or []}
    out = []
    for lim in summary.get("pool_limits") or []:
        before = base.get(lim["id"])
        listed = [g for i, g in enumerate(lim["groups"]) if i < TABLE_GROUPS or g["status"] != "within"]
        rows = [{**g, "before_pct": before[g["group"]]["share_pct"] if before and g["group"] in before else None} for g in listed]
        out.append({**lim, "rows": rows, "more": len(lim["groups"]) - len(listed), "has_before": before is not None})
    return out


def _charts(data: ReportData, limits: list[dict[str, Any]]) -> dict[str, Any]:
    from compiler.portfolio.pool import UNKNOWN_GROUP
    from compiler.screen.report import charts as charts

    scenario = data.summary.get("scenario")
    out: dict[str, Any] = {"fico_ltv": charts.fico_ltv(data.grid) if data.grid and any(map(any, data.grid.loans)) else None,
                           "dscr": charts.dscr(data.dscr, scenario["id"] if scenario else None)
                           if data.dscr and (data.dscr.known_base or data.dscr.known_stressed) else None,
                           "limits": {}}
    base = {lim["id"]: lim for lim in data.summary.get("pool_limits_base") or []}
    for lim in limits:
        if not lim.get("by"):
            continue
        known = [g for g in lim["groups"] if g["group"] != UNKNOWN_GROUP][:TOP_GROUPS]
        if not known:
            continue
        groups = [(str(g["group"]), float(Decimal(g["share_pct"])), g["status"] == "breach") for g in known]
        before = ({str(g["group"]): float(Decimal(g["share_pct"])) for g in base[lim["id"]]["groups"]}
                  if lim["id"] in base else None)
        out["limits"][lim["id"]] = charts.shares(f"limit-{lim['id']}", f"{lim['title']}: share of the pool vs the limit",
                                                 groups, float(Decimal(lim["at_most_pct"])), before)
    return out


def render(data: ReportData, sections: Sections | None = None) -> str:
    from markupsafe import Markup

    limits = _limits(data.summary)
    charts = _charts(data, limits)
    safe = {"fico_ltv": Markup(charts["fico_ltv"]) if charts["fico_ltv"] else None,
            "dscr": Markup(charts["dscr"]) if charts["dscr"] else None,
            "limits": {k: Markup(v) for k, v in charts["limits"].items()}}
    summary = {"scenario": None, "portfolio": None, "not_on_tape": [], "warnings": [], **data.summary}  # keys of older or plainer runs
    sections = sections or Sections()
    for lim in limits:
        for g in lim["rows"]:
            g["file"] = sections.breach_files.get((lim["id"], WHOLE_POOL if g["group"] is None else str(g["group"])))
    return str(_environment().get_template("report.html.j2").render(
        d=data, s=summary, limits=limits, charts=safe, statuses=STATUSES, status_titles=STATUS_TITLES, x=sections))


def build_report(folder: Path, bundle: ir_program.Bundle | None, con: Any = None, compare_to: Path | None = None) -> Path:
    """Write `folder/report.html` (atomically) and the CSV files of its loans (`report-loans/`) from the run's outputs
    in `folder`; `compare_to`: an earlier run's folder to compare with. Returns the report's path."""
    from compiler.screen.engines import connect

    own = con is None
    con = con or connect(memory_limit="1GB")
    try:
        data = gather(con, folder, bundle)
        sections = gather_sections(con, folder, bundle, data, compare_to)
    finally:
        if own:
            con.close()
    html = render(data, sections)
    path = folder / "report.html"
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
