"""Signed links emailed to journalists: confirm the address, and sign in.

A confirm link carries the journalist's id, signed with the site's secret and
its own salt, and lapses after a week. A sign-in link carries the key of a
one-use SignInLink row, signed and timestamped: it opens nothing after fifteen
minutes, nor once it has been used, nor for a journalist no longer accredited.
"""

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction

from media.models import SIGN_IN_FOR, Journalist, SignInLink

CONFIRM_FOR = timedelta(days=7)
_CONFIRM = signing.TimestampSigner(salt="media.confirm")
_SIGN_IN = signing.TimestampSigner(salt="media.sign-in")


def confirm_token(journalist_id: int) -> str:
    return _CONFIRM.sign(str(journalist_id))


def confirmed_id(token: str) -> int | None:
    """Return the journalist id a confirm link names, or None if forged or lapsed."""
    try:
        return int(_CONFIRM.unsign(token, max_age=CONFIRM_FOR))
    except (signing.BadSignature, ValueError):
        return None


def sign_in_token(link: SignInLink) -> str:
    return _SIGN_IN.sign(link.key)


def _sign_in_key(token: str) -> str | None:
    try:
        return _SIGN_IN.unsign(token, max_age=SIGN_IN_FOR)
    except signing.BadSignature:
        return None


def sign_in_link(token: str, now: datetime) -> SignInLink | None:
    """Return the unused, unexpired link of an accredited journalist a token opens, or None."""
    key = _sign_in_key(token)
    if key is None:
        return None
    link = SignInLink.unused(now).select_related("journalist").filter(key=key).first()
    if link is None or not link.journalist.is_accredited(now):
        return None
    return link


def use(token: str, now: datetime) -> Journalist | None:
    """Spend a sign-in link: return its journalist, or None if it opens nothing (or did once)."""
    link = sign_in_link(token, now)
    if link is None:
        return None
    with transaction.atomic():
        # Two clicks at once: only the first update finds the link unused.
        spent = SignInLink.unused(now).filter(pk=link.pk).update(used_at=now)
    return link.journalist if spent else None
