"""What the front end found (`driver.check_paths`): a light module, so a build answered from its manifest
(`compiler.build.manifest`) need not import the front end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from compiler.build.cache import Cache, key
from compiler.diagnostics import Diagnostic
from compiler.source import Source

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.syntax import surface as s

T = TypeVar("T")


@dataclass
class CheckResult:
    """What the front end found: sources read, diagnostics (sorted), the checked IR when error-free."""

    sources: dict[str, Source] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    bundle: ir_program.Bundle | None = None
    programs: dict[str, ir_program.Program] = field(default_factory=dict)
    history: list[ir_program.Program] = field(default_factory=list)  # older versions, oldest first per program
    asked: set[str] = field(default_factory=set)
    cache: Cache | None = None
    keys: dict[str, str] = field(default_factory=dict)  # program id -> `cache.program_key` of what it is built from
    vocabulary: ir_program.Vocabulary | None = None  # the checked vocabulary, also when programs have errors
    surface: dict[str, s.File] = field(default_factory=dict)  # shown path -> surface AST of every file parsed

    def memo(self, kind: str, program: ir_program.Program, compute: Callable[[], T]) -> T:
        """`compute()` for one version of a program, through the build cache when there is one (`compiler.build.cache`)."""
        if self.cache is None or program.id not in self.keys:
            return compute()
        return self.cache.memo(key(kind, self.keys[program.id], program.path, program.version), compute)

    @property
    def checked(self) -> list[ir_program.Program]:
        """The programs of the files that were asked about (bases loaded for them not included)."""
        return [p for p in self.programs.values() if p.path in self.asked]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors
