"""Opaque cursors: where the next page of a newest-first list starts.

A cursor names the last release of a page by its publish time and id, the
list's order, so the next page starts right after it however many releases
are published meanwhile (they come before it, on pages already read).
"""

import base64
import binascii
import json
from datetime import datetime

from django.db.models import Q

# The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class BadCursor(ValueError):
    """A cursor this API did not give."""


def encode(publish_at: datetime, pk: int) -> str:
    raw = json.dumps([publish_at.isoformat(), pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, pk = json.loads(raw)
        publish_at = datetime.fromisoformat(moment)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadCursor from None
    if type(pk) is not int or not 0 < pk <= MAX_ID or publish_at.tzinfo is None:
        raise BadCursor
    return publish_at, pk


def after(cursor: str) -> Q:
    """Return the condition for the releases that come after the cursor, newest first."""
    publish_at, pk = decode(cursor)
    return Q(publish_at__lt=publish_at) | Q(publish_at=publish_at, pk__lt=pk)
