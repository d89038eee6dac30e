"""`compiler.screen.prefetch.ahead`: the same items in the same order, errors where they happened, a reader that
stops early stops the thread and lets the generator clean up."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from compiler.screen.prefetch import ahead


def test_same_items_in_the_same_order_computed_on_another_thread() -> None:
    threads: set[str] = set()

    def items() -> Iterator[int]:
        for i in range(100):
            threads.add(threading.current_thread().name)
            yield i

    assert list(ahead(items())) == list(range(100))
    assert threads == {"glc-prefetch"}


def test_an_error_is_raised_to_the_reader_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad cell")

    seen: list[int] = []
    with pytest.raises(ValueError, match="bad cell"):
        for x in ahead(items()):
            seen.append(x)
    assert seen == [1, 2]


def test_a_reader_that_stops_early_closes_the_generator() -> None:
    closed = threading.Event()
    made: list[int] = []

    def items() -> Iterator[int]:
        try:
            for i in range(10_000):
                made.append(i)
                yield i
        finally:
            closed.set()

    reader = ahead(items(), depth=2)
    assert next(reader) == 0
    reader.close()  # the writer failed: the `finally` of `ahead` stops the thread
    assert closed.wait(5)
    assert len(made) < 10  # not run to the end
