"""Signed links in alert emails: confirm, manage and unsubscribe, no account needed.

Each link carries the subscriber's id signed with the site's secret and a
salt of its own, so a manage link cannot be turned into a confirm link and
no id can be guessed. Confirm links lapse after a week, when an unconfirmed
address is forgotten; manage and unsubscribe links last as long as the
subscription.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM_FOR = timedelta(days=7)
_CONFIRM = signing.TimestampSigner(salt="alerts.confirm")
_MANAGE = signing.Signer(salt="alerts.manage")
_UNSUBSCRIBE = signing.Signer(salt="alerts.unsubscribe")


def confirm_token(subscriber_id: int) -> str:
    return _CONFIRM.sign(str(subscriber_id))


def manage_token(subscriber_id: int) -> str:
    return _MANAGE.sign(str(subscriber_id))


def unsubscribe_token(subscriber_id: int) -> str:
    return _UNSUBSCRIBE.sign(str(subscriber_id))


def _unsign(signer: signing.Signer, token: str, **kwargs) -> int | None:
    try:
        return int(signer.unsign(token, **kwargs))
    except (signing.BadSignature, ValueError):
        return None


def confirmed_id(token: str) -> int | None:
    """Return the subscriber id a confirm link names, or None if forged or lapsed."""
    return _unsign(_CONFIRM, token, max_age=CONFIRM_FOR)


def managed_id(token: str) -> int | None:
    return _unsign(_MANAGE, token)


def unsubscribed_id(token: str) -> int | None:
    return _unsign(_UNSUBSCRIBE, token)


def absolute(route: str, language: str, *args) -> str:
    """Return a full URL of a route under a language prefix, for an email."""
    with translation.override(language):
        return settings.SITE_URL + reverse(route, args=args)
