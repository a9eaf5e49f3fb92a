"""The pieces every fact parser shares: a fact, a language's text split into paragraphs, masking.

A release's text is read as paragraphs (the title first, then each block of the
body, split on blank lines as the body's CommonMark blocks are). Each parser
finds its facts and masks what it took, so a later parser never reads a phone
number or a date again as a figure.
"""

import re
import unicodedata
from dataclasses import dataclass

ENGLISH_SIDE = "en"
CHINESE_SIDE = "zh"
# Full-width digits, full stop, per cent and dollar signs read as their ASCII forms.
_WIDE = re.compile("[０-９．％＄]")
_ASCII = dict(zip("０１２３４５６７８９．％＄", "0123456789.%$", strict=True))
_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Fact:
    """One stated fact: what it is (`kind`, `value`), as written (`text`), and where.

    `unit` refines a figure (money, percent, kg, age, ordinal...) and is None
    for a bare one. A `weak` fact (a number written as an English word or a
    small Chinese numeral) is held only against a differing fact on the other
    side, since "first" and 一 are as often words as figures.
    """

    kind: str
    value: object
    text: str
    paragraph: int
    unit: str | None = None
    weak: bool = False


def normalise(text: str) -> str:
    """Full-width digits to ASCII, one form of each dash; the same length as before."""
    text = _WIDE.sub(lambda match: _ASCII[match[0]], text)
    return unicodedata.normalize("NFC", text).replace("–", "-").replace("—", "-")


def paragraphs(title: str, body: str) -> list[str]:
    """The title, then each paragraph of the body, as staff wrote them."""
    blocks = [block.strip() for block in _BLANK_LINES.split(body.strip())]
    return [title.strip(), *[block for block in blocks if block]]


def mask(text: str, start: int, end: int) -> str:
    """Blank out text[start:end] (keeping every other offset where it was)."""
    return text[:start] + " " * (end - start) + text[end:]


def extract(
    pattern: re.Pattern, text: str, make, hint: re.Pattern | None = None
) -> tuple[list[Fact], str]:
    """Facts `make(match)` reads from each match of `pattern`, and the text with those masked.

    `make` returns a Fact, a list of them, or None for a match that states nothing
    (it is then left for the parsers after). `hint` is a pattern quick to search
    for (one that begins with a fixed character or set) that every match holds:
    a paragraph without it is passed over, which keeps a long release's check
    within its time.
    """
    facts: list[Fact] = []
    if hint is not None and not hint.search(text):
        return facts, text
    masked = text
    for match in pattern.finditer(text):
        made = make(match)
        if not made:
            continue
        facts += made if isinstance(made, list) else [made]
        masked = mask(masked, match.start(), match.end())
    return facts, masked
