"""Batches computed ahead: an iterator run on a thread of its own, a few items ahead of its reader.

`glc screen` writes each result batch (Parquet, CSV: Arrow's writers, which release the GIL) while DuckDB computes
the next one (DuckDB releases the GIL too), so on two cores the writing overlaps the query instead of following it.
Same items, same order; an error raised by the iterator is raised to the reader at the item where it happened; a
reader that stops early (an error while writing) stops the thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any

_DONE = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def ahead(items: Iterator[Any], depth: int = 2) -> Iterator[Any]:
    """`items`, computed on another thread at most `depth` items ahead of the caller."""
    q: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in items:
                if not put(item):
                    close = getattr(items, "close", None)  # the reader stopped: let a generator clean up
                    if close is not None:
                        close()
                    return
        except BaseException as err:  # handed to the reader, raised there
            put(_Failed(err))
            return
        put(_DONE)

    thread = threading.Thread(target=run, name="glc-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        thread.join()
