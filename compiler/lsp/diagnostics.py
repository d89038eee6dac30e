"""The driver's diagnostics as LSP diagnostics: the same code, severity, span, message and fix as `glc check`.

The message is `glc check`'s, followed by its fix on a line of its own (`fix: ...`), as `glc check` prints it;
the fix alone is also in the diagnostic's `data` (`{"fix": ...}`) for clients that show it apart. A diagnostic
that points at no file (no vocabulary beside the programs) is shown on the document's first line. Where the
message suggests a name (`Did you mean `x`?`), `data` has it too (`"replace"`), and the code action `quick_fixes`
offers the edit that writes it in place of the span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from compiler.diagnostics import Diagnostic
from compiler.lsp.positions import to_range

SOURCE = "glc"
_SUGGESTED = re.compile(r"Did you mean `([^`]+)`\?")
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


def message(d: Diagnostic) -> str:
    """The text an editor shows: the message, then the fix."""
    return f"{d.message}\nfix: {d.hint}" if d.hint else d.message


def to_lsp(d: Diagnostic, lines: Sequence[str], codec: PositionCodec) -> types.Diagnostic:
    if d.span is None:
        where = types.Range(types.Position(0, 0), types.Position(0, 0))
    else:
        where = to_range(d.span, lines, codec)
    data: dict[str, str] = {"fix": d.hint} if d.hint else {}
    suggested = _SUGGESTED.search(d.message)
    if suggested is not None and d.span is not None and d.span.line == d.span.end_line:
        data["replace"] = suggested.group(1)  # the name the message suggests, in place of the span (a quick fix)
    return types.Diagnostic(range=where, message=message(d), severity=_SEVERITY[d.severity], code=d.code, source=SOURCE,
                            data=data or None)


def quick_fixes(uri: str, diagnostics: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
    """For each of the server's diagnostics that suggests a name ("Did you mean `x`?"): the edit writing it."""
    out = []
    for d in diagnostics:
        name = d.data.get("replace") if d.source == SOURCE and isinstance(d.data, dict) else None
        if isinstance(name, str):
            out.append(types.CodeAction(title=f"Replace with `{name}`", kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                                        is_preferred=True,
                                        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=d.range, new_text=name)]})))
    return out
