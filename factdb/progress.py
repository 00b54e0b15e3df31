"""How many articles an ingest expects, as far as it knows, for a progress display.

Before reading, each file, URL or stdin counts as one article; once read, as the number of
articles (or errors) it gave: a feed or a JSON lines file raises the total, an ``.xml`` file
that is not a feed lowers it. The total is raised before the item that raises it is handed
on, so the number done never runs past it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def counted(units: Sequence[Iterable[T]], on_total: Callable[[int], None]) -> Iterator[T]:
    """The items of every unit in order, calling ``on_total`` with the expected number of
    items first and again whenever a unit turns out to hold more or fewer than one."""
    total = len(units)
    on_total(total)
    for unit in units:
        given = 0
        for item in unit:
            given += 1
            if given > 1:
                total += 1
                on_total(total)
            yield item
        if given == 0:
            total -= 1
            on_total(total)
