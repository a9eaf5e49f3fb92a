"""Template context every page needs for its language switcher."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def languages(request: HttpRequest) -> dict:
    """Link the current page under each other interface language."""
    current = get_language()
    return {
        "other_languages": [
            {"code": code, "url": translate_url(request.get_full_path(), code)}
            for code, _name in settings.LANGUAGES
            if code != current
        ]
    }
