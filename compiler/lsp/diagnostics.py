"""The driver's diagnostics as LSP diagnostics: the same code, severity, span, message and fix as `glc check`.

The message is `glc check`'s, followed by its fix on a line of its own (`fix: ...`), as `glc check` prints it;
the fix alone is also in the diagnostic's `data` (`{"fix": ...}`) for clients that show it apart. A diagnostic
that points at no file (no vocabulary beside the programs) is shown on the document's first line.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from compiler.diagnostics import Diagnostic
from compiler.lsp.positions import to_range

SOURCE = "glc"
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}


def message(d: Diagnostic) -> str:
    """The text an editor shows: the message, then the fix."""
    return f"{d.message}\nfix: {d.hint}" if d.hint else d.message


def to_lsp(d: Diagnostic, lines: Sequence[str], codec: PositionCodec) -> types.Diagnostic:
    if d.span is None:
        where = types.Range(types.Position(0, 0), types.Position(0, 0))
    else:
        where = to_range(d.span, lines, codec)
    return types.Diagnostic(range=where, message=message(d), severity=_SEVERITY[d.severity], code=d.code, source=SOURCE,
                            data={"fix": d.hint} if d.hint else None)
