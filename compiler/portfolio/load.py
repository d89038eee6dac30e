"""The portfolio-specific passes of `*.portfolio` files: the surface AST of a parse tree (`build_portfolio_ast`)
and its lowering to a checked `Portfolio` (`lower_portfolio`), names resolved against the shared vocabulary (its
fields and derived values), every mistake a diagnostic with file:line:col and a fix. `compiler.driver`
(`check_portfolios`) reads and parses the files and runs these passes in order.

Codes E701-E710, E712 (docs/language.md, "Portfolio surveillance").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lark import Token, v_args
from lark.tree import Meta

from compiler import ir, ir_program
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.expr import ExprLowerer, Scope
from compiler.lower.lists import builtin
from compiler.portfolio.model import Change, PoolLimit, Portfolio, Scenario
from compiler.source import Source, Span
from compiler.syntax import surface as s
from compiler.syntax.build_ast import AstBuilder
from compiler.syntax.literals import unquote

# ------------------------------------------------------------------ surface nodes (this file kind only)

@dataclass(frozen=True)
class _Share:
    measure: str
    measure_span: Span
    by: str | None
    by_span: Span | None
    span: Span


@dataclass(frozen=True)
class _AtMost:
    percent: Decimal
    span: Span


@dataclass(frozen=True)
class _Change:
    kind: str
    field: str
    field_span: Span
    percent: Decimal
    of: str | None
    of_span: Span | None
    when: Any
    text: str
    span: Span


@dataclass(frozen=True)
class _Block:
    kind: str  # limit | scenario
    name: str
    name_span: Span
    title: str | None
    clauses: tuple[Any, ...]
    span: Span


@dataclass(frozen=True)
class PortfolioFile:
    title: str
    items: tuple[Any, ...]
    span: Span


@v_args(meta=True)
class _PortfolioBuilder(AstBuilder):
    """The language's tree builder plus the portfolio statements."""

    def __init__(self, path: str, diags: Diagnostics, text: str) -> None:
        super().__init__(path, diags)
        self.text = text

    def portfolio(self, meta: Meta, children: list[Any]) -> PortfolioFile:
        return PortfolioFile(unquote(children[0]), tuple(children[1:]), self.span(meta, children))

    def _block(self, kind: str, meta: Meta, children: list[Any]) -> _Block:
        name, rest = children[0], children[1:]
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title, rest = unquote(rest[0]), rest[1:]
        return _Block(kind, str(name), self.tok(name), title, tuple(rest), self.span(meta, children))

    def pool_limit(self, meta: Meta, children: list[Any]) -> _Block:
        return self._block("limit", meta, children)

    def stress(self, meta: Meta, children: list[Any]) -> _Block:
        return self._block("scenario", meta, children)

    def share(self, meta: Meta, children: list[Any]) -> _Share:
        by = children[1] if len(children) > 1 and children[1] is not None else None
        return _Share(str(children[0]), self.tok(children[0]), str(by) if by else None, self.tok(by) if by else None,
                      self.span(meta, children))

    def _percent(self, tok: Any) -> Decimal:
        value = self._literal("percent", tok).value
        return value if isinstance(value, Decimal) else Decimal(0)

    def at_most(self, meta: Meta, children: list[Any]) -> _AtMost:
        return _AtMost(self._percent(children[0]), self.span(meta, children))

    def change_kind(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def change(self, meta: Meta, children: list[Any]) -> _Change:
        kind, name, pct, of, when = children
        span = self.span(meta, children)
        return _Change(kind, str(name), self.tok(name), self._percent(pct), str(of) if of else None,
                       self.tok(of) if of else None, when, " ".join(self.text[meta.start_pos:meta.end_pos].split()), span)


# ------------------------------------------------------------------ the passes

def build_portfolio_ast(src: Source, tree: Any, diags: Diagnostics) -> PortfolioFile | None:
    """The surface AST of one parsed file; None (with E701) when the file is not a portfolio."""
    built = _PortfolioBuilder(src.path, diags, src.text if src.text.endswith("\n") else src.text + "\n").transform(tree)
    if not isinstance(built, PortfolioFile):
        diags.error("E701", f"{src.path} is not a portfolio file.", Span(src.path, 1, 1, 1, 2),
                    'Start it with `portfolio "Title"` (see docs/language.md, "Portfolio surveillance").')
        return None
    return built


def lower_portfolio(files: list[PortfolioFile], paths: list[str], vocabulary: ir_program.Vocabulary,
                    diags: Diagnostics) -> Portfolio | None:
    """Every limit and scenario of the files, checked; None when any has an error (reported to `diags`)."""
    limits: list[PoolLimit] = []
    scenarios: list[Scenario] = []
    seen: dict[str, Span] = {}
    for built in files:
        lowerer = ExprLowerer(_scope(vocabulary), diags)
        for item in built.items:
            if not isinstance(item, _Block):
                continue  # a section: grouping only
            if item.name in seen:
                diags.error("E702", f"`{item.name}` is declared twice (first at {seen[item.name]}).", item.name_span,
                            "Give every limit and scenario its own name.")
                continue
            seen[item.name] = item.name_span
            if item.kind == "limit":
                lim = _limit(item, vocabulary, lowerer, diags)
                if lim is not None:
                    limits.append(lim)
            else:
                sc = _scenario(item, vocabulary, lowerer, diags)
                if sc is not None:
                    scenarios.append(sc)
    if diags.has_errors:
        return None
    return Portfolio(files[0].title if files else "", tuple(limits), tuple(scenarios), tuple(paths))


def _scope(vocabulary: ir_program.Vocabulary) -> Scope:
    types = {v.id: v.type for v in vocabulary.values}
    return Scope({f.name: f for f in vocabulary.fields}, {r.name: r for r in vocabulary.records},
                 {lim.id: lim for lim in vocabulary.limits}, lambda name, span: types.get(name), lambda: list(types),
                 "application_date", lists={**builtin(), **{x.name: x for x in vocabulary.lists}})


def _citation(block: _Block, diags: Diagnostics) -> tuple[str, tuple[str, ...]] | None:
    cites = [c for c in block.clauses if isinstance(c, s.Cite)]
    notes = tuple(c.text for c in block.clauses if isinstance(c, s.Note))
    if not cites:
        diags.error("E703", f"The {block.kind} `{block.name}` has no citation.", block.name_span,
                    'Add a line `cite "..."` naming where it comes from (a policy section, or "Illustrative").')
        return None
    return cites[0].text, notes


def _field(name: str, span: Span, vocabulary: ir_program.Vocabulary, diags: Diagnostics, what: str) -> ir.Field | None:
    f = vocabulary.field(name)
    if f is None:
        names = [x.name for x in vocabulary.fields]
        diags.error("E704", f"Unknown field `{name}`.{did_you_mean(name, names)}", span,
                    f"The {what} must be a loan field declared in programs/loan.fields.")
    return f


def _condition(when: s.When | Any, lowerer: ExprLowerer) -> ir.Expr | None:
    return lowerer.condition(when.cond if isinstance(when, s.When) else when)


def _limit(block: _Block, vocabulary: ir_program.Vocabulary, lowerer: ExprLowerer, diags: Diagnostics) -> PoolLimit | None:
    cited = _citation(block, diags)
    shares = [c for c in block.clauses if isinstance(c, _Share)]
    caps = [c for c in block.clauses if isinstance(c, _AtMost)]
    whens = [c for c in block.clauses if isinstance(c, s.When)]
    bad = [c for c in block.clauses if not isinstance(c, (_Share, _AtMost, s.When, s.Cite, s.Note))]
    ok = cited is not None
    for c in bad:
        diags.error("E705", "A pool limit holds only `cite`, `note`, `share of ...`, `when ...` and `at most ...`.",
                    getattr(c, "span", block.span), "Move this line out of the limit.")
        ok = False
    for what, got, example in (("share of", shares, "share of loan_amount by state"), ("at most", caps, "at most 40%")):
        if len(got) != 1:
            diags.error("E706", f"The limit `{block.name}` needs exactly one `{what}` line; it has {len(got)}.",
                        block.name_span if not got else got[1].span, f"Write one line such as `{example}`.")
            ok = False
    if len(whens) > 1:
        diags.error("E706", f"The limit `{block.name}` has {len(whens)} `when` lines.", whens[1].span,
                    "Join the conditions with `and` on one `when` line.")
        ok = False
    if not ok or cited is None:
        return None
    share, cap = shares[0], caps[0]
    measure = _field(share.measure, share.measure_span, vocabulary, diags, "measured amount")
    if measure is not None and measure.type.kind != "money":
        diags.error("E707", f"`{share.measure}` is {measure.type.describe()}; a share is measured in money.",
                    share.measure_span, "Measure a money field such as loan_amount.")
        measure = None
    by = None
    if share.by is not None and share.by_span is not None:
        by = _field(share.by, share.by_span, vocabulary, diags, "grouping")
        if by is not None and by.type.kind not in ("enum", "yesno", "text"):
            diags.error("E708", f"`{share.by}` is {by.type.describe()}; loans are grouped by a field of named values.",
                        share.by_span, "Group by a field such as state, doc_type or occupancy.")
            by = None
    if cap.percent > 100:
        diags.error("E709", f"A share cannot exceed 100%; this limit says {cap.percent}%.", cap.span,
                    "Give a percent between 0% and 100%.")
        return None
    when = _condition(whens[0], lowerer) if whens else None
    if measure is None or (share.by is not None and by is None) or (whens and when is None):
        return None
    return PoolLimit(block.name, block.title or block.name, cited[0], cited[1], measure.name, share.by, when,
                     cap.percent, block.span)


def _scenario(block: _Block, vocabulary: ir_program.Vocabulary, lowerer: ExprLowerer, diags: Diagnostics) -> Scenario | None:
    cited = _citation(block, diags)
    changes: list[Change] = []
    ok = cited is not None
    for c in block.clauses:
        if isinstance(c, (s.Cite, s.Note)):
            continue
        assert isinstance(c, _Change)
        f = _field(c.field, c.field_span, vocabulary, diags, "changed amount")
        if f is not None and f.type.kind != "money":
            diags.error("E710", f"`{c.field}` is {f.type.describe()}; a scenario changes money amounts.", c.field_span,
                        "Change a money field such as pitia, market_rent or total_deposits.")
            f = None
        of = None
        if c.of is not None and c.of_span is not None:
            of = _field(c.of, c.of_span, vocabulary, diags, "base of the change")
            if of is not None and f is not None and (of.type.kind != "money" or of.type.unit != f.type.unit):
                diags.error("E712", f"`{c.of}` is {of.type.describe()} but `{c.field}` is {f.type.describe()}.",
                            c.of_span, "Take the percent of an amount in the same unit.")
                of = None
        when = _condition(c.when, lowerer) if c.when is not None else None
        if f is None or (c.of is not None and of is None) or (c.when is not None and when is None):
            ok = False
            continue
        changes.append(Change(c.kind, c.field, c.percent, c.of, when, c.text, c.span))
    if not ok or cited is None:
        return None
    return Scenario(block.name, block.title or block.name, cited[0], cited[1], tuple(changes), block.span)
