"""The language server: LSP requests wired to the modules that answer them (pygls 2, lsprotocol types).

Documents are synchronised whole (`TextDocumentSyncKind.Full`). Diagnostics are published when a document opens
and, a moment after the last change (`DEBOUNCE` seconds), for it and for the other open documents of its project
(a change to a base or to the vocabulary changes what they find); after a save, for every open document (files
on disk may have changed too). Problems `glc check` of a file reports in another file that is not open (the
vocabulary's) are published for that file. Requests answer from a check of the document's current text.

A failure inside a handler is logged (the log and the client's `window/logMessage`) and answered with an empty
result: it never stops the server. Formatting (`textDocument/formatting`) is not served here.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar, cast

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer

from compiler.diagnostics import DiagnosticsError
from compiler.lsp.completion import complete
from compiler.lsp.definition import location
from compiler.lsp.diagnostics import quick_fixes, to_lsp
from compiler.lsp.documents import Analysis, Documents
from compiler.lsp.hover import hover_text
from compiler.lsp.positions import from_position, lines_of, to_range
from compiler.lsp.resolve import target_at
from compiler.lsp.symbols import outline
from compiler.tools.fmt import format_source

log = logging.getLogger("glc.lsp")
DEBOUNCE = 0.25  # seconds without a change before a changed document is checked
SUFFIXES = (".guideline", ".fields")

F = TypeVar("F", bound=Callable[..., Any])


def _version() -> str:
    try:
        return version("guideline-compiler")
    except PackageNotFoundError:
        return "unknown"


class GuidelineServer(LanguageServer):
    """pygls's server with the open documents and their checks."""

    def __init__(self) -> None:
        super().__init__("glc", _version(), text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.documents = Documents()
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.elsewhere: dict[str, set[str]] = {}  # document -> the files not open its check reported problems in
        self.uris: dict[Path, str] = {}  # open document -> its URI as the client spells it

    def report(self, what: str, err: BaseException) -> None:
        log.error("%s failed", what, exc_info=err)
        try:
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"glc lsp: {what} failed: {type(err).__name__}: {err}"))
        except Exception:  # the client may be gone
            log.exception("could not report to the client")


def _path(uri: str) -> Path | None:
    path = uris.to_fs_path(uri)
    return Path(path) if path and path.endswith(SUFFIXES) else None


def make_server() -> GuidelineServer:
    """A server with every feature registered (started by `glc lsp` with `start_io`)."""
    server = GuidelineServer()

    def safe(what: str) -> Callable[[F], F]:
        """`fn`, its failures logged and answered with None (an empty result), never raised into pygls."""
        def wrap(fn: F) -> F:
            @functools.wraps(fn)
            def run(*args: Any) -> Any:
                try:
                    return fn(*args)
                except Exception as err:
                    server.report(what, err)
                    return None
            return cast(F, run)
        return wrap

    def publish(uri: str) -> None:
        path = _path(uri)
        if path is None:
            return
        doc = server.workspace.get_text_document(uri)
        a = server.documents.analysis(path)
        lines = lines_of(a.text)
        found = [to_lsp(d, lines, doc.position_codec) for d in a.diagnostics()]
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=doc.version))
        shown: set[str] = set()
        for file, diags in a.elsewhere().items():  # a file open in the editor reports its own problems
            other = uris.from_fs_path(str(file))
            src = a.result.sources.get(diags[0].span.path) if diags[0].span is not None else None
            if other is None or src is None or file in server.documents.texts:
                continue
            there = [to_lsp(d, lines_of(src.text), server.workspace.position_codec) for d in diags]
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=other, diagnostics=there))
            shown.add(other)
        for gone in server.elsewhere.get(uri, set()) - shown:
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=gone, diagnostics=[]))
        server.elsewhere[uri] = shown

    def publish_with_related(uri: str) -> None:
        publish(uri)
        path = _path(uri)
        for other in server.documents.related(path) if path is not None else []:
            if other in server.uris:
                safe("checking an open document")(publish)(server.uris[other])

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @safe("opening a document")
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        uri, text = params.text_document.uri, params.text_document.text
        path = _path(uri)
        if path is None:
            return
        server.documents.open(path, text)
        server.uris[path.resolve()] = uri
        try:
            saved = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            saved = False
        # the others of its project are checked again only if what they would read of this file changed
        (publish if saved else publish_with_related)(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @safe("a change")
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        if path is None:
            return
        server.documents.open(path, server.workspace.get_text_document(uri).source)
        previous = server.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        check = safe("checking a changed document")(publish_with_related)
        server.pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE, check, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @safe("closing a document")
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        previous = server.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        if path is not None:
            server.documents.close(path)
            server.uris.pop(path.resolve(), None)
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @safe("a save")
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        server.documents.forget()  # files on disk may have changed too (a base, the vocabulary): check again
        for uri in list(server.uris.values()):
            safe("checking an open document")(publish)(uri)

    def at(uri: str, position: types.Position) -> tuple[Analysis, str, int, int] | None:
        """The document's analysis, text and the cursor as (line, column), 1-based."""
        path = _path(uri)
        if path is None:
            return None
        doc = server.workspace.get_text_document(uri)
        line, column = from_position(position, lines_of(doc.source), doc.position_codec)
        return server.documents.analysis(path), doc.source, line, column

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @safe("hover")
    def hover(params: types.HoverParams) -> types.Hover | None:
        found = at(params.text_document.uri, params.position)
        if found is None:
            return None
        a, text, line, column = found
        target = target_at(a, text, line, column)
        shown = hover_text(a, target) if target is not None else None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, shown)) if shown else None

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "(", ","]))
    @safe("completion")
    def completion(params: types.CompletionParams) -> types.CompletionList | None:
        found = at(params.text_document.uri, params.position)
        if found is None:
            return None
        a, text, line, column = found
        return types.CompletionList(is_incomplete=False, items=complete(a, text, line, column))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @safe("go to definition")
    def definition(params: types.DefinitionParams) -> types.Location | None:
        found = at(params.text_document.uri, params.position)
        if found is None:
            return None
        a, text, line, column = found
        target = target_at(a, text, line, column)
        return location(a, target, server.workspace.position_codec) if target is not None else None

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @safe("code actions")
    def code_actions(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return quick_fixes(params.text_document.uri, params.context.diagnostics)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @safe("document symbols")
    def document_symbols(params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        uri = params.text_document.uri
        path = _path(uri)
        if path is None:
            return None
        doc = server.workspace.get_text_document(uri)
        a = server.documents.analysis(path)
        ast = a.ast if a.ast is not None else server.documents.last_ast(path)
        if ast is None:
            return []
        lines = lines_of(doc.source)
        return outline(ast, lambda span: to_range(span, lines, doc.position_codec))

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    @safe("formatting")
    def formatting(params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        uri = params.text_document.uri
        doc = server.workspace.get_text_document(uri)
        path = _path(uri)
        try:
            formatted = format_source(doc.source, str(path) if path is not None else uri)
        except DiagnosticsError:
            return None  # a syntax error: the diagnostics already say it; nothing to lay out
        if formatted == doc.source:
            return []
        end = types.Position(line=len(doc.lines), character=0)
        return [types.TextEdit(types.Range(types.Position(line=0, character=0), end), formatted)]

    return server
