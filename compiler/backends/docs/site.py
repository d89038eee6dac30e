"""Documentation back end: the checked IR to Markdown pages of the mkdocs-material site, and `mkdocs.yml`.

Consumes an `ir_program.Bundle`; produces {path relative to the project root: text}. Every text that comes from a
guideline file passes through `md` (Markdown and HTML escaped) before it reaches a page, and rules are
worded by `compiler.wording`, the same wording the checkers' messages use.
"""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache, partial
from importlib import resources
from typing import TypeVar

import jinja2

from compiler import ir, ir_program, ir_types
from compiler.backends import templates
from compiler.backends.docs import changes
from compiler.backends.docs.links import Linker, also, also_span, choices, field_anchor, rule_anchor, value_anchor
from compiler.backends.docs.matrices import entry_text, matrix_view
from compiler.build.cache import Memo, no_memo
from compiler.escape import attr, band, md
from compiler.lower.lists import builtin
from compiler.meta import titles as titles_of
from compiler.reference import builtin_lists
from compiler.wording import Choices, describe, describe_requirement, fmt_amount

T = TypeVar("T")

# Package data, read through importlib.resources so an installed wheel works like the source tree.
TEMPLATES = resources.files("compiler.backends.docs").joinpath("templates")


@cache
def environment() -> jinja2.Environment:
    """The templates' environment, made once per process (templates are compiled once)."""
    return templates.environment("compiler.backends.docs", md=md, attr=attr, band=band)


def program_page(p: ir_program.Program, bundle: ir_program.Bundle) -> str:
    from compiler.backends.docs.differs import differences

    titles = titles_of(p, bundle.vocabulary)
    named = choices(bundle.vocabulary)
    sections: dict[str, list[tuple[str, object]]] = defaultdict(list)
    for m in p.matrices:
        sections[m.section or "Eligibility matrices"].append(("matrix", matrix_view(m, p, titles)))
    for r in p.rules:
        sections[r.section or "Rules"].append(("rule", r))
    for n in p.notes:
        sections[n.section or "Notes"].append(("note", n))
    by_id = {q.id: q for q in bundle.programs}
    base = by_id.get(p.base) if p.base else None
    shared_by = _shared_by(bundle, p)
    return environment().get_template("program.md.j2").render(
        p=p, sections=sections, say=lambda x: describe(x, titles, named),
        say_requirement=lambda q: describe_requirement(q, titles, named), titles=titles,
        value_text=lambda v: _value_text(v, titles, named), fmt=fmt_amount, base=base, shared_by=shared_by,
        limit_title=lambda lid: next((lim.title for lim in p.limits if lid == lim.id), lid),
        reads=Linker(p, bundle.vocabulary).reads, differs=differences(p, base), origin_title=lambda o: (
            by_id[o].title if o in by_id else o), rule_anchor=rule_anchor, value_anchor=value_anchor,
        yaml=_yaml_str, combine_words=combine_words, mode_text=lambda mode: _MODE_TEXT[mode],
        note_anchor=note_anchor, note_kind=NOTE_ADMONITION,
    )


_MODE_TEXT = {"lowest": "lowest wins", "stacked": "stacked", "caps_first": "reductions last", "first": "first applicable"}


def combine_words(mode: str) -> str:
    """How a limit's reductions and caps combine, in words (docs/language.md 9.5)."""
    return {
        "stacked": "Reductions add up and are taken from the matrix value; caps then apply; the lowest result is the "
                   "limit.",
        "caps_first": "The lowest of the matrix value and the caps, less every reduction (reductions last): a "
                      "reduction lowers a capped limit too.",
        "first": "The first rule, in the order written, whose conditions hold sets the limit from the matrix value "
                 "(its cap, or the matrix value less its reduction); later rules are ignored, and with none the matrix "
                 "value stands (first applicable). While a rule before it may apply (its data unknown), the limit is "
                 "unknown.",
    }.get(mode, "The matrix value, each reduction taken from it, and each cap are candidates; the lowest applies "
                "(most restrictive wins).")


NOTE_ADMONITION = {"informational": ("info", "Recorded, not enforced: informational"),
                   "unusable": ("warning", "Recorded, not enforced: the source text cannot be enforced as written"),
                   "conflict": ("danger", "Recorded, not enforced: the source contradicts itself")}


def note_anchor(note_id: str) -> str:
    """Notes have their own id space, and so their own anchors."""
    return f"note-{note_id}"


def _shared_by(bundle: ir_program.Bundle, p: ir_program.Program) -> list[ir_program.Program]:
    """The programs that extend or overlay `p`, by title."""
    return sorted((q for q in bundle.programs if q.base == p.id), key=lambda q: q.title)


def changes_page(p: ir_program.Program, bundle: ir_program.Bundle) -> str:
    """A program's versions, newest first, and what changed from each version to the next (`changes`)."""
    return changes.changes_page(p, bundle, lambda name, **context: environment().get_template(name).render(yaml=_yaml_str, **context))


def _result_text(r: Decimal | str, t: ir_types.Type) -> str:
    """A lookup's result as the docs show it: an amount, or a category's choice by its label."""
    if isinstance(r, str):
        return dict(zip(t.values, t.labels, strict=False)).get(r, r)
    return fmt_amount(r, t.kind, t.unit)


def _value_text(v: ir.Value, titles: dict[str, str], named: Choices | None = None) -> str:
    if isinstance(v.body, ir.Lookup):
        key = v.body.key
        labels = [" / ".join(entry_text(e, k.type) for e, k in zip(line, key.keys, strict=True)) for line in key.lines]
        parts = [f"{label}: {_result_text(r, v.type) if r is not None else 'N/A'}"
                 for label, r in zip(labels, v.body.results, strict=True)]
        by = " / ".join(titles.get(lb, lb) for lb in key.labels) if len(key.keys) > 1 else titles.get(key.label, key.label)
        return f"by {by}: " + "; ".join(parts)
    return describe(v.body, titles, named)


def generate(bundle: ir_program.Bundle, memo: Memo = no_memo) -> dict[str, str]:
    """Every generated documentation file, by path relative to the project root. A program's page, its changes
    page and its rows of the comparison page depend on its versions and the vocabulary only, so `memo` may find
    them from an earlier run."""
    env = environment()
    columns = fico_columns(offered(bundle))
    memo = _per_program(bundle, memo, columns)
    files: dict[str, str] = {}
    for p in bundle.programs:
        files[f"docs/programs/{p.id}.md"] = memo(_page_kind(bundle, p), p, partial(program_page, p, bundle))
        files[f"docs/programs/{p.id}-changes.md"] = memo("changes", p, partial(changes_page, p, bundle))
    by_investor: dict[str, list[ir_program.Program]] = defaultdict(list)
    for p in bundle.programs:
        by_investor[p.lender or p.investor].append(p)
    groups = sorted(by_investor.items())
    files["docs/index.md"] = env.get_template("index.md.j2").render(groups=groups, shared_by=partial(_shared_by, bundle))
    files["docs/vocabulary.md"] = vocabulary_page(bundle.vocabulary)
    files["docs/compare.md"] = compare_page(bundle, memo, columns)
    files["mkdocs.yml"] = env.get_template("mkdocs.yml.j2").render(groups=groups, yaml=_yaml_str)
    files["docs/_theme/main.html"] = (TEMPLATES / "theme_main.html").read_text(encoding="utf-8")
    return files


def _page_kind(bundle: ir_program.Bundle, p: ir_program.Program) -> str:
    """The memo kind of a program's page: it names the programs built on it, which are not among its own files."""
    return "page:" + "\x00".join(f"{q.id}\x00{q.title}" for q in _shared_by(bundle, p))


def _per_program(bundle: ir_program.Bundle, memo: Memo, columns: tuple[tuple[int, int | None], ...]) -> Memo:
    """`memo`, with every per-program part of the site (pages, changes pages, the comparison page's rows) that it
    does not hold computed first, together, in worker processes when there are enough (`parallel.memo_jobs`)."""
    from compiler.build.parallel import memo_jobs

    v = bundle.vocabulary
    scores = tuple(low for low, _ in columns)
    jobs: list[tuple[str, ir_program.Program, Callable[[], object]]] = []
    for p in bundle.programs:
        jobs += [(_page_kind(bundle, p), p, partial(program_page, p, bundle)),
                 ("changes", p, partial(changes_page, p, bundle))]
    for p in offered(bundle):
        jobs += [(_compare_kind(scores), p, partial(ltv_row, p, v, scores)), ("compare-grid", p, partial(grid_row, p, v))]
    made = memo_jobs(memo, jobs, per_program=PARTS_PER_PROGRAM)
    done = {(kind, id(p)): value for (kind, p, _), value in zip(jobs, made, strict=True)}

    def found(kind: str, program: ir_program.Program, compute: Callable[[], T]) -> T:
        got = done.get((kind, id(program)), _NONE)
        return compute() if got is _NONE else got  # type: ignore[return-value]

    return found


_NONE = object()
# A program's four documentation parts together weigh about what its modules do (`parallel.run`).
PARTS_PER_PROGRAM = 4


def _type_text(f: ir.Field) -> str:
    """A field's type for people, as Markdown: an enum's labels, each with the value a tape or a developer writes
    in a code span (values are identifiers), the unit, the range; a field typed by a reference list links to it."""
    t = f.type
    if t.kind == "enum" and t.choices_list:
        text = f"one of the [{t.choices_list}](#{list_anchor(t.choices_list)}) list ({len(t.values)} codes)"
    elif t.kind == "enum":
        text = "one of " + ", ".join(f"{md(label)} `{value}`" for value, label in zip(t.values, t.labels or t.values, strict=True))
    else:
        text = md(t.describe())
    if t.unit and t.unit not in t.describe():
        text += f" \\({md(t.unit)}\\)"
    return text + (f"; {md(f.range.label)}" if f.range else "")


def vocabulary_page(v: ir_program.Vocabulary) -> str:
    sections: dict[str, list[ir.Field]] = {}
    for f in v.fields:
        sections.setdefault(f.section, []).append(f)
    used = {f.type.choices_list for f in v.fields if f.type.choices_list}
    named = {x.name: x for x in v.lists}
    builtins = [b for b in builtin().values() if b.name in used or any(x.source == b.name for x in v.lists)]
    return environment().get_template("vocabulary.md.j2").render(
        v=v, sections=list(sections.items()), anchor=field_anchor, also=also, also_span=also_span, type_text=_type_text,
        lists=[*v.lists, *builtins], list_anchor=list_anchor, all_builtins=list(builtin().values()),
        source_of=lambda x: (f"chosen from [{x.source}](#{list_anchor(x.source)})" if x.source in named or x.source in builtin()
                             else f"chosen from the choices of [{x.source}](#{field_anchor(x.source, '')})"),
        zip=zip, citation=lambda x: next((b.source for b in builtin_lists().values() if b.name == x.name), ""))


def list_anchor(name: str) -> str:
    """Reference lists have their own anchors on the vocabulary page."""
    return f"list-{name}"


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
FICO = "fico"
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


def fico_edges(p: ir_program.Program) -> set[int]:
    """The credit scores where the program's max LTV may change: the first score of each band of a matrix axis on
    the credit score, and the thresholds its matrices' and limit adjustments' conditions compare it with."""
    edges: set[int] = set()
    for m in p.matrices:
        for axis in (m.rows, m.columns) if m.columns else (m.rows,):
            if isinstance(axis.expr, ir.FieldRef) and axis.expr.name == FICO:
                for b in axis.bands:
                    if b.low is not None:
                        edges.add(int(b.low) + (0 if b.low_inclusive else 1))
                    if b.high is not None:
                        edges.add(int(b.high) + (1 if b.high_inclusive else 0))
    conditions = [m.when for m in p.matrices] + [r.when for r in p.rules if r.adjustments]
    for c in (c for x in conditions if x is not None for c in ir.find_all(x, ir.Compare)):
        if isinstance(c.left, ir.FieldRef) and c.left.name == FICO and isinstance(c.right, ir.Const) \
                and isinstance(c.right.value, Decimal):
            edges.add(int(c.right.value) + (1 if c.op in (">", "<=") else 0))
    return edges


def fico_columns(programs: Iterable[ir_program.Program]) -> tuple[tuple[int, int | None], ...]:
    """The comparison's credit-score columns: the union of the programs' band edges, as (first, last) scores,
    the last open-ended. Within a column no program's max LTV changes with the score."""
    edges = sorted(set().union(*(fico_edges(p) for p in programs)))
    if not edges:
        return ()
    closed: list[tuple[int, int | None]] = [(low, high - 1) for low, high in itertools.pairwise(edges)]
    return (*closed, (edges[-1], None))


def column_label(column: tuple[int, int | None]) -> str:
    low, high = column
    return f"{low}+" if high is None else str(low) if high == low else f"{low}-{high}"


def ltv_row(p: ir_program.Program, v: ir_program.Vocabulary, scores: tuple[int, ...]) -> list[list[str]]:
    """One program's max LTV cells, per profile of `_profiles` (in its order), at each credit score of `scores`
    (the first score of each column): what the reference evaluator gives each loan (tests/oracles/compare_ltv.py),
    computed from the matrices and adjustments alone (`compare_ltv`)."""
    from compiler.backends.docs.compare_ltv import LtvPlan

    plan = LtvPlan(p, (FICO,))
    return [plan.cells(loan, [{FICO: s} for s in scores]) for *_labels, loan in _profiles(v)]


def offered(bundle: ir_program.Bundle) -> list[ir_program.Program]:
    """The programs loans are offered under: every program but the abstract ones (shared rules)."""
    return [p for p in bundle.programs if not p.abstract]


def ltv_profiles(bundle: ir_program.Bundle, scores: tuple[int, ...], memo: Memo = no_memo
                 ) -> list[tuple[str, list[tuple[str, list[tuple[str, list[tuple[ir_program.Program, list[str]]]]]]]]]:
    """Max LTV by program and credit score for every occupancy x purpose x loan amount: nested as
    [(occupancy label, [(purpose label, [(amount label, [(program, cells by column)])])])]."""
    v = bundle.vocabulary
    rows = [(p, memo(_compare_kind(scores), p, partial(ltv_row, p, v, scores))) for p in offered(bundle)]
    out: list[tuple[str, list[tuple[str, list[tuple[str, list[tuple[ir_program.Program, list[str]]]]]]]]] = []
    for k, (occupancy_label, purpose_label, amount_label, _loan) in enumerate(_profiles(v)):
        if not out or out[-1][0] != occupancy_label:
            out.append((occupancy_label, []))
        by_purpose = out[-1][1]
        if not by_purpose or by_purpose[-1][0] != purpose_label:
            by_purpose.append((purpose_label, []))
        by_purpose[-1][1].append((amount_label, [(p, cells[k]) for p, cells in rows]))
    return out


def _compare_kind(scores: tuple[int, ...]) -> str:
    """The memo kind of a program's max LTV cells: they depend on the credit-score columns, which every program's
    bands decide."""
    return "compare:" + ",".join(map(str, scores))


def grid_row(p: ir_program.Program, v: ir_program.Vocabulary) -> list[list[tuple[str, str]]]:
    """One program's requirements in each column of the comparison grid (GRID)."""
    titles = titles_of(p, v)
    named = choices(v)
    cells = []
    for _label, names in GRID:
        texts = []
        for r in p.rules:
            for q in r.requirements:
                if set(ir.reads(q.test)) & set(names):
                    texts.append((describe_requirement(q, titles, named),
                                  f"when {describe(r.when, titles, named)}" if r.when is not None else ""))
        cells.append(texts)
    return cells


def compare_page(bundle: ir_program.Bundle, memo: Memo = no_memo,
                 columns: tuple[tuple[int, int | None], ...] | None = None) -> str:
    """The comparison page (`columns`: `fico_columns` of the programs offered, when the caller has them)."""
    grid = [(p, memo("compare-grid", p, partial(grid_row, p, bundle.vocabulary))) for p in offered(bundle)]
    columns = fico_columns(offered(bundle)) if columns is None else columns
    return environment().get_template("compare.md.j2").render(
        profiles=ltv_profiles(bundle, tuple(low for low, _ in columns), memo),
        fico_columns=[column_label(c) for c in columns], grid=grid, columns=[label for label, _ in GRID])
