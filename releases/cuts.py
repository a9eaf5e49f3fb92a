"""Shorten text to a visual width, cutting where a reader expects a cut.

A CJK character takes about the room of two Latin letters, so widths count
it as two: 160 is about 160 English characters or 80 Chinese ones. English
is cut between words; Chinese after a punctuation mark when one is near the
limit, else between two characters, never inside a number or a Latin word.
"""

import unicodedata
from itertools import pairwise

# Cut after these and the text ends a sentence: no ellipsis needed.
_SENTENCE_ENDS = frozenset("。！？.!?")
# Chinese marks that end a clause: a cut after one reads naturally.
_CLAUSE_MARKS = frozenset("，、；：")
# Never cut just after an opening mark or just before a closing one.
_OPENING = frozenset("「『（《〈“‘([")
_CLOSING = frozenset("」』）》〉”’)]，、；：。！？")
# A boundary at least this far into the room counts as near the limit.
_NEAR = 0.75

SENTENCE, CLAUSE, WORD = 3, 2, 1


def char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def visual_width(text: str) -> int:
    """Return the room a text takes, counting each wide (CJK) character as two."""
    return sum(char_width(char) for char in text)


def _boundary(char: str, following: str) -> int:
    """Rank a cut between `char` and `following`: 0 where no cut may fall."""
    if following in _CLOSING or char in _OPENING:
        return 0
    wide, next_wide = char_width(char) == 2, char_width(following) == 2
    if char in _SENTENCE_ENDS and (wide or following.isspace()):
        return SENTENCE
    if char in _CLAUSE_MARKS:
        return CLAUSE
    if following.isspace() or (wide and next_wide):
        return WORD
    # Between Chinese and a Latin word (香港AEO), but never beside a digit (11月29日).
    if (wide and following.isalpha()) or (next_wide and char.isalpha()):
        return WORD
    return 0


def cut_to_width(text: str, width: int) -> str:
    """Return `text` (whitespace collapsed) at most `width` wide, cut at a natural place.

    A full sentence that fits near the limit ends the text as it is; any
    other cut ends with an ellipsis (…… after Chinese, as Chinese writes it).
    """
    text = " ".join(text.split())
    if visual_width(text) <= width:
        return text
    room = width - 2
    candidates: list[tuple[int, int, int]] = []
    used = 0
    for index, (char, following) in enumerate(pairwise(text)):
        used += char_width(char)
        if used > room:
            break
        if rank := _boundary(char, following):
            candidates.append((used, rank, index + 1))
    near = [candidate for candidate in candidates if candidate[0] >= room * _NEAR]
    if near:
        _used, rank, end = max(near, key=lambda candidate: (candidate[1], candidate[0]))
    elif candidates:
        _used, rank, end = candidates[-1]
    else:
        rank, end = 0, _hard_end(text, room)
    kept = text[:end]
    if rank == SENTENCE:
        return kept
    kept = kept.rstrip(" ,;:" + "".join(_CLAUSE_MARKS))
    return kept + ("……" if char_width(kept[-1]) == 2 else "…")


def _hard_end(text: str, room: int) -> int:
    """Return how many characters fit in `room`, for text with no boundary at all."""
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > room:
            return index
    return len(text)
