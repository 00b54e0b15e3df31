"""Coreference of people within one article, for quote attribution.

A surname ("Braga", "Mr. Braga") resolves to the full name introduced earlier ("Jonathan
Braga"); "he"/"she" resolve to the nearest preceding named person of compatible gender (cues:
Mr./Mrs./Ms. and a small list of first names).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from factdb.extract.speaker_words import FEMALE_NAMES, MALE_NAMES


@dataclass
class SpeakerTracker:
    """Per-article memory: surnames -> full names, genders, and where people were named."""

    people: dict[str, str] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    seen: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name), sorted
    last_org: tuple[str, str] | None = None

    def register(self, name: str, gender: str | None = None, at: int | None = None) -> str:
        """Record a person; returns the canonical name (an earlier full name for a surname)."""
        parts = name.split()
        if len(parts) == 1 and name in self.people:
            name = self.people[name]
        else:
            self.people.setdefault(name, name)
            if len(parts) >= 2:
                last = parts[-1]
                if last in ("Jr.", "Sr.", "II", "III") and len(parts) >= 3:
                    last = parts[-2]
                self.people.setdefault(last, name)
                bare = re.sub(r"^(?:al|el|ad|as|an|ar|at|az)-", "", last)
                if bare != last:
                    self.people.setdefault(bare, name)
        g = gender or first_name_gender(name)
        if g and name not in self.gender:
            self.gender[name] = g
        if at is not None:
            self.seen.insert(bisect_left(self.seen, (at, "")), (at, name))
        return name

    def pronoun(self, gender: str, at: int) -> str | None:
        """The nearest person named before ``at`` whose gender is ``gender`` or unknown
        (measured on PolNeAR train: better than preferring an exact gender match further back,
        or the last speaker)."""
        i = bisect_left(self.seen, (at, ""))
        for _, name in reversed(self.seen[max(0, i - 12) : i]):
            if self.gender.get(name) in (None, gender):
                return name
        return None


def first_name_gender(name: str) -> str | None:
    first = name.split()[0].lower().rstrip(".")
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None
