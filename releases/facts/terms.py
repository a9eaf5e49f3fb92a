"""The glossary's terms as found in each language, and the forms it says not to use.

The checker is given the terms (`Entry`, built from releases.glossary.Term by
the caller), so it needs no database: a term found in one language is a fact
the other must state in its own words; a form to avoid is a finding of its own.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from releases.facts.text import Fact

TERM, AVOIDED = "term", "avoided"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Entry:
    """One official term: its Traditional Chinese and English, and the forms not to use."""

    zh_hant: str
    en: str
    avoid_zh: tuple[str, ...] = ()
    avoid_en: tuple[str, ...] = ()


@dataclass
class Glossary:
    """The terms a check looks for, with their English written as patterns once."""

    entries: list[Entry] = field(default_factory=list)

    @cached_property
    def _english(self) -> list[tuple[int, str, re.Pattern]]:
        """Each term's English (index, first word, pattern), longest first, so that
        "Deputy Commissioner of Customs and Excise" is read whole before the
        Commissioner's title could be read within it."""
        order = sorted(range(len(self.entries)), key=lambda index: -len(self.entries[index].en))
        return [
            (index, _first_word(self.entries[index].en), _english_pattern(self.entries[index].en))
            for index in order
        ]

    @cached_property
    def _avoided_english(self) -> list[tuple[int, str, re.Pattern]]:
        return [
            (index, avoided, _english_pattern(avoided))
            for index, entry in enumerate(self.entries)
            for avoided in entry.avoid_en
        ]

    def english(self, text: str, paragraph: int) -> list[Fact]:
        """Each term an English paragraph states, and each form to avoid it uses."""
        # Only terms whose first word is in the paragraph are looked for: most are not.
        words = set(_WORD.findall(text.lower()))
        facts = []
        for index, first, pattern in self._english:
            if first in words and pattern.search(text):
                facts.append(Fact(TERM, index, self.entries[index].en, paragraph))
                # Blanked, so a shorter term within it is not read again, nor a form to avoid.
                text = pattern.sub(lambda match: " " * len(match[0]), text)
        facts += [
            Fact(AVOIDED, index, avoided, paragraph, "en")
            for index, avoided, pattern in self._avoided_english
            if pattern.search(text)
        ]
        return facts

    def chinese(self, text: str, paragraph: int) -> list[Fact]:
        """Each term a Chinese paragraph states, and each form to avoid it uses."""
        facts = []
        for index, entry in self._by_length_zh:
            if entry.zh_hant in text:
                facts.append(Fact(TERM, index, entry.zh_hant, paragraph))
                text = text.replace(entry.zh_hant, " " * len(entry.zh_hant))
        facts += [
            Fact(AVOIDED, index, avoided, paragraph, "zh")
            for index, entry in enumerate(self.entries)
            for avoided in entry.avoid_zh
            if avoided in text
        ]
        return facts

    @cached_property
    def _by_length_zh(self) -> list[tuple[int, Entry]]:
        order = sorted(
            range(len(self.entries)), key=lambda index: -len(self.entries[index].zh_hant)
        )
        return [(index, self.entries[index]) for index in order]


def _english_pattern(term: str) -> re.Pattern:
    """A term's English found in any case, with any spacing, as whole words."""
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _first_word(term: str) -> str:
    return _WORD.findall(term.lower())[0]
