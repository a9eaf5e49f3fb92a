"""Keep a release's two translations in step.

Each translation knows when its text (title, summary, body) last changed and
which saved version of the release it was last checked against. A save that
changes one language's text and not the other's marks the other as needing
review until someone saves it or ticks "checked: no change needed" for it.
"""

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist

from pressroom.languages import CHINESE, ENGLISH

TEXT_FIELDS = ("title", "summary", "body")


def other_language(language_code: str) -> str:
    return ENGLISH if language_code == CHINESE else CHINESE


def translation_or_none(release, language_code: str):
    """The release's translation in this language as it is on the instance; never a fallback."""
    try:
        return release.get_translation(language_code)
    except ObjectDoesNotExist:
        return None


def text_of(translation) -> tuple[str, ...]:
    """A translation's reader-visible text, with line endings as readers see them."""
    return tuple((getattr(translation, name) or "").replace("\r\n", "\n") for name in TEXT_FIELDS)


def record_save(
    release,
    saved_texts: dict[str, tuple[str, ...]],
    checked: set[str],
    user: AbstractBaseUser,
    now: datetime,
) -> None:
    """Update each translation's state for a save about to happen.

    `saved_texts` holds each language's text as saved before this save (a
    language absent from it is new); `checked` the languages staff ticked as
    checked. The instance's translations already hold the new text; the
    version they are checked against is the one this save will store.
    """
    version_after_save = release.version + 1 if release.pk else release.version
    # A language emptied by this save is about to go: it has no state to keep.
    translations = {
        code: translation if translation is not None and any(text_of(translation)) else None
        for code in (CHINESE, ENGLISH)
        for translation in [translation_or_none(release, code)]
    }
    changed = {
        code
        for code, translation in translations.items()
        if translation is not None and saved_texts.get(code) != text_of(translation)
    }
    # Editing a language that needed review answers the other's change; it starts no new one.
    answering = {
        code
        for code, translation in translations.items()
        if translation is not None and translation.needs_review_since is not None
    }
    for code, translation in translations.items():
        if translation is None:
            continue
        other = other_language(code)
        if code in changed:
            translation.text_changed_at = now
        if code in changed or code in checked:
            translation.needs_review_since = None
            translation.checked_against_version = version_after_save
            translation.checked_at, translation.checked_by = now, user
        elif translations[other] is None:
            translation.needs_review_since = None
        elif (
            other in changed
            and other in saved_texts
            and other not in answering
            and translation.needs_review_since is None
        ):
            # A new translation is written from the other; only a change of one the
            # other was already checked against puts them out of step.
            translation.needs_review_since = now
            if translation.checked_against_version is None:
                # Never checked yet: it was in step with the text as saved until now.
                translation.checked_against_version = release.version
