"""Formatting, step 2: what the parse tree says about each token and each statement.

Consumes the Lark tree (positions propagated) and the significant tokens; answers, with nothing written per
construct of the language:

- which node a token belongs to (the innermost node around it: `band_between` for the `-` of `660-679`);
- which statement node starts at a line's first token (the outermost node starting there: `rule`, `require`);
- how deep a statement is indented (`depth`): the file's items at the margin, its `key: value` lines (and
  `limit max_ltv: stacked`) one step in; the lines of a declaration (`[override] keyword name ...`, the name a token of the statement's own, not
  of an expression: `rule x`, `field x`, `record x`, not `require x`) one step
  deeper than its first line; the lines of any other statement (the `allow`s under a `require`, a table's
  rows) at its own depth; a line holding only a closing keyword (`end`) at the depth of its node;
- which table (the largest node made of `|` lines) a row belongs to.
"""

from __future__ import annotations

from bisect import bisect_left

from lark import Token, Tree

PIPE = "PIPE"
OVERRIDE = "OVERRIDE"
NAME = "NAME"
COLON = "COLON"


def _word(tok: Token) -> bool:
    """A keyword of the language (an anonymous or named string terminal made of letters), not a name."""
    return tok.type not in (NAME, "STRING") and str(tok).replace("_", "").isalpha()


class TreeFacts:
    """The parse tree indexed by token position."""

    def __init__(self, tree: Tree[Token], tokens: list[Token]) -> None:
        self.tokens = sorted(tokens, key=lambda t: _pos(t))
        self.starts = [_pos(t) for t in self.tokens]
        self.root = tree
        self.innermost: dict[int, Tree[Token]] = {}
        self.outermost: dict[int, Tree[Token]] = {}
        self.parent: dict[int, Tree[Token]] = {}
        self.file: Tree[Token] | None = None
        self.depth_at: dict[int, int] = {}  # token position -> depth of the statement holding it
        stack: list[Tree[Token]] = [tree]
        while stack:
            node = stack.pop()
            if node.meta.empty:
                continue
            lo, hi = self._range(node)
            for i in range(lo, hi):
                self.innermost[self.starts[i]] = node
            if node is not tree:
                self.outermost.setdefault(node.meta.start_pos, node)
            children = [c for c in node.children if isinstance(c, Tree)]
            for child in children:
                self.parent[id(child)] = node
            if node is tree and children:
                self.file = children[-1]
            stack.extend(reversed(children))

    def _range(self, node: Tree[Token]) -> tuple[int, int]:
        return bisect_left(self.starts, node.meta.start_pos), bisect_left(self.starts, node.meta.end_pos)

    def first_tokens(self, node: Tree[Token], n: int) -> list[Token]:
        lo, hi = self._range(node)
        return self.tokens[lo:min(hi, lo + n)]

    def context(self, tok: Token) -> str:
        """The name of the grammar rule (or alias) the token belongs to."""
        node = self.innermost.get(_pos(tok))
        return str(node.data) if node is not None else ""

    def declares(self, node: Tree[Token]) -> bool:
        """`[override] keyword name ...`: a statement that names what it declares."""
        toks = self.first_tokens(node, 3)
        if toks and toks[0].type == OVERRIDE:
            toks = toks[1:]
        # the name is the node's own token (in `require fico >= 660`, `fico` is an expression's)
        return len(toks) >= 2 and _word(toks[0]) and toks[1].type == NAME and any(
            isinstance(c, Token) and c.start_pos == toks[1].start_pos for c in node.children)

    def is_property(self, node: Tree[Token]) -> bool:
        """`key: value`, or `keyword name: value` (a program's `limit max_ltv: stacked`)."""
        toks = self.first_tokens(node, 3)
        return (len(toks) >= 2 and toks[1].type == COLON) or (
            len(toks) == 3 and _word(toks[0]) and toks[1].type == NAME and toks[2].type == COLON)

    def statement_depth(self, first: Token) -> int:
        """How deep the statement starting with `first` is indented (steps of two spaces); see the module."""
        node = self.outermost.get(_pos(first))
        if node is None:  # a keyword of the node around it starting a line: the node's last token closes it (at
            # its depth); any other is a clause of a declaration, one step in like its other lines (`otherwise c`)
            owner = self.innermost.get(_pos(first))
            if owner is None:
                return 0
            lo, hi = self._range(owner)
            closing = hi > lo and _pos(self.tokens[hi - 1]) == _pos(first)  # `end` of a record
            return self.node_depth(owner) + (1 if self.declares(owner) and not closing else 0)
        parent = self.parent.get(id(node))
        if parent is None or parent is self.root:
            return 0
        base = self.node_depth(parent)
        if parent is self.file:
            return base + (1 if self.is_property(node) else 0)
        return base + (1 if self.declares(parent) else 0)

    def record_depth(self, tokens: list[Token], depth: int) -> None:
        """The tokens of a line just laid out belong to a statement of this depth (for the lines after it)."""
        for tok in tokens:
            self.depth_at[_pos(tok)] = depth

    def node_depth(self, node: Tree[Token]) -> int:
        """The depth of the statement in which `node` starts (already laid out: it is on an earlier line)."""
        if node is self.root or node.meta.empty:
            return 0
        return self.depth_at.get(node.meta.start_pos, 0)

    def table_of(self, first: Token) -> int:
        """A key for the table a `|` line belongs to: the largest node around it whose first token is a `|`."""
        node = self.outermost.get(_pos(first)) or self.innermost.get(_pos(first))
        if node is None:
            return -1
        while True:
            parent = self.parent.get(id(node))
            if parent is None or parent is self.root:
                break
            head = self.first_tokens(parent, 1)
            if not head or head[0].type != PIPE:
                break
            node = parent
        return id(node)


def _pos(tok: Token) -> int:
    pos = tok.start_pos
    assert isinstance(pos, int)
    return pos
