"""The media panel of a release's change page: the journalists who received it under embargo,
and who of them opened it in the media room (media.deliveries.receipts)."""

from django.http import HttpRequest

from media.deliveries import receipts
from releases.models import Release


def media_context(request: HttpRequest, release: Release | None) -> dict:
    """The panel's rows, or None when the release has never been sent under embargo."""
    rows = receipts(release) if release is not None and release.pk else []
    return {"media_receipts": rows or None}
