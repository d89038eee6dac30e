"""Program inheritance: `extends` / `overlays`, `override`, `drop`, applied on the surface AST.

Consumes every parsed `ProgramDecl`; produces, per program, the effective list of items (own and
inherited, in order) and the merged header. Reports unknown bases, cycles, duplicate ids, overrides
and drops of items that do not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.syntax import surface as s

# Header keys a variant takes from its base when it does not state them.
INHERITED_KEYS = ("investor", "family", "source", "seasoning_date", "adjustments", "lender", "uncovered_loans")
HEADER_KEYS = ("title", "investor", "lender", "family", "version", "effective", "source", "extends", "overlays",
               "seasoning_date", "adjustments", "uncovered_loans", "abstract")  # `abstract` is never inherited: a variant is a product
LIMIT_KEY = "limit "  # `limit max_ltv: stacked`: one limit's combination (key `limit max_ltv`), inherited too


@dataclass(frozen=True, slots=True)
class Item:
    """One rule, matrix or value as it stands in a program after inheritance."""

    decl: s.RuleDecl | s.MatrixDecl | s.ValueDecl | s.NoteDecl
    origin: str
    section: str
    overrides: bool

    @property
    def key(self) -> tuple[str, str]:
        return (_namespace(self.decl), self.decl.name)


@dataclass(frozen=True, slots=True)
class Effective:
    """A program after inheritance."""

    decl: s.ProgramDecl
    header: dict[str, s.HeaderLine]
    base: str | None
    kind: str  # program | variant | overlay
    items: tuple[Item, ...]
    dropped: tuple[s.Drop, ...]
    base_broken: bool = False  # names a base that could not be resolved (already reported)
    unknown_keys: tuple[str, ...] = ()  # header keys reported as unknown


def _namespace(decl: s.RuleDecl | s.MatrixDecl | s.ValueDecl | s.NoteDecl) -> str:
    # Rules and matrices share one id space (both are rules findings name); values and notes have their own.
    return "value" if isinstance(decl, s.ValueDecl) else ("note" if isinstance(decl, s.NoteDecl) else "rule")


def _kind_word(decl: s.RuleDecl | s.MatrixDecl | s.ValueDecl | s.NoteDecl) -> str:
    return {s.RuleDecl: "rule", s.MatrixDecl: "matrix", s.ValueDecl: "value", s.NoteDecl: "note"}[type(decl)]


def header_of(decl: s.ProgramDecl, diags: Diagnostics) -> dict[str, s.HeaderLine]:
    """The header lines by key; unknown and repeated keys reported."""
    header: dict[str, s.HeaderLine] = {}
    for line in decl.header:
        if line.key not in HEADER_KEYS and not line.key.startswith(LIMIT_KEY):
            diags.error(
                "E210",
                f"`{line.key}` is not a program header key.{did_you_mean(line.key, HEADER_KEYS)}",
                line.key_span,
                "Header keys are: " + ", ".join(HEADER_KEYS) + ".",
            )
            continue
        if line.key in header:
            diags.error("E211", f"`{line.key}` is given twice.", line.key_span, "Keep one of the two lines.")
            continue
        header[line.key] = line
    return header


def inherit(programs: list[s.ProgramDecl], shared_values: set[str], diags: Diagnostics) -> dict[str, Effective]:
    """Apply inheritance to every program; programs with broken inheritance are still returned flat.

    `shared_values` are the vocabulary's derived values, which any program may override.
    """
    by_id: dict[str, s.ProgramDecl] = {}
    for p in programs:
        if p.name in by_id:
            first = by_id[p.name]
            diags.error(
                "E501",
                f"Program `{p.name}` is already defined in {first.span.path}.",
                p.name_span,
                "Give each program its own id; versions of one program differ in their `version:` line.",
            )
            continue
        by_id[p.name] = p
    headers = {pid: header_of(p, diags) for pid, p in by_id.items()}

    bases: dict[str, str | None] = {}
    kinds: dict[str, str] = {}
    for pid, header in headers.items():
        ext, ovl = header.get("extends"), header.get("overlays")
        line = ext or ovl
        kinds[pid] = "overlay" if ovl else ("variant" if ext else "program")
        if ext and ovl:
            diags.error("E502", "A program either `extends` a base or `overlays` one, not both.", ovl.key_span,
                        "Keep `overlays:` for a lender overlay, `extends:` for an investor's variant.")
        if line is None:
            bases[pid] = None
            continue
        base = str(line.value)
        if base not in by_id:
            diags.error("E503", f"No program `{base}` to build on.{did_you_mean(base, by_id)}", line.value_span,
                        "Name the id after `program` in the base's file.")
            bases[pid] = None
        elif base == pid:
            diags.error("E504", f"Program `{pid}` cannot build on itself.", line.value_span, "Name another program.")
            bases[pid] = None
        else:
            bases[pid] = base

    # cycles
    for pid in sorted(by_id):
        seen = [pid]
        cur = bases.get(pid)
        while cur is not None:
            if cur in seen:
                if cur == pid:
                    chain = " -> ".join([*seen, cur])
                    line = headers[pid].get("extends") or headers[pid].get("overlays")
                    diags.error("E505", f"Programs build on each other in a circle: {chain}.",
                                line.value_span if line else by_id[pid].name_span,
                                "Break the circle: one of them must not extend the other.")
                    bases[pid] = None
                break
            seen.append(cur)
            cur = bases.get(cur)

    result: dict[str, Effective] = {}

    def build(pid: str) -> Effective:
        if pid in result:
            return result[pid]
        decl = by_id[pid]
        base_id = bases[pid]
        inherited: list[Item] = []
        header = dict(headers[pid])
        if base_id is not None and not _in_cycle(base_id, bases):
            base = build(base_id)
            inherited = [Item(i.decl, i.origin, i.section, False) for i in base.items]
            for key in (*INHERITED_KEYS, *(k for k in base.header if k.startswith(LIMIT_KEY))):
                if key not in header and key in base.header:
                    header[key] = base.header[key]
        broken = base_id is None and kinds[pid] != "program"
        items, dropped = _apply_own(decl, inherited, base_id, shared_values, diags, broken)
        unknown = tuple(line.key for line in decl.header if line.key not in HEADER_KEYS
                        and not line.key.startswith(LIMIT_KEY))
        eff = Effective(decl, header, base_id, kinds[pid], tuple(items), tuple(dropped), broken, unknown)
        result[pid] = eff
        return eff

    for pid in by_id:
        build(pid)
    return result


def _in_cycle(pid: str, bases: dict[str, str | None]) -> bool:
    seen: set[str] = set()
    cur: str | None = pid
    while cur is not None:
        if cur in seen:
            return True
        seen.add(cur)
        cur = bases.get(cur)
    return False


def _apply_own(
    decl: s.ProgramDecl, inherited: list[Item], base_id: str | None, shared_values: set[str], diags: Diagnostics,
    base_broken: bool = False,
) -> tuple[list[Item], list[s.Drop]]:
    items = list(inherited)
    index = {item.key: n for n, item in enumerate(items)}
    own_seen: dict[tuple[str, str], s.RuleDecl | s.MatrixDecl | s.ValueDecl | s.NoteDecl] = {}
    dropped: list[s.Drop] = []
    section = ""
    for it in decl.items:
        if isinstance(it, s.Section):
            section = it.title
            continue
        if isinstance(it, s.Drop):
            key = (it.kind if it.kind in ("value", "note") else "rule", it.name)
            if base_broken:
                continue
            if key not in index or items[index[key]].origin == decl.name:
                names = [k[1] for k in index if k[0] == key[0]]
                diags.error("E506", f"There is no inherited {it.kind} `{it.name}` to drop.{did_you_mean(it.name, names)}",
                            it.span, "Name a rule, matrix, value or note of the base program.")
                continue
            items.pop(index[key])
            index = {item.key: n for n, item in enumerate(items)}
            dropped.append(it)
            continue
        key = (_namespace(it), it.name)
        word = _kind_word(it)
        if key in own_seen:
            diags.error("E507", f"The id `{it.name}` is used twice in this program.", it.name_span,
                        f"Rename one of them; ids are what findings, tests and diffs name (first at line {own_seen[key].span.line}).")
            continue
        own_seen[key] = it
        exists = key in index
        shared = key[0] == "value" and it.name in shared_values
        if it.override and shared and not exists:
            items.append(Item(it, decl.name, section, True))
            index[key] = len(items) - 1
            continue
        if shared and not exists:
            diags.error("E511", f"`{it.name}` is a value of the shared vocabulary.", it.name_span,
                        f"Write `override value {it.name}` to use your own definition in this program.")
            continue
        if it.override:
            if not exists and base_broken:
                items.append(Item(it, decl.name, section, True))
            elif not exists:
                names = [k[1] for k in index if k[0] == key[0]]
                hint = "Remove `override` to add a new one." if base_id else "Only a program that extends a base can override."
                diags.error("E508", f"`override {word} {it.name}`: the base has no {word} with that id.{did_you_mean(it.name, names)}",
                            it.name_span, hint)
                items.append(Item(it, decl.name, section, False))
            else:
                old = items[index[key]]
                if _kind_word(old.decl) != word:
                    diags.error("E509", f"`{it.name}` is a {_kind_word(old.decl)} in the base, not a {word}.", it.name_span,
                                f"Override it with `override {_kind_word(old.decl)} {it.name}`.")
                items[index[key]] = Item(it, decl.name, section, True)
            index = {item.key: n for n, item in enumerate(items)}
            continue
        if exists:
            origin = items[index[key]].origin
            diags.error("E510", f"`{it.name}` already exists in the base program `{origin}`.", it.name_span,
                        f"Write `override {word} {it.name}` to replace it, or choose a new id.")
            continue
        items.append(Item(it, decl.name, section, False))
        index[key] = len(items) - 1
    return items, dropped
