"""`note` items: source text a program records with its citation and status, and does not enforce.

Consumes the `surface.NoteDecl` of an inherited item; produces an `ir.Note` (documentation only: no executor
reads it). Checks its lines: one `status:` of informational, unusable or conflict; one quoted `text:`; `cite`.
"""

from __future__ import annotations

from typing import cast

from compiler import ir
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.inherit import Item
from compiler.syntax import surface as s

STATUSES: dict[str, str] = {
    "informational": "true, and nothing a checker can decide",
    "unusable": "garbled or too vague to enforce",
    "conflict": "the source contradicts itself",
}
_KEYS = ("status", "text")
_STATUS_FIX = ("Write `status: informational` (" + STATUSES["informational"] + "), `status: unusable` ("
               + STATUSES["unusable"] + ") or `status: conflict` (" + STATUSES["conflict"] + ").")


def lower_note(item: Item, diags: Diagnostics) -> ir.Note | None:
    decl = item.decl
    assert isinstance(decl, s.NoteDecl)
    lines: dict[str, s.NoteProp] = {}
    ok = True
    for prop in decl.props:
        if prop.key not in _KEYS:
            diags.error("E433", f"`{prop.key}:` is not a line of a note.{did_you_mean(prop.key, _KEYS)}", prop.key_span,
                        "A note has a `cite \"...\"` line, a `status:` line and a `text: \"...\"` line.")
            ok = False
        elif prop.key in lines:
            diags.error("E224", f"`{prop.key}:` is given twice in note `{decl.name}`.", prop.key_span, "Keep one of the two lines.")
            ok = False
        else:
            lines[prop.key] = prop
    if len(decl.cites) > 1:
        diags.error("E224", f"`cite` is given twice in note `{decl.name}`.", decl.cites[1].span, "Keep one of the two lines.")
        ok = False
    if not decl.cites:
        diags.warning("W101", f"Note `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` naming where the source document states it.")
    status = lines.get("status")
    if status is None:
        diags.error("E430", f"Note `{decl.name}` has no `status:` line.", decl.name_span, _STATUS_FIX)
        ok = False
    elif status.value not in STATUSES:
        diags.error("E431", f"`{status.value}` is not a status of a note.{did_you_mean(status.value, STATUSES)}",
                    status.value_span, _STATUS_FIX)
        ok = False
    text = lines.get("text")
    if text is None:
        diags.error("E432", f"Note `{decl.name}` has no `text:` line.", decl.name_span,
                    "Add `text: \"...\"` with the source's words (or a summary of them), in double quotes.")
        ok = False
    elif not text.quoted:
        diags.error("E432", "A note's text is written in double quotes.", text.value_span,
                    f"Write `text: \"{text.value} ...\"`.")
        ok = False
    if not ok or status is None or text is None:
        return None
    return ir.Note(decl.name, decl.title or decl.name, item.section, decl.cites[0].text if decl.cites else None,
                   cast(ir.NoteStatus, status.value), text.value, item.origin, decl.span)
