"""The personal information collection statement of the subscribe form.

Its text lives in docs/privacy-statement/ (one CommonMark file per language), where
the department's staff edit it as they edit any document, without touching a
template; the page shows it through the same CommonMark-and-sanitising path as a
release's body. A Simplified page shows the Traditional text converted.
"""

from django.conf import settings
from django.utils.safestring import SafeString

from pressroom.languages import content_language
from releases.markup import Body

FOLDER = settings.BASE_DIR / "docs" / "privacy-statement"


def html(language: str | None = None) -> SafeString:
    """Return the statement in the interface language (Chinese for both Chinese scripts)."""
    source = (FOLDER / f"{content_language(language)}.md").read_text(encoding="utf-8")
    return Body(source).html
