"""Which of some names a generated module's top-level statements use as `ast.Name`s, found a function at a time.

`statement_names(text, wanted)` is, for every top-level statement of the module in order, the line of its `def`
(None for a statement that is not a function definition) and the names of `wanted` that are `ast.Name` identifiers
under it: exactly what one parse of the whole module says. The module is cut before each line starting `def `, and
what each piece says is kept per piece's text for the rest of the process (a rebuild after one change, `glc watch`,
looks again only at the functions whose text changed). A cut inside a string, brackets or a continued line leaves
the piece before it unfinished, so that piece does not parse; then the module is parsed whole.

A piece that is one function definition (ASCII identifiers, no class in it) is compiled, not parsed into an AST (half the time,
and no walk over the tree's nodes): a wanted name in its text is a `Name` when its bytecode loads or stores it as a
global (or a module name) and the piece neither imports, nor uses it as an attribute, a local or parameter, or the
function's own name.
A wanted name the bytecode does not hold is a `Name` when it is read in a local variable annotation (never compiled);
when it is not so either (in a string, a comment, a keyword argument, code the compiler drops), the piece is parsed
instead.
"""

from __future__ import annotations

import ast
import re
import types
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

_CUT = re.compile(r"^(?=def )", re.MULTILINE)
_SECOND_STATEMENT = re.compile(r"\n[^\s#]")  # a line starting at column 0 after the first (in code or a string)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_ATTRIBUTE = re.compile(r"\.\s*([A-Za-z_]\w*)")
Statements = list[tuple[int | None, frozenset[str]]]


@dataclass(frozen=True)
class _Compiled:
    """A piece that is one function definition, as its bytecode and text tell."""

    name: str  # the function's
    loaded: frozenset[str]  # the code objects' `co_names`: globals and module names, attributes, imported names
    local: frozenset[str]  # their parameters, locals, cell and free variables
    identifiers: frozenset[str]  # every identifier in the text (strings and comments included)
    attributes: frozenset[str]  # identifiers after a `.` in the text
    imports: bool  # `import` in the text

    text: str

    def names(self, wanted: frozenset[str]) -> frozenset[str] | None:
        """The wanted names that are `Name`s of the function; None when the bytecode cannot tell."""
        found = wanted & self.identifiers
        if found and (self.imports or self.name in found or found & self.local or found & self.attributes
                      or not found - self.loaded <= _annotating(self.text)):
            return None
        return found


def _annotating(text: str) -> frozenset[str]:
    """The names read in local variable annotations (`best: Decimal | None = None`: never evaluated, so not in the
    bytecode), strings and comments left out; what else a line starting `name:` can be (a dict's entry, a slice,
    a lambda's body after its parameter on a line of its own) reads its names too."""
    code = _STRING_OR_COMMENT.sub("''", text)
    return frozenset(m[1] for rest in _ANNOTATION.findall(code) if "lambda" not in rest
                     for m in _READ.finditer(_before_assignment(rest)))


def _before_assignment(rest: str) -> str:
    """What comes before the line's assignment `=` (outside brackets; `==`, `<=`, `>=`, `!=` are comparisons)."""
    depth = 0
    for i, ch in enumerate(rest):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "=" and depth == 0 and rest[i + 1:i + 2] != "=" and rest[i - 1:i] not in ("=", "<", ">", "!"):
            return rest[:i]
    return rest


_STRING_OR_COMMENT = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*''',
    re.DOTALL)
_ANNOTATION = re.compile(r"^[ \t]+[A-Za-z_]\w*[ \t]*:(?!=)(.*)", re.MULTILINE)  # what follows `name:`
_READ = re.compile(r"(?<![.\w])([A-Za-z_]\w*)(?![ \t]*=(?!=))")  # not an attribute, not a keyword argument


# piece text -> what it says: its statements from a parse (all their names), or its bytecode's account
_MEMO_SIZE = 20_000
_memo: dict[str, Statements | _Compiled] = {}


def statement_names(text: str, wanted: Iterable[str]) -> Statements:
    """(line of the `def` or None, the names of `wanted` that are `ast.Name` identifiers under it) of each top-level
    statement of `text`."""
    want = frozenset(wanted)
    out: Statements = []
    line = 0  # lines before the piece
    for piece in _CUT.split(text):
        if not piece:  # before a module's first line, when it is a `def`
            continue
        found = _memo.get(piece)
        if found is None:
            try:
                found = _looked_at(piece)
            except SyntaxError:  # cut where no statement starts (or the module does not parse): the whole module
                return [(at, names & want) for at, names in _parsed(text)]
            if len(_memo) >= _MEMO_SIZE:
                _memo.clear()
            _memo[piece] = found
        if isinstance(found, _Compiled):
            names = found.names(want)
            if names is None:
                found = _memo[piece] = _parsed(piece)
            else:
                out.append((line + 1, names))
        if not isinstance(found, _Compiled):
            out.extend((None if at is None else at + line, names & want) for at, names in found)
        line += piece.count("\n")
    return out


def _looked_at(piece: str) -> Statements | _Compiled:
    """A one-function piece's bytecode account, else its statements from a parse (SyntaxError: it does not parse)."""
    if not piece.startswith("def ") or _SECOND_STATEMENT.search(piece.rstrip()) or _identifiers_beyond_ascii(piece) \
            or re.search(r"\bclass\b", piece):  # (a class body stores its methods' names as globals are stored)
        return _parsed(piece)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the compiler's warnings (`is` with a literal, ...): not ours to show
            code = compile(piece, "<generated>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return _parsed(piece)  # raises when the piece does not parse; else its parse answers
    loaded: set[str] = set(code.co_names)
    local: set[str] = set()
    stack = [c for c in code.co_consts if isinstance(c, types.CodeType)]
    if len(stack) != 1:  # a lambda among the defaults
        return _parsed(piece)
    name = stack[0].co_name
    while stack:
        c = stack.pop()
        loaded.update(c.co_names)
        local.update(c.co_varnames, c.co_cellvars, c.co_freevars)
        stack.extend(x for x in c.co_consts if isinstance(x, types.CodeType))
    return _Compiled(name, frozenset(loaded), frozenset(local), frozenset(_IDENTIFIER.findall(piece)),
                     frozenset(_ATTRIBUTE.findall(piece)), "import" in piece, piece)


def _identifiers_beyond_ascii(text: str) -> bool:
    """Whether a character outside ASCII could be part of an identifier (Python normalises those: the text would not
    show the name); `§`, `×` or a dash in a comment or a string cannot."""
    return not text.isascii() and any(("a" + ch).isidentifier() for ch in set(_BEYOND_ASCII.findall(text)))


_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _parsed(text: str) -> Statements:
    return [(node.lineno if isinstance(node, ast.FunctionDef) else None, frozenset(names(node)))
            for node in ast.parse(text).body]


def names(node: ast.AST) -> set[str]:
    """The identifiers of the `ast.Name` nodes under `node` (`ast.walk`'s, at a third of its cost: no generator per
    node, and a name's children are not looked for)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is ast.Name:
            found.add(n.id)
            continue
        for f in n._fields:
            v = getattr(n, f, None)
            if type(v) is list:
                stack.extend(x for x in v if isinstance(x, ast.AST))
            elif isinstance(v, ast.AST):
                stack.append(v)
    return found
