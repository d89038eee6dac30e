"""A language-server session for the tests: a real `glc lsp` subprocess driven over stdio by pygls's client.

pygls's client is asynchronous; the session runs its event loop in a thread of its own so that the tests stay
plain functions: `request` waits for an answer, `wait_diagnostics` for the diagnostics of a document's version.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls import uris
from pygls.lsp.client import LanguageClient

GLC = Path(sys.executable).parent / "glc"
WAIT = 60  # seconds before a missing answer fails the test (never reached when the server answers)
T = TypeVar("T")


class Session:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.logs: list[str] = []
        self.changed = threading.Condition()
        self.client: LanguageClient = self.run(self._start())
        self.versions: dict[str, int] = {}

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(WAIT)

    async def _start(self) -> LanguageClient:
        client = LanguageClient("glc-tests", "1")

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            with self.changed:
                self.published.setdefault(params.uri, []).append(params)
                self.changed.notify_all()

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

        await client.start_io(str(GLC), "lsp", cwd=str(self.root))
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                             root_uri=self.uri(self.root)))
        client.initialized(types.InitializedParams())
        return client

    def stop(self) -> None:
        async def finish() -> None:
            await self.client.shutdown_async(None)
            self.client.exit(None)
            await self.client.stop()
        try:
            self.run(finish())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(WAIT)

    @staticmethod
    def uri(path: Path) -> str:
        found = uris.from_fs_path(str(path))
        assert found is not None
        return found

    def open(self, path: Path, text: str) -> str:
        uri = self.uri(path)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="guideline", version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def wait_diagnostics(self, uri: str, version: int) -> list[types.Diagnostic]:
        """The diagnostics published for that version of the document (the latest such publication)."""
        def found() -> list[types.PublishDiagnosticsParams]:
            return [p for p in self.published.get(uri, []) if p.version == version]
        with self.changed:
            assert self.changed.wait_for(lambda: bool(found()), WAIT), f"no diagnostics for {uri} v{version}"
            return list(found()[-1].diagnostics)

    def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return self.run(self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))))

    def complete(self, uri: str, line: int, character: int) -> list[str]:
        got = self.run(self.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))))
        items = got.items if isinstance(got, types.CompletionList) else (got or [])
        return [i.label for i in items]

    def definition(self, uri: str, line: int, character: int) -> types.Location:
        got = self.run(self.client.text_document_definition_async(types.DefinitionParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))))
        assert isinstance(got, types.Location), got
        return got

    def quick_fixes(self, uri: str, diagnostics: list[types.Diagnostic]) -> list[types.CodeAction]:
        got = self.run(self.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), diagnostics[0].range, types.CodeActionContext(diagnostics))))
        return [a for a in got or [] if isinstance(a, types.CodeAction)]

    def format(self, uri: str) -> list[types.TextEdit] | None:
        return self.run(self.client.text_document_formatting_async(types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True))))

    def symbols(self, uri: str) -> list[types.DocumentSymbol]:
        got = self.run(self.client.text_document_document_symbol_async(types.DocumentSymbolParams(
            types.TextDocumentIdentifier(uri))))
        assert isinstance(got, list)
        return [s for s in got if isinstance(s, types.DocumentSymbol)]
