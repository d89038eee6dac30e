"""Traversal of the checked IR (`compiler.ir`): children, walk, find_all, reads and transform.

Generic over the dataclass fields, so this module knows no node class; `compiler.ir` re-exports every name
here, and passes use them as `ir.walk`, `ir.reads`, ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast, overload

# ------------------------------------------------------------------ traversal
#
# Generic over the dataclass fields, as sqlglot's `Expression.walk`/`find_all`: a node's children are the IR
# nodes held in its fields (directly or in tuples, in field order), so a new node class needs no change here.
# The names a node reads are declared on its class (`READS`). Traversals are iterative: no recursion limit.

# Fields that hold a node's attributes, never child nodes.
_ATTRIBUTES = frozenset({"span", "type", "rounding"})

N = TypeVar("N")
A = TypeVar("A")
B = TypeVar("B")


_CHILD_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _child_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a node class that may hold child nodes (every field but the attributes); None when instances
    of `cls` are not nodes (not dataclasses). Computed once per class."""
    try:
        return _CHILD_FIELDS[cls]
    except KeyError:
        got = tuple(f.name for f in dataclasses.fields(cls) if f.name not in _ATTRIBUTES) \
            if dataclasses.is_dataclass(cls) else None
        _CHILD_FIELDS[cls] = got
        return got


def _nodes_in(value: object) -> Iterator[object]:
    if isinstance(value, tuple):
        for item in value:
            yield from _nodes_in(item)  # tuples nest at most twice (Matrix.cells, Axis.lines)
    elif _child_fields(type(value)) is not None:
        yield value


def children(node: object) -> Iterator[object]:
    """The nodes directly under `node`, in field order; items of tuple fields one by one (nested tuples flattened).

    `span`, `type` and `rounding` are attributes, not children; strings, numbers and dates are not nodes.
    """
    for name in _child_fields(type(node)) or ():
        yield from _nodes_in(getattr(node, name))


def walk(node: object, prune: Callable[[Any], bool] | None = None) -> Iterator[object]:
    """`node` and every node under it, pre-order (a node before its children, children in field order).

    With `prune`, the nodes under a node for which it is true are skipped (the node itself is not).
    """
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if prune is None or not prune(current):
            stack.extend(reversed(tuple(children(current))))


def _post_order(node: object) -> Iterator[object]:
    """`node` and every node under it, each after its children."""
    stack: list[tuple[object, bool]] = [(node, False)]
    while stack:
        current, expanded = stack.pop()
        if expanded:
            yield current
            continue
        stack.append((current, True))
        stack.extend((c, False) for c in reversed(tuple(children(current))))


@overload
def find_all(node: object, kind: type[A], /) -> Iterator[A]: ...
@overload
def find_all(node: object, kind: type[A], other: type[B], /) -> Iterator[A | B]: ...
@overload
def find_all(node: object, /, *kinds: type) -> Iterator[Any]: ...
def find_all(node: object, /, *kinds: type) -> Iterator[Any]:
    """The nodes of the given classes in `node` (itself included), pre-order."""
    return (n for n in walk(node) if isinstance(n, kinds))


def reads(node: object) -> tuple[str, ...]:
    """The loan fields and derived values `node` reads directly, once each, in first-use order.

    Derived values are not expanded. Includes the list a `months since latest`/`count lates` reads, the
    seasoning date `months since` counts to and the yes/no field (`fico_no_score`) a table's `no score` line
    reads; a node's own names come after those of its operands.
    """
    found = _READS.get(id(node))
    if found is not None and found[0] is node:
        return found[1]
    out: dict[str, None] = {}
    for n in _post_order(node):
        for attribute in getattr(type(n), "READS", ()):
            named = getattr(n, attribute)
            for name in named if isinstance(named, tuple) else (named,):
                if name:  # a tuple of names per position holds "" where there is none
                    out.setdefault(name, None)
    names = tuple(out)
    if _frozen(type(node)):
        if len(_READS) >= _READS_SIZE:
            _READS.clear()
        _READS[id(node)] = (node, names)
    return names


# `reads` of a frozen node, by the node's identity (the node is held with its answer, so its id is not reused):
# the back ends ask for the same rules' and values' reads many times (a matrix's keys against every requirement).
_READS_SIZE = 200_000
_READS: dict[int, tuple[object, tuple[str, ...]]] = {}
_FROZEN: dict[type, bool] = {}


def _frozen(cls: type) -> bool:
    """Whether instances of `cls` are frozen dataclasses (all IR nodes: what they read never changes)."""
    try:
        return _FROZEN[cls]
    except KeyError:
        params = getattr(cls, "__dataclass_params__", None)
        got = _FROZEN[cls] = bool(params is not None and params.frozen)
        return got


def transform(node: N, fn: Callable[[Any], object]) -> N:
    """`node` rebuilt bottom-up: every node gets its children already transformed (rebuilt with
    `dataclasses.replace` only when one changed), then `fn` returns its replacement (or the node itself).

    Unchanged subtrees stay the same objects. `fn` sees every node under `node`, so it returns what it does not
    transform as it is.
    """
    done: dict[int, object] = {}  # id of an original node -> its replacement (originals stay alive meanwhile)

    def rebuilt(value: object) -> object:
        if isinstance(value, tuple):
            items = tuple(rebuilt(i) for i in value)
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        return done[id(value)] if _child_fields(type(value)) is not None else value

    for current in _post_order(node):
        changes = {}
        for name in _child_fields(type(current)) or ():
            value = getattr(current, name)
            new = rebuilt(value)
            if new is not value:
                changes[name] = new
        done[id(current)] = fn(dataclasses.replace(current, **changes) if changes else current)  # type: ignore[type-var]
    return cast(N, done[id(node)])
