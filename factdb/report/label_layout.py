"""Where to put a plot's labels so none covers another.

Each label keeps its anchor (the value it names); only its offset from the anchor moves,
up or down in steps of its own height, and a label that finds no free place is left out
(the table beside the plot still lists every value). Pure geometry, in display units, so
it is testable without drawing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

# offsets tried, in label heights: in place first, then alternately above and below
_STEPS = (0, 1, -1, 2, -2, 3, -3)


@dataclass(frozen=True)
class Box:
    """A label's extent in display units (x grows rightwards, y upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def shifted(self, dy: float) -> Box:
        return Box(self.x0, self.y0 + dy, self.x1, self.y1 + dy)

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


def spread_labels(boxes: list[Box], gap: float = 1.0) -> list[float | None]:
    """For each label's box as first placed, the vertical shift that keeps it clear of the
    labels placed before it (in the given order), or None when no tried shift does."""
    placed: list[Box] = []
    shifts: list[float | None] = []
    for box in boxes:
        step = box.y1 - box.y0 + gap
        for n in _STEPS:
            candidate = box.shifted(n * step)
            if not any(candidate.overlaps(other) for other in placed):
                placed.append(candidate)
                shifts.append(n * step)
                break
        else:
            shifts.append(None)
    return shifts
