"""What a variant or overlay changes from its base, for the top of its page: the items it overrides, drops and
adds, each with its title and the anchor of where it is shown (`links`)."""

from __future__ import annotations

from dataclasses import dataclass

from compiler import ir_program
from compiler.backends.docs.links import rule_anchor, value_anchor


@dataclass(frozen=True, slots=True)
class Item:
    kind: str  # matrix, rule or value
    id: str
    title: str
    href: str  # on this page, or on the base's page for a dropped item
    reason: str = ""  # why a dropped item is dropped


@dataclass(frozen=True, slots=True)
class Differences:
    overrides: tuple[Item, ...]
    drops: tuple[Item, ...]
    additions: tuple[Item, ...]


def _anchor(kind: str, item_id: str) -> str:
    return value_anchor(item_id) if kind == "value" else rule_anchor(item_id)


def differences(p: ir_program.Program, base: ir_program.Program | None) -> Differences | None:
    """None for a program that extends nothing (or whose base is not in the bundle)."""
    if base is None:
        return None
    base_values = {v.id for v in base.values}
    own = [("matrix", m.id, m.title, m.overrides) for m in p.matrices if m.origin == p.id]
    own += [("rule", r.id, r.title, r.overrides) for r in p.rules if r.origin == p.id]
    own += [("value", v.id, v.title, v.id in base_values) for v in p.values if v.origin == p.id]
    overrides = [Item(kind, i, title, f"#{_anchor(kind, i)}") for kind, i, title, over in own if over]
    additions = [Item(kind, i, title, f"#{_anchor(kind, i)}") for kind, i, title, over in own if not over]
    base_titles = {("value" if kind == "value" else "rule", i): title for kind, i, title in (
        [("matrix", m.id, m.title) for m in base.matrices] + [("rule", r.id, r.title) for r in base.rules]
        + [("value", v.id, v.title) for v in base.values])}
    drops = []
    for d in p.dropped:
        space = "value" if d.kind == "value" else "rule"
        title = base_titles.get((space, d.id), d.id)
        drops.append(Item(d.kind, d.id, title, f"{base.id}.md#{_anchor(d.kind, d.id)}", d.reason))
    return Differences(tuple(overrides), tuple(drops), tuple(additions))
