"""`glc lsp`: the language server for editors, over stdio (`compiler.lsp`)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer


def lsp(
    log_file: Annotated[Path | None, typer.Option("--log-file", metavar="FILE",
                                                  help="Write the server's log there (default: standard error).")] = None,
) -> None:
    """Run the language server over stdin/stdout for an editor: diagnostics as you type, hover, completion, go to
    definition and the outline of .guideline and .fields files."""
    from compiler.lsp.server import make_server

    handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logging.basicConfig(level=logging.INFO if log_file else logging.WARNING, handlers=[handler])
    make_server().start_io(sys.stdin.buffer, sys.stdout.buffer)
