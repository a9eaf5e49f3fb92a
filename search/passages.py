"""Showing what matched: titles and passages with every match marked."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pressroom.languages import CHINESE, CJK, is_cjk
from pressroom.simplified import to_simplified
from releases.models import ReleaseTranslation
from search.results import Found
from search.terms import stem

# A passage begins after the end of a clause or at an opening bracket, and ends at the end of
# one; Latin punctuation counts only before a space, so 1,000 and 2.5 are never cut.
_CLAUSE_START = re.compile(r"(?:[，。、；：！？]|[,.;:!?](?=\s))\s*|(?=[「『（《〈(“‘])")
_CLAUSE_END = re.compile(r"[，。、；：！？」』）》〉]|[,.;:!?)”’](?=\s|$)")
_WORD_CHAR = re.compile(rf"[^\W_{CJK}]")
# Stored text joins paragraphs with a space; Chinese puts none after its full-width marks.
_SPACE_AFTER_FULL_WIDTH = re.compile(r"(?<=[\u3000-\u303f\uff00-\uffef])\s+")


@dataclass(frozen=True)
class Excerpt:
    """One translation of a found release, its matches marked."""

    translation: ReleaseTranslation
    title: SafeString
    passage: SafeString


_WORD = re.compile(r"[^\W_]+")
_ANY_CJK = re.compile(f"[{CJK}]")


@lru_cache(maxsize=8192)
def _word_stem(word: str) -> str:
    # A results page stems the same few hundred words of its 20 releases again and again.
    return stem(unicodedata.normalize("NFKC", word).casefold())


def _match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    cjk = [t for t in terms if is_cjk(t)]
    stems = {t for t in terms if not is_cjk(t)}
    spans = []
    if stems:
        spans = [word.span() for word in _WORD.finditer(text) if _word_stem(word.group()) in stems]
    # Folding to Simplified is the costly part, and English text has nothing to fold.
    if cjk and _ANY_CJK.search(text):
        folded = to_simplified(text)
        if len(folded) != len(text):
            # Rare phrase conversions change the length; fold character by character.
            folded = "".join(to_simplified(char)[:1] or char for char in text)
        for term in cjk:
            spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(term), folded))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _plain(text: str) -> str:
    return escape(_SPACE_AFTER_FULL_WIDTH.sub("", text))


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
    pieces, position = [], offset
    for start, end in spans:
        if start < offset or end > offset + len(text):
            continue
        pieces += [_plain(text[position - offset : start - offset])]
        pieces += ["<mark>", _plain(text[start - offset : end - offset]), "</mark>"]
        position = end
    pieces.append(_plain(text[position - offset :]))
    return "".join(pieces)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Return text escaped, with every match of the terms in <mark>."""
    return mark_safe(_marked(text, _match_spans(text, terms)))


def _inside_word(text: str, position: int) -> bool:
    """Whether a cut here would split a Latin word or a number (Chinese may part anywhere)."""
    return 0 < position < len(text) and all(
        _WORD_CHAR.match(char) for char in text[position - 1 : position + 1]
    )


def _start(text: str, earliest: int, first: int) -> int:
    """Where a passage showing text[first] begins: a clause start, else a word's, from earliest."""
    if earliest == 0:
        return 0
    for boundary in _CLAUSE_START.finditer(text, earliest - 1, first):
        if earliest <= boundary.end() <= first:
            return boundary.end()
    position = earliest
    while position < first and (_inside_word(text, position) or text[position].isspace()):
        position += 1
    return position


def _end(text: str, last: int, latest: int) -> int:
    """Where a passage ends: a clause's end in the latter half of the room, else a word's."""
    if latest >= len(text):
        return len(text)
    ends = [m.end() for m in _CLAUSE_END.finditer(text, last, latest)]
    if ends and ends[-1] >= (last + latest) // 2:
        return ends[-1]
    position = latest
    while position > last and _inside_word(text, position):
        position -= 1
    return position


def passage(text: str, terms: list[str], before: int = 40, after: int = 140) -> SafeString:
    """Return the stretch of text around its first match, marked, or its opening."""
    spans = _match_spans(text, terms)
    first, first_end = spans[0] if spans else (0, 0)
    start = _start(text, max(0, first - before), first)
    end = _end(text, first_end, min(len(text), first + after))
    inside = [(s, e) for s, e in spans if s >= start and e <= end]
    marked = _marked(text[start:end].rstrip(), inside, offset=start)
    return mark_safe(("…" if start else "") + marked + ("…" if end < len(text) else ""))


def _window(translation: ReleaseTranslation) -> tuple[int, int]:
    # A Chinese character carries about as much as an English word.
    return (24, 90) if translation.language_code == CHINESE else (40, 160)


def excerpts(found: Found, terms: list[str]) -> list[Excerpt]:
    """Return each translation of a found release, interface language first, matches marked.

    Passages are cut from the plain text stored at index time (no CommonMark is
    rendered here); `terms` are the query's, worked out once for a whole page.
    """
    return [
        Excerpt(
            translation=translation,
            title=highlight(translation.title, terms),
            passage=passage(
                found.passages.get(translation.language_code, ""),
                terms,
                *_window(translation),
            ),
        )
        for translation in found.release.translations_in_interface_order
    ]
