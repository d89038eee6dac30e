"""The project: the folder a `glc.toml` marks, and where its parts live.

Every command works on one project: the nearest folder at or above the working directory that holds a
`glc.toml` (or, for a project from before glc.toml, a `programs/loan.fields`), or the folder given with
`--project DIR`. The file names where the parts are (all relative to
the project folder); every setting has a default, so an empty `glc.toml` is a valid project:

    [project]
    programs = "programs"   # guideline files, loan.fields, tests/ and history/

The generated checkers are written to `generated/` and the site's pages to `docs/` and `mkdocs.yml`, beside
`glc.toml`. `glc init DIR` starts a new project (`init_project`).

The command line finds the project once (`Project.find`) and passes it down: domain code asks it where the parts
are and for the checked programs (`bundle()`), and never looks for a project or a folder of its own.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compiler.build.cache import Cache
    from compiler.check_result import CheckResult

SETTINGS_NAME = "glc.toml"
GENERATED = "generated"
CACHE = ".glc-cache"
SETTINGS = {"programs": "programs"}


class ProjectError(Exception):
    """A plain-English reason there is no usable project (no glc.toml, a bad setting)."""


@dataclass(frozen=True)
class Project:
    root: Path  # absolute
    programs_folder: str = SETTINGS["programs"]  # relative to root, POSIX
    generated_folder: str = GENERATED  # the generated package, relative to root

    @property
    def programs(self) -> Path:
        return self.root / self.programs_folder

    @property
    def generated(self) -> Path:
        return self.root / self.generated_folder

    @property
    def cache(self) -> Path:
        return self.root / CACHE

    def build_cache(self) -> Cache:
        """The build cache (`.glc-cache/`, `compiler.build.cache`)."""
        from compiler.build.cache import Cache

        return Cache(self.cache)

    def bundle(self, cached: bool = False) -> CheckResult:
        """The programs of the project checked (`driver.check_paths` of the programs folder): the checked IR
        (`.bundle`, None when there are errors) with every diagnostic. Checked once per Project. `cached`: files
        unchanged since an earlier build or cached check are read from the build cache (the same result, in a
        fraction of the time: what a command about to do other work on the programs, such as a screen, wants)."""
        return self._checked_cached if cached else self._checked_programs

    @cached_property
    def _checked_programs(self) -> CheckResult:
        from compiler.driver import check_paths

        return check_paths([self.programs])

    @cached_property
    def _checked_cached(self) -> CheckResult:
        from compiler.driver import check_paths

        return check_paths([self.programs], cache=self.build_cache())

    @classmethod
    def find(cls, start: Path, explicit: Path | None = None) -> Project:
        """The project at `explicit` (which must hold a glc.toml), else the nearest one at or above `start`."""
        if explicit is not None:
            folder = (start / explicit).resolve()
            if not folder.is_dir():
                raise ProjectError(f"--project {explicit}: no such folder.")
            if not (folder / SETTINGS_NAME).is_file():
                raise ProjectError(f"--project {explicit}: {folder} holds no {SETTINGS_NAME}; "
                                   f"start a project there with `glc init {explicit}`.")
            return cls.load(folder)
        here = start.resolve()
        for folder in (here, *here.parents):
            if (folder / SETTINGS_NAME).is_file():
                return cls.load(folder)
            if (folder / SETTINGS["programs"] / "loan.fields").is_file():  # a project from before glc.toml
                return cls(folder)
        raise ProjectError(f"Not in a glc project: no {SETTINGS_NAME} in {here} or any folder above it. "
                           "Run glc inside a project, give --project DIR, or start one with `glc init DIR`.")

    @classmethod
    def load(cls, root: Path) -> Project:
        path = root / SETTINGS_NAME
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            raise ProjectError(f"Cannot read {path}: {getattr(err, 'strerror', None) or err}.") from None
        except tomllib.TOMLDecodeError as err:
            raise ProjectError(f"{path} is not valid TOML: {err}.") from None
        unknown_tables = sorted(set(data) - {"project"})
        if unknown_tables:
            raise ProjectError(f"{path}: unknown table [{unknown_tables[0]}]; the settings go under [project].")
        table = data.get("project", {})
        if not isinstance(table, dict):
            raise ProjectError(f"{path}: `project` must be a table ([project]).")
        unknown = sorted(set(table) - set(SETTINGS))
        if unknown:
            raise ProjectError(f"{path}: unknown setting `{unknown[0]}` under [project]; "
                               f"the settings are: {', '.join(SETTINGS)}.")
        programs = table.get("programs", SETTINGS["programs"])
        if not isinstance(programs, str) or not _inside(programs):
            raise ProjectError(f"{path}: `programs` is a folder inside the project, written relative to it "
                               f"(like \"programs\"), not {programs!r}.")
        return cls(root.resolve(), PurePosixPath(programs).as_posix())

    def import_generated(self) -> ModuleType | None:
        """The project's generated package (`generated/`), imported from its folder; None when there is none.
        Imported under its own name, so its relative imports work and `import generated` finds the same module."""
        init = self.generated / "__init__.py"
        if not init.is_file():
            return None
        loaded = sys.modules.get(GENERATED)
        if loaded is not None and Path(getattr(loaded, "__file__", "") or "").resolve() == init.resolve():
            return loaded
        for name in [m for m in sys.modules if m == GENERATED or m.startswith(GENERATED + ".")]:
            del sys.modules[name]  # another project's package (tests run several)
        spec = importlib.util.spec_from_file_location(GENERATED, init, submodule_search_locations=[str(self.generated)])
        if spec is None or spec.loader is None:
            return None
        module = importlib.util.module_from_spec(spec)
        sys.modules[GENERATED] = module
        try:
            spec.loader.exec_module(module)
        except ImportError:  # a package from an older glc, or half of one: rebuild it
            sys.modules.pop(GENERATED, None)
            return None
        return module


def _inside(rel: str) -> bool:
    p = PurePosixPath(rel)
    return bool(rel.strip()) and not p.is_absolute() and ".." not in p.parts and "\\" not in rel


STARTER = ("glc.toml", "programs/loan.fields", "programs/example.guideline", "programs/tests/example.yaml",
           "examples/loan.json")


def init_project(dest: Path) -> list[str]:
    """Start a project in `dest` (made if missing): glc.toml, the standard loan vocabulary, one example program
    with its guideline tests, an example loan and a .gitignore. Refuses (ProjectError) when `dest` already holds
    a project or any of these files; the files written, relative to `dest`."""
    from importlib import resources

    from compiler.files import write_bytes

    if dest.exists() and not dest.is_dir():
        raise ProjectError(f"{dest} is a file; give a folder for the new project.")
    if (dest / SETTINGS_NAME).exists():
        raise ProjectError(f"{dest} already holds a glc project ({SETTINGS_NAME}).")
    try:
        outer = Project.find(dest.parent if not dest.exists() else dest)
    except ProjectError:
        outer = None
    if outer is not None and dest.resolve().is_relative_to(outer.programs):
        raise ProjectError(f"{dest} is inside the programs folder of the project in {outer.root}; "
                           "start the new project outside it.")
    files = {*STARTER, ".gitignore"}
    clash = sorted(rel for rel in files if (dest / rel).exists())
    if clash:
        raise ProjectError(f"{dest} already has {clash[0]}; start the project in a new or empty folder.")
    starter = resources.files("compiler") / "starter"
    for rel in STARTER:
        node = starter
        for part in rel.split("/"):
            node = node / part
        write_bytes(dest / rel, node.read_bytes())
    write_bytes(dest / ".gitignore", (starter / "gitignore").read_bytes())
    return [*STARTER, ".gitignore"]
