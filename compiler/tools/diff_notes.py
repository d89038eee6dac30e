"""What changed in a program's `note` items between two versions: added, removed, and each changed line.

Notes are documentation only, so no change to one tightens or loosens the policy. Consumes two checked
programs; produces (heading, item, what, old, new, citation) tuples for `diff._Differ.add`.
"""

from __future__ import annotations

from compiler import ir, ir_program

NoteChange = tuple[str, str, str, str | None, str | None, str | None]


def _heading(n: ir.Note) -> str:
    return f'Note "{n.title}" ({n.id})'


def _summary(n: ir.Note) -> str:
    return f"{n.status}: {n.text}"


def note_changes(old: ir_program.Program, new: ir_program.Program) -> list[NoteChange]:
    """Every added, removed or changed note, in the new version's order (then the removed ones)."""
    olds = {n.id: n for n in old.notes}
    news = {n.id: n for n in new.notes}
    out: list[NoteChange] = []
    for n in new.notes:
        item = f"note:{n.id}"
        was = olds.get(n.id)
        if was is None:
            out.append((_heading(n), item, "Note", None, _summary(n), n.citation))
            continue
        for what, a, b in (("Title", was.title, n.title), ("Citation", was.citation or "none", n.citation or "none"),
                           ("Status", was.status, n.status), ("Text", was.text, n.text)):
            if a != b:
                out.append((_heading(n), item, what, a, b, n.citation))
    for n in old.notes:
        if n.id not in news:
            out.append((_heading(n), f"note:{n.id}", "Note", _summary(n), None, n.citation))
    return out
