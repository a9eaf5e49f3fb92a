"""Which release a stored file belongs to, and whether everyone may fetch it.

A release's files are public exactly when the release is visible at its
address (`Release.is_visible_at_url()`, the same rule as `visible_at_url()`).
Before that, the site serves them only to those who may see the release
(website.files), and on S3 the objects are private, reached through signed
addresses; `keep_file_access()` makes them public when the release becomes
visible, and private again should it stop being visible.

A scheduled release comes due with no save, so nothing announces it: each
save of a scheduled release enqueues `open_files_when_due` for its publish
time (releases.tasks), run by the task worker (`manage.py db_worker`), which
the alert emails need at that moment too. Until it runs, the objects stay
private: the public page links their plain addresses, which the bucket
refuses for the seconds between the release's time and the worker's turn.
"""

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from releases import tasks
from releases.files import Attachment, MovedFile, ReleaseImage
from releases.images import RENDITION_WIDTHS
from releases.models import Release

logger = logging.getLogger(__name__)

# releases/<id>/images/<name> or releases/<id>/attachments/<name>: all a release stores.
STORED_NAME = re.compile(r"^releases/(?P<release_id>\d{1,18})/(?P<kind>images|attachments)/[^/]+$")


@dataclass(frozen=True)
class StoredFile:
    """A file a release shows now, with its release and the name offered to readers."""

    release: Release
    name: str
    filename: str


def stored_file(name: str) -> StoredFile | None:
    """Return the image, rendition or attachment stored under `name`, in one query.

    Only files the release has now: one left behind by an older version, or a
    name no release holds, is None.
    """
    match = STORED_NAME.match(name)
    if match is None:
        return None
    release_id = int(match["release_id"])
    if match["kind"] == "images":
        condition = Q(image=name)
        for width in RENDITION_WIDTHS:
            condition |= Q(**{f"rendition_{width}": name})
        rows = ReleaseImage.objects.filter(condition, release_id=release_id)
    else:
        rows = Attachment.objects.filter(file=name, release_id=release_id)
    row = rows.select_related("release").first()
    return StoredFile(row.release, name, row.filename) if row else None


def moved_file(name: str) -> MovedFile | None:
    """Return where a file stored under a former name is now, with its release."""
    if not STORED_NAME.match(name):
        return None
    return MovedFile.objects.select_related("release").filter(old_name=name).first()


def keeps_access_per_file() -> bool:
    """Whether storage itself decides who may fetch a file (S3), not the site's /media/ view."""
    return hasattr(default_storage, "make_public")


def keep_file_access(release_id: int, now: datetime | None = None) -> None:
    """Make a release's stored files public or private as its visibility is at `now`.

    Does nothing where the site serves files itself: its view decides at each request.
    """
    if not keeps_access_per_file():
        return
    release = Release.objects.filter(pk=release_id).first()
    if release is None:
        return
    public = release.is_visible_at_url(now or timezone.now())
    for item in [*release.images.all(), *release.attachments.all()]:
        for name in item.stored_names:
            try:
                if public:
                    default_storage.make_public(name)
                else:
                    default_storage.make_private(name)
            except Exception:
                # The save is committed: a bucket that cannot be reached must not make it an
                # error page. The next save, the due task or `sync_file_access` sets it.
                logger.exception("Could not set the access of %s (release %s)", name, release_id)


def open_files_when_due(release_id: int, publish_at: datetime) -> None:
    """Have the task worker give a scheduled release's files their access at its time."""
    if keeps_access_per_file():
        tasks.open_files_when_due.using(run_after=publish_at).enqueue(release_id)
