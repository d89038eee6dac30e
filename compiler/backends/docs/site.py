"""Documentation back end: the checked IR to Markdown pages of the mkdocs-material site, and `mkdocs.yml`.

Consumes an `ir_program.Bundle`; produces {path relative to the project root: text}. Every text that comes from a
guideline file passes through `md` (Markdown and HTML escaped) before it reaches a page, and rules are
worded by `compiler.wording`, the same wording the checkers' messages use.
"""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from decimal import Decimal
from functools import cache, partial
from importlib import resources

import jinja2

from compiler import ir, ir_program, ir_types
from compiler.backends import templates
from compiler.build.cache import Memo, no_memo
from compiler.escape import attr, band, md
from compiler.meta import titles as titles_of
from compiler.wording import describe, describe_requirement, fmt_amount

# Package data, read through importlib.resources so an installed wheel works like the source tree.
TEMPLATES = resources.files("compiler.backends.docs").joinpath("templates")


def shade(value: Decimal) -> int:
    """The 5-point bucket a max LTV is shaded by (CSS class glc-ltv-<n>)."""
    return int(min(max(value, Decimal(0)), Decimal(100)) // 5 * 5)


@cache
def environment() -> jinja2.Environment:
    """The templates' environment, made once per process (templates are compiled once)."""
    return templates.environment("compiler.backends.docs", md=md, attr=attr, band=band)


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


def program_page(p: ir_program.Program, bundle: ir_program.Bundle) -> str:
    titles = titles_of(p, bundle.vocabulary)
    sections: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for m in p.matrices:
        cols = [" / ".join(entry_text(e, k.type) for e, k in zip(line, m.columns.keys, strict=True))
                for line in m.columns.lines] if m.columns else []
        rows = []
        for line, cells in zip(m.rows.lines, m.cells, strict=True):
            keys = [entry_text(e, k.type) for e, k in zip(line, m.rows.keys, strict=True)]
            row = ", ".join(keys)
            rows.append((keys, [_cell(c, m.gives, row, lab) for c, lab in zip(cells, cols or [""], strict=True)]))
        limit_titles = [next((lim.title for lim in p.limits if lim.id == g), g) for g in m.gives]
        x = {"m": m, "cols": cols, "rows": rows, "gives": " / ".join(limit_titles),
             "row_labels": [titles.get(lb, lb) for lb in m.rows.labels],
             "col_label": " / ".join(titles.get(lb, lb) for lb in m.columns.labels) if m.columns else ""}
        sections[m.section or "Eligibility matrices"].append(("matrix", x))
    for r in p.rules:
        sections[r.section or "Rules"].append(("rule", r))
    return environment().get_template("program.md.j2").render(
        p=p, sections=sections, say=lambda x: describe(x, titles),
        say_requirement=lambda q: describe_requirement(q, titles), titles=titles, value_text=_value_text,
        fmt=fmt_amount, limit_title=lambda lid: next((lim.title for lim in p.limits if lid == lim.id), lid),
    )


def changes_page(p: ir_program.Program, bundle: ir_program.Bundle) -> str:
    """A program's versions, newest first, and what changed from each version to the next (`compiler.tools.diff`)."""
    from compiler.tools.diff import diff_programs
    from compiler.tools.diff_render import render_markdown

    versions = bundle.versions(p.id)
    diffs = [render_markdown(diff_programs(a, b, bundle.vocabulary, bundle.vocabulary), heading_level=2)
             for a, b in itertools.pairwise(versions)]
    return environment().get_template("changes.md.j2").render(p=p, versions=versions, diffs=list(reversed(diffs)))


def entry_text(e: ir.Entry, t: ir_types.Type) -> str:
    """A table entry as the docs show it: a band, `any`, `any other`, or its choices by their labels."""
    if isinstance(e, ir.Band) or e.label in ("any", "any other"):
        return e.label
    labels = dict(zip(t.values, t.labels, strict=False))
    return ", ".join(("yes" if v else "no") if isinstance(v, bool) else labels.get(v, v) for v in e.values)


def _result_text(r: Decimal | str, t: ir_types.Type) -> str:
    """A lookup's result as the docs show it: an amount, or a category's choice by its label."""
    if isinstance(r, str):
        return dict(zip(t.values, t.labels, strict=False)).get(r, r)
    return fmt_amount(r, t.kind, t.unit)


def _value_text(v: ir.Value, titles: dict[str, str]) -> str:
    if isinstance(v.body, ir.Lookup):
        key = v.body.key
        labels = [" / ".join(entry_text(e, k.type) for e, k in zip(line, key.keys, strict=True)) for line in key.lines]
        parts = [f"{label}: {_result_text(r, v.type) if r is not None else 'N/A'}"
                 for label, r in zip(labels, v.body.results, strict=True)]
        by = " / ".join(titles.get(lb, lb) for lb in key.labels) if len(key.keys) > 1 else titles.get(key.label, key.label)
        return f"by {by}: " + "; ".join(parts)
    return describe(v.body, titles)


def generate(bundle: ir_program.Bundle, memo: Memo = no_memo) -> dict[str, str]:
    """Every generated documentation file, by path relative to the project root. A program's page, its changes
    page and its rows of the comparison page depend on its versions and the vocabulary only, so `memo` may find
    them from an earlier run."""
    env = environment()
    files: dict[str, str] = {}
    for p in bundle.programs:
        files[f"docs/programs/{p.id}.md"] = memo("page", p, partial(program_page, p, bundle))
        files[f"docs/programs/{p.id}-changes.md"] = memo("changes", p, partial(changes_page, p, bundle))
    by_investor: dict[str, list[ir_program.Program]] = defaultdict(list)
    for p in bundle.programs:
        by_investor[p.lender or p.investor].append(p)
    groups = sorted(by_investor.items())
    files["docs/index.md"] = env.get_template("index.md.j2").render(groups=groups)
    files["docs/vocabulary.md"] = env.get_template("vocabulary.md.j2").render(v=bundle.vocabulary)
    files["docs/compare.md"] = compare_page(bundle, memo)
    files["mkdocs.yml"] = env.get_template("mkdocs.yml.j2").render(groups=groups, yaml=_yaml_str)
    files["docs/_theme/main.html"] = (TEMPLATES / "theme_main.html").read_text(encoding="utf-8")
    return files


def _yaml_str(text: str) -> str:
    """A navigation title: HTML-escaped (the theme shows it as HTML), as a double-quoted YAML scalar."""
    shown = html.escape(str(text), quote=False).replace("\n", " ")
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ------------------------------------------------------------------ comparison page

BASE_LOAN: dict[str, object] = {
    "application_date": __import__("datetime").date(2026, 1, 15), "property_type": "sfr", "units": 1, "state": "CA",
    "rural": False, "declining_market": False, "short_term_rental": False, "interest_only": False, "fthb": False,
    "first_time_investor": False, "credit_events": [], "housing_lates": [], "housing_history_months": 24,
    "housing_verification": "vom", "rent_free": False, "in_forbearance": False, "subordinate_liens": Decimal(0),
    "citizenship": "us_citizen",
}
LOAN_AMOUNTS = (Decimal(750_000), Decimal(1_250_000), Decimal(1_750_000))
DOC_TYPE = {"investment": {"doc_type": "dscr", "lease_rent": Decimal(5_000), "market_rent": Decimal(5_000),
                           "pitia": Decimal(4_000)}}  # DSCR 1.25; every other occupancy: 24 months business statements
OTHER_DOC_TYPE: dict[str, object] = {"doc_type": "bank_stmt_business_24"}
FICO_POINTS = (620, 640, 660, 680, 700, 720, 740, 760)
GRID = (
    ("Minimum credit score", ("fico",)),
    ("Maximum DTI", ("dti",)),
    ("Reserves", ("reserves_months",)),
    ("Housing history", ("housing_lates", "housing_history_months", "housing_verification")),
    ("Credit-event seasoning", ("credit_events",)),
)


def _choices(vocabulary: ir_program.Vocabulary, name: str) -> list[tuple[str, str]]:
    """An enum field's (value, label) pairs, in the vocabulary's order."""
    f = vocabulary.field(name)
    assert f is not None, name
    return list(zip(f.type.values, f.type.labels or f.type.values, strict=True))


def _profiles(v: ir_program.Vocabulary) -> list[tuple[str, str, str, dict[str, object]]]:
    """Every occupancy x purpose x loan amount of the comparison page: (labels..., the loan without a credit score)."""
    out = []
    for occupancy, occupancy_label in _choices(v, "occupancy"):
        for purpose, purpose_label in _choices(v, "purpose"):
            for amount in LOAN_AMOUNTS:
                loan = {**BASE_LOAN, **DOC_TYPE.get(occupancy, OTHER_DOC_TYPE), "occupancy": occupancy, "purpose": purpose,
                        "loan_amount": amount, "appraised_value": amount * 2, "purchase_price": amount * 2}
                out.append((occupancy_label, purpose_label, fmt_amount(amount, "money", "USD"), loan))
    return out


def ltv_row(p: ir_program.Program, v: ir_program.Vocabulary) -> list[list[str]]:
    """One program's max LTV cells, per profile of `_profiles` (in its order), by FICO_POINTS: what the reference
    evaluator gives each loan (tests/oracles/compare_ltv.py), computed from the matrices and adjustments alone
    (`compare_ltv`)."""
    from compiler.backends.docs.compare_ltv import LtvPlan

    plan = LtvPlan(p, ("fico",))
    scores = [{"fico": fico} for fico in FICO_POINTS]
    return [plan.cells(loan, scores) for *_labels, loan in _profiles(v)]


def ltv_profiles(bundle: ir_program.Bundle, memo: Memo = no_memo
                 ) -> list[tuple[str, list[tuple[str, list[tuple[str, list[tuple[ir_program.Program, list[str]]]]]]]]]:
    """Max LTV by program and credit score for every occupancy x purpose x loan amount: nested as
    [(occupancy label, [(purpose label, [(amount label, [(program, cells by FICO_POINTS)])])])]."""
    v = bundle.vocabulary
    rows = [(p, memo("compare", p, partial(ltv_row, p, v))) for p in bundle.programs]
    out: list[tuple[str, list[tuple[str, list[tuple[str, list[tuple[ir_program.Program, list[str]]]]]]]]] = []
    for k, (occupancy_label, purpose_label, amount_label, _loan) in enumerate(_profiles(v)):
        if not out or out[-1][0] != occupancy_label:
            out.append((occupancy_label, []))
        by_purpose = out[-1][1]
        if not by_purpose or by_purpose[-1][0] != purpose_label:
            by_purpose.append((purpose_label, []))
        by_purpose[-1][1].append((amount_label, [(p, cells[k]) for p, cells in rows]))
    return out


def grid_row(p: ir_program.Program, v: ir_program.Vocabulary) -> list[list[str]]:
    """One program's requirements in each column of the comparison grid (GRID)."""
    titles = titles_of(p, v)
    cells = []
    for _label, names in GRID:
        texts = []
        for r in p.rules:
            for q in r.requirements:
                if set(ir.reads(q.test)) & set(names):
                    when = f" (when {describe(r.when, titles)})" if r.when is not None else ""
                    texts.append(describe_requirement(q, titles) + when)
        cells.append(texts)
    return cells


def compare_page(bundle: ir_program.Bundle, memo: Memo = no_memo) -> str:
    grid = [(p, memo("compare-grid", p, partial(grid_row, p, bundle.vocabulary))) for p in bundle.programs]
    return environment().get_template("compare.md.j2").render(
        profiles=ltv_profiles(bundle, memo), fico_points=FICO_POINTS, grid=grid, columns=[label for label, _ in GRID])
