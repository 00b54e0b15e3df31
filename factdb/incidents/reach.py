"""How far an incident of each kind reaches, in space and in time.

The defaults were tuned on shootings (GVA): an incident is blocked by its state (a place
chain's first-level division), reports are compared within ten days, and a follow-up (an
arrest, a trial) joins up to a year later only at the very place. A disaster strikes a
whole country and is reported for months and years after (tolls revised, anniversaries,
inquiries); troops stay in a country for months. Their incidents are blocked by country,
and a report that gives its event no date of its own (only its publication day) may follow
one of them up anywhere in that country.
"""

from __future__ import annotations

from dataclasses import dataclass

from factdb.vocabulary import DISASTER_KINDS, LONG_RUNNING_KINDS


@dataclass(frozen=True)
class Reach:
    """``window``: days between an event's dates and an incident's for them to be
    compared; ``follow_up``: days after which a follow-up no longer joins; ``by_country``:
    blocked by country, and a follow-up needs only the country, but must be undated (a
    report that dates its earthquake a month after this one names another earthquake);
    ``same_day``: evidence that a report dating its event on the incident's days at its
    place reports it (a place has one earthquake on a day, but many shootings: 0)."""

    window: int
    follow_up: int
    by_country: bool = False
    same_day: float = 0.0


DEFAULT = Reach(window=10, follow_up=365)
_BY_KIND = {
    **{
        str(kind): Reach(window=10, follow_up=3 * 365, by_country=True, same_day=0.2)
        for kind in DISASTER_KINDS
    },
    **{str(kind): Reach(window=120, follow_up=365, by_country=True) for kind in LONG_RUNNING_KINDS},
}
LONGEST = max([DEFAULT, *_BY_KIND.values()], key=lambda r: max(r.window, r.follow_up))


def reach(kind: str | None) -> Reach:
    """The reach of incidents of this event kind."""
    return _BY_KIND.get(kind or "", DEFAULT)
