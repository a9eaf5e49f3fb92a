"""The media desk's rule for a release's files (one of RELEASE_FILE_READERS, website/files.py).

A signed-in, accredited journalist may fetch the photos and attachments of a
release under embargo that is meant for them, and nothing else not yet public.
"""

from django.http import HttpRequest
from django.utils import timezone

from media import audience, session
from releases.models import Release


def journalist_may_see(request: HttpRequest, release: Release, name: str) -> bool:
    journalist = session.current(request)
    if journalist is None:
        return False
    return audience.releases_for(journalist, timezone.now()).filter(pk=release.pk).exists()
