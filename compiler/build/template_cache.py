"""Compiled Jinja templates kept in the build cache (`.glc-cache/templates/`), so a `glc build` in a fresh process
does not compile the templates again. Jinja checks each entry against its template's source; an entry that cannot
be read is compiled again and one that cannot be written is skipped, never an error."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import jinja2


class TemplateCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self.folder / f"{bucket.key}.jinja", "rb") as f:
                bucket.load_bytecode(f)
        except Exception:  # missing, truncated or foreign: compile the template
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as f:
                    bucket.write_bytecode(f)
                os.replace(tmp, self.folder / f"{bucket.key}.jinja")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise


def use(envs: list[jinja2.Environment], cache_folder: Path | None) -> None:
    """Keep the environments' compiled templates under the build cache folder (None: not at all)."""
    bcc = TemplateCache(cache_folder / "templates") if cache_folder is not None else None
    for env in envs:
        env.bytecode_cache = bcc
