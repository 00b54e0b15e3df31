"""When two claims' sentences are one text repeated (a syndicated copy), compared by key.

Detection skips a pair that is one sentence syndicated, and the timeline folds copies into
their first report; both compare ``sentence_key``s, so the rule lives here, importable by
the read side without the detector.
"""

from __future__ import annotations

from functools import lru_cache


def fold_text(text: str) -> str:
    """Case, curly quotes, no-break spaces and runs of spacing folded."""
    # Same result as translating the four curly quotes to straight ones and U+00A0 to a
    # space, several times faster: an ASCII text holds none of the characters, and each
    # replacement yields no character another one replaces.
    if not text.isascii():
        text = (
            text.replace("‘", "'")
            .replace("’", "'")
            .replace("“", '"')
            .replace("”", '"')
            .replace("\u00a0", " ")
        )
    return " ".join(text.casefold().split())


@lru_cache(maxsize=65_536)
def sentence_key(text: str) -> str:
    """Sentence text as compared for syndication: case, quotes and spacing folded."""
    return fold_text(text)
