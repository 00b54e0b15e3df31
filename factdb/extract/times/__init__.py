"""Time expressions: our own candidate finder, dateparser only as the day-level normaliser.

dateparser turns "July 2017" into a false day (2017-07-06); so granularity (year, quarter,
month, week, day, part of day) is decided here from the words, and each expression carries a
TIMEX3-style ``value`` and a date ``interval`` covering the whole period. Relative expressions
("Monday", "last September", "the third quarter", "a year earlier") need a reference date (the
publication date, never "now"); without one they keep ``value=None`` and ``interval=None`` and
are marked ``relative``.

Extents follow TimeML (TimeBank) conventions: leading prepositions are left out ("on Monday" ->
"Monday"), determiners and modifiers are kept ("the past three years", "early 1990s", "late
last week", "more than four hours"). Candidates from all patterns compete; the longest wins,
then the earliest. Anaphoric expressions ("a year earlier", "the year-ago quarter", "that
year") are resolved against the last expression that named a period, else the reference date.

Values: days ``2018-02-05``, parts of day ``2018-02-05TEV``, clock times ``2018-02-05T19:15``,
weeks ``2018-W06`` (weekend ``2018-W06-WE``), months ``2018-02``, quarters ``2018-Q1``, seasons
``2018-SU``, years ``2018``, decades ``199X``, centuries ``19``; ``PRESENT_REF``, ``PAST_REF``,
``FUTURE_REF``; durations ``P3M``, ``PT5H``, ``PXY`` (unknown count); sets (``each month``,
``every Monday``) carry their period (``P1M``) and ``kind='set'``.

Kinds: day, week, month, quarter, season, year, decade, century (these have intervals when
resolved), present, duration, ref (past/future reference), set.

Modules: ``patterns`` (one regex per tag and its anchor words), ``finder`` (candidate search,
selection, ``find_times``), ``resolve`` and ``resolve_relative`` (a match to a value and an
interval), ``context`` (what the surrounding words say), ``periods`` (calendar arithmetic).
"""

from factdb.extract.times.finder import (
    TimeExpression,
    find_times,
    group_interval,
    merge_coordinated,
    times_in,
)

__all__ = ["TimeExpression", "find_times", "group_interval", "merge_coordinated", "times_in"]
