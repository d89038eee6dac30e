"""Go to definition: where the thing under the cursor is declared (a value, a limit, a field of the vocabulary, a
base program after `extends:`, a rule or matrix, a choice's field; a cell or band: its matrix), as an LSP
location in the file that declares it."""

from __future__ import annotations

from lsprotocol import types
from pygls import uris
from pygls.workspace.position_codec import PositionCodec

from compiler.lsp.documents import Analysis
from compiler.lsp.positions import lines_of, to_range
from compiler.lsp.resolve import Target


def location(a: Analysis, t: Target, codec: PositionCodec) -> types.Location | None:
    """The declaration's location, or None when it is in no file the check read."""
    span = t.span
    if span is None:
        return None
    src = a.result.sources.get(span.path)
    uri = uris.from_fs_path(str(a.absolute(span.path)))
    if src is None or uri is None:
        return None
    return types.Location(uri=uri, range=to_range(span, lines_of(src.text), codec))
