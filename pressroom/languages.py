"""The languages releases are written in, and how pages name and order them."""

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext_lazy

# A label with its language: "Alt text (English)", 「替代文字（英文）」 (full-width brackets).
WITH_LANGUAGE = pgettext_lazy("a label and the language it is for", "{} ({})")

CHINESE = "zh-hant"
ENGLISH = "en"
# An interface language only: its pages show the Chinese text converted from CHINESE.
SIMPLIFIED = "zh-hans"
# The characters written without spaces between words: search cuts them into characters
# and pairs, and the history writes a Chinese name family name first.
CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\U00020000-\U0003134f"  # Han extensions
)
_CJK_RUN = re.compile(rf"[{CJK}]+")
# The languages a release is written in, Chinese first.
LANGUAGE_CODES = (CHINESE, ENGLISH)
# How a form names the field of each written language: title_zh_hant, title_en.
SUFFIXES = {CHINESE: "zh_hant", ENGLISH: "en"}
# The language switcher's short labels, in its order: each language's own name, not
# interface text.
SWITCHER_LABELS = {CHINESE: "繁", SIMPLIFIED: "简", ENGLISH: "EN"}
# BCP 47 spells the script with a capital; Hong Kong's region makes browsers pick its glyph
# forms (and its fonts) over Taiwan's: lang="zh-Hant-HK".
_HTML_LANG = {CHINESE: "zh-Hant-HK", SIMPLIFIED: "zh-Hans"}


class Translated(Protocol):
    language_code: str


T = TypeVar("T", bound=Translated)


def is_cjk(text: str) -> bool:
    """Whether `text` is written wholly in CJK characters (Han, kana, Hangul)."""
    return bool(_CJK_RUN.fullmatch(text))


def language_name(language_code: str) -> str:
    """Return the language's name in the active interface language: "English", "中文"."""
    return str(dict(settings.LANGUAGES)[language_code])


def html_lang(language_code: str) -> str:
    """Return the value of an HTML lang attribute for a Django language code."""
    return _HTML_LANG.get(language_code, language_code)


def content_html_lang(language_code: str) -> str:
    """Return the lang value of stored text as this page shows it.

    Chinese text is stored in Traditional characters; a Simplified page shows it
    converted, so its blocks say zh-Hans.
    """
    if language_code == CHINESE and translation.get_language() == SIMPLIFIED:
        return html_lang(SIMPLIFIED)
    return html_lang(language_code)


def content_language(interface_language: str | None = None) -> str:
    """Return the stored language that leads under an interface language."""
    interface_language = interface_language or translation.get_language() or CHINESE
    return CHINESE if interface_language.startswith("zh") else ENGLISH


def in_interface_order(translations: Iterable[T]) -> list[T]:
    """Order translations so the interface language's comes first."""
    first = content_language()
    return sorted(translations, key=lambda item: item.language_code != first)


class HtmlLangMixin:
    """Give a translation the `lang` attribute value of its language."""

    language_code: str

    @property
    def html_lang(self) -> str:
        return content_html_lang(self.language_code)
