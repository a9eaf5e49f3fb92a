"""Read public pages in tests: where a release lives, and one language's column of it."""

import re

from releases.models import Release


def detail_path(release: Release, language: str) -> str:
    """Return a release's page under an interface language."""
    return f"/{language}/releases/{release.pk}/{release.slug}/"


def column_of(page: str, lang: str) -> str:
    """Return the release column written in `lang` (an HTML lang value, e.g. zh-Hant)."""
    pattern = rf'<section class="release__column" lang="{lang}".*?</section>'
    return re.search(pattern, page, re.S).group(0)
