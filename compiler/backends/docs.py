"""Documentation back end: the checked IR to Markdown pages of the mkdocs-material site, and `mkdocs.yml`.

Consumes an `ir.Bundle`; produces {path relative to the project root: text}. Every text that comes from a
guideline file passes through `md` (Markdown and HTML escaped) before it reaches a page, and rules are
worded by `compiler.wording`, the same wording the checkers' messages use.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import jinja2

from compiler import ir
from compiler.meta import titles as titles_of
from compiler.wording import describe, describe_requirement, fmt_amount

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "docs"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text: object) -> str:
    """Text from a guideline file, safe in Markdown prose and table cells: HTML escaped, Markdown neutralised."""
    escaped = html.escape(str(text), quote=True)
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return escaped.replace("|", "&#124;").replace("\n", " ")


def attr(text: object) -> str:
    """Text safe inside an HTML attribute value."""
    return html.escape(str(text), quote=True).replace("|", "&#124;")


def shade(value: Decimal) -> int:
    """The 5-point bucket a max LTV is shaded by (CSS class glc-ltv-<n>)."""
    return int(min(max(value, Decimal(0)), Decimal(100)) // 5 * 5)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(md=md, attr=attr)
    return env


def _cell(cell: ir.Cell, gives: tuple[str, ...], row: str, col: str) -> str:
    data = f'data-row="{attr(row)}" data-col="{attr(col)}"'
    if not cell.eligible:
        return f'<span class="glc-cell glc-na" {data}>Not eligible</span>'
    values = dict(cell.limits or ())
    if not values:
        return f'<span class="glc-cell" {data}>no limit</span>'
    first = values.get(gives[0])
    cls = f" glc-ltv glc-ltv-{shade(first)}" if first is not None and "ltv" in gives[0] else ""
    text = " / ".join(md(cell.text).split(" / ")) if len(set(values.values())) > 1 else md(cell.text)
    value_attr = f' data-value="{first}"' if first is not None else ""
    return f'<span class="glc-cell{cls}" {data}{value_attr}>{text}</span>'


def program_page(p: ir.Program, bundle: ir.Bundle) -> str:
    titles = titles_of(p, bundle.vocabulary)
    sections: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for m in p.matrices:
        cols = m.columns.bands if m.columns else ()
        rows = []
        for band, cells in zip(m.rows.bands, m.cells, strict=True):
            labels = [b.label for b in cols] or [""]
            rows.append((band.label, [_cell(c, m.gives, band.label, lab) for c, lab in zip(cells, labels, strict=True)]))
        limit_titles = [next((lim.title for lim in p.limits if lim.id == g), g) for g in m.gives]
        x = {"m": m, "cols": [b.label for b in cols], "rows": rows, "gives": " / ".join(limit_titles),
             "row_label": titles.get(m.rows.label, m.rows.label),
             "col_label": titles.get(m.columns.label, m.columns.label) if m.columns else ""}
        sections[m.section or "Eligibility matrices"].append(("matrix", x))
    for r in p.rules:
        sections[r.section or "Rules"].append(("rule", r))
    return environment().get_template("program.md.j2").render(
        p=p, sections=sections, say=lambda x: describe(x, titles),
        say_requirement=lambda q: describe_requirement(q, titles), titles=titles, value_text=_value_text,
        fmt=fmt_amount, limit_title=lambda lid: next((lim.title for lim in p.limits if lid == lim.id), lid),
    )


def changes_page(p: ir.Program, bundle: ir.Bundle) -> str:
    """A program's versions, newest first, and what changed from each version to the next (`compiler.diff`)."""
    from compiler.diff import diff_programs, render_markdown

    versions = bundle.versions(p.id)
    diffs = [render_markdown(diff_programs(a, b, bundle.vocabulary, bundle.vocabulary), heading_level=2)
             for a, b in itertools.pairwise(versions)]
    return environment().get_template("changes.md.j2").render(p=p, versions=versions, diffs=list(reversed(diffs)))


def _value_text(v: ir.Value, titles: dict[str, str]) -> str:
    if isinstance(v.body, ir.Lookup):
        parts = [f"{b.label}: {fmt_amount(r, v.type.kind, v.type.unit) if r is not None else 'N/A'}"
                 for b, r in zip(v.body.key.bands, v.body.results, strict=True)]
        return f"by {titles.get(v.body.key.label, v.body.key.label)}: " + "; ".join(parts)
    return describe(v.body, titles)


def generate(bundle: ir.Bundle) -> dict[str, str]:
    """Every generated documentation file, by path relative to the project root."""
    env = environment()
    files: dict[str, str] = {}
    for p in bundle.programs:
        files[f"docs/programs/{p.id}.md"] = program_page(p, bundle)
        files[f"docs/programs/{p.id}-changes.md"] = changes_page(p, bundle)
    by_investor: dict[str, list[ir.Program]] = defaultdict(list)
    for p in bundle.programs:
        by_investor[p.lender or p.investor].append(p)
    groups = sorted(by_investor.items())
    files["docs/index.md"] = env.get_template("index.md.j2").render(groups=groups)
    files["docs/vocabulary.md"] = env.get_template("vocabulary.md.j2").render(v=bundle.vocabulary)
    files["docs/compare.md"] = compare_page(bundle)
    files["mkdocs.yml"] = env.get_template("mkdocs.yml.j2").render(groups=groups, yaml=_yaml_str)
    files["docs/_theme/main.html"] = (TEMPLATES / "theme_main.html").read_text(encoding="utf-8")
    return files


def _yaml_str(text: str) -> str:
    """A navigation title: HTML-escaped (the theme shows it as HTML), as a double-quoted YAML scalar."""
    shown = html.escape(str(text), quote=False).replace("\n", " ")
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------------ comparison page

_BASE_LOAN: dict[str, object] = {
    "application_date": __import__("datetime").date(2026, 1, 15), "property_type": "sfr", "units": 1, "state": "CA",
    "rural": False, "declining_market": False, "short_term_rental": False, "interest_only": False, "fthb": False,
    "first_time_investor": False, "credit_events": [], "housing_lates": [], "housing_history_months": 24,
    "housing_verification": "vom", "rent_free": False, "in_forbearance": False, "subordinate_liens": Decimal(0),
    "citizenship": "us_citizen",
}
SCENARIOS: tuple[tuple[str, dict[str, object]], ...] = (
    ("Primary residence, purchase, $800,000 loan, SFR", {
        "occupancy": "primary", "purpose": "purchase", "loan_amount": Decimal(800_000), "doc_type": "bank_stmt_business_24"}),
    ("Investment property, purchase, $600,000 loan, DSCR 1.25, SFR", {
        "occupancy": "investment", "purpose": "purchase", "loan_amount": Decimal(600_000), "doc_type": "dscr",
        "lease_rent": Decimal(5_000), "market_rent": Decimal(5_000), "pitia": Decimal(4_000)}),
)
FICO_POINTS = (620, 640, 660, 680, 700, 720, 740, 760)
GRID = (
    ("Minimum credit score", ("fico",)),
    ("Maximum DTI", ("dti",)),
    ("Reserves", ("reserves_months",)),
    ("Housing history", ("housing_lates", "housing_history_months", "housing_verification")),
    ("Credit-event seasoning", ("credit_events",)),
)


def max_ltv_at(program: ir.Program, vocabulary: ir.Vocabulary, loan: dict[str, object]) -> str:
    """The max LTV the program gives this loan (a matrix must apply), computed by the reference evaluator."""
    from compiler.evaluate import evaluate

    d = evaluate(program, vocabulary, loan)
    if not any(f.outcome == "pass" for f in d.findings if f.rule_id in {m.id for m in program.matrices}):
        failed = any(f.outcome == "fail" for f in d.findings if f.rule_id in {m.id for m in program.matrices})
        return "Not eligible" if failed else "—"
    limit = d.limit("max_ltv")
    return f"{limit.value}%" if limit is not None and limit.value is not None else "no limit"


def compare_page(bundle: ir.Bundle) -> str:
    from compiler.meta import inputs_of

    tables = []
    for title, changes in SCENARIOS:
        rows = []
        for fico in FICO_POINTS:
            loan = {**_BASE_LOAN, **changes, "fico": fico, "appraised_value": Decimal(2_000_000),
                    "purchase_price": Decimal(2_000_000)}
            rows.append((fico, [max_ltv_at(p, bundle.vocabulary, loan) for p in bundle.programs]))
        tables.append((title, rows))
    grid = []
    for p in bundle.programs:
        titles = titles_of(p, bundle.vocabulary)
        cells = []
        for _label, names in GRID:
            texts = []
            for r in p.rules:
                for q in r.requirements:
                    if set(inputs_of(q.test)) & set(names):
                        when = f" (when {describe(r.when, titles)})" if r.when is not None else ""
                        texts.append(describe_requirement(q, titles) + when)
            cells.append(texts)
        grid.append((p, cells))
    return environment().get_template("compare.md.j2").render(
        programs=bundle.programs, tables=tables, grid=grid, columns=[label for label, _ in GRID])
