"""The layering of `compiler/`: no import cycle (counting imports inside functions), no module outside
`compiler/cli/` importing the command line, and none outside it printing.

Every module under `compiler/` is parsed with `ast`; each `import` and `from ... import` (relative ones and
those inside functions included) that names a module of the package is an edge; a strongly connected
component of more than one module is a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "compiler"

CLI = f"{PACKAGE}.cli"
# the script spark-submit runs on a cluster, without glc: it reports to its own stdout and stderr
MAY_PRINT = frozenset({f"{PACKAGE}.screen.spark_job"})


def _modules(root: Path = ROOT) -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package's __init__)."""
    out: dict[str, tuple[Path, bool]] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (anywhere in its file)."""
    modules = _modules(root)

    def known(name: str) -> str | None:
        """The module `name` is, or the nearest enclosing package (`compiler.ir.Const` -> `compiler.ir`)."""
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, (path, is_package) in modules.items():
        package = module if is_package else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    source = node.module or ""
                # `from compiler import ir` imports the module compiler.ir; `from compiler.ir import Const` compiler.ir
                targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names]
            for target in targets:
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    found = known(target)
                    if found is not None and found != module:
                        graph[module].add(found)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return sorted(out)


def test_no_import_cycles() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles in compiler/ (counting imports inside functions):\n" + "\n".join(
        " <-> ".join(c) for c in found)


def _outside_cli(module: str) -> bool:
    return module != CLI and not module.startswith(CLI + ".")


def test_only_the_command_line_imports_the_command_line() -> None:
    """Domain code returns results and diagnostics; it never reaches up into `compiler/cli/` to print them."""
    bad = sorted(f"{m} imports {t}" for m, targets in import_graph().items() if _outside_cli(m)
                 for t in targets if not _outside_cli(t))
    assert not bad, "modules outside compiler/cli/ import it:\n" + "\n".join(bad)


OUTPUT_CALLS = frozenset({"print", "echo", "secho", "Console"})  # builtins.print, typer.echo / secho, rich's Console
STREAMS = frozenset({"stdout", "stderr", "__stdout__", "__stderr__"})


def printing(path: Path) -> list[str]:
    """Where a module prints: calls of print, typer.echo / secho or rich's Console (by whatever name they were
    imported), any use of sys.stdout / sys.stderr, and imports of rich or typer."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            if root in ("rich", "typer"):
                found.append(f"line {node.lineno}: imports {node.module}")
            for a in node.names:
                aliases[a.asname or a.name] = a.name
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: imports {a.name}" for a in node.names if a.name.split(".")[0] in ("rich", "typer")]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = aliases.get(f.id, f.id) if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in OUTPUT_CALLS and (name != "print" or isinstance(f, ast.Name)):
                found.append(f"line {node.lineno}: calls {name}")
        elif isinstance(node, ast.Attribute) and node.attr in STREAMS:
            found.append(f"line {node.lineno}: uses {ast.unparse(node)}")
        elif isinstance(node, ast.Name) and aliases.get(node.id) in STREAMS:
            found.append(f"line {node.lineno}: uses {node.id}")
    return found


def test_only_the_command_line_prints() -> None:
    """Outside `compiler/cli/` (and the spark-submit script) nothing writes to the terminal."""
    bad = [f"{m}: {where}" for m, (path, _) in sorted(_modules().items()) if _outside_cli(m) and m not in MAY_PRINT
           for where in printing(path)]
    assert not bad, "modules outside compiler/cli/ that print:\n" + "\n".join(bad)


def test_the_print_finder_sees_every_way_to_print(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("import sys\nfrom sys import stderr as e\nfrom rich.console import Console as C\nimport typer\n"
                    "def f(con):\n    print('x')\n    sys.stdout.write('x')\n    C().print('x')\n    typer.echo('x')\n"
                    "    e.write('x')\n    con.print('fine: a method, not the builtin')\n")
    assert sorted(w.split(": ", 1)[1] for w in printing(path)) == [
        "calls Console", "calls echo", "calls print", "imports rich.console", "imports typer", "uses e", "uses sys.stdout"]


def test_the_cycle_finder_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import b\n")
    (package / "a.py").write_text("def f():\n    from compiler.sub.b import g\n")
    (package / "sub" / "b.py").write_text("from ..a import f\nfrom compiler import c\n")
    (package / "c.py").write_text("import compiler.sub.b\n")
    graph = import_graph(tmp_path)
    assert graph == {"compiler": set(), "compiler.sub": {"compiler.sub.b"}, "compiler.a": {"compiler.sub.b"},
                     "compiler.sub.b": {"compiler.a", "compiler.c"}, "compiler.c": {"compiler.sub.b"}}
    assert cycles(graph) == [["compiler.a", "compiler.c", "compiler.sub.b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_may_print_modules_exist() -> None:
    """A stale entry would hide nothing but mislead: every module allowed to print is a module of the package."""
    assert set(_modules()) >= MAY_PRINT
