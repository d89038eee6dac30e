"""Back ends: each turns the checked IR into files. `BACKENDS` is the one place that lists them.

    python  the checkers developers import: one module per program version, the `Loan` model, the runtime
            (`backends/python/`; paths relative to the project's generated package)
    docs    the documentation site: a page per program, its changes, the vocabulary, the comparison page, mkdocs.yml
            (`backends/docs/`; paths relative to the project folder)
    schema  the JSON Schemas of the Loan and the Decision (`backends/schema.py`; `schema/*.schema.json` in the
            generated package), for clients in other languages and the service's OpenAPI document
    sql     one screening query per program over the typed tape table `tape` (`backends/sql/`; DuckDB SQL, which
            `glc screen` runs, and renders for Spark from the same trees)

Each entry is a function from the checked IR bundle (and a `Memo`, the build cache's per-program lookup) to
{relative path: text}; `place` says what the paths are relative to, `built` whether `glc build` writes them, and
`module()` imports the back end (only when it is used: a build answered from its manifest imports none).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.build.cache import Memo


class Place(StrEnum):
    """What a back end's paths are relative to."""

    package = "package"  # the project's generated package
    project = "project"  # the project folder
    folder = "folder"  # a folder the command names (`glc screen --emit-sql`)


@dataclass(frozen=True)
class Backend:
    name: str
    module_name: str  # the module with `generate(bundle, memo) -> {relative path: text}`
    place: Place
    built: bool  # written by `glc build`
    templates: bool  # has a Jinja `environment()` whose compiled templates the build cache keeps

    def module(self) -> ModuleType:
        return importlib.import_module(self.module_name)

    def __call__(self, bundle: ir_program.Bundle, memo: Memo | None = None) -> dict[str, str]:
        generate = self.module().generate
        files: dict[str, str] = generate(bundle) if memo is None else generate(bundle, memo)
        return files


BACKENDS: dict[str, Backend] = {b.name: b for b in (
    Backend("python", "compiler.backends.python.modules", Place.package, built=True, templates=True),
    Backend("docs", "compiler.backends.docs.site", Place.project, built=True, templates=True),
    Backend("sql", "compiler.backends.sql.program", Place.folder, built=False, templates=False),
    Backend("schema", "compiler.backends.schema", Place.package, built=True, templates=False),
)}
