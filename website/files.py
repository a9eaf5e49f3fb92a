"""A release's uploaded files, served from local storage to those who may see the release.

Everyone gets the files of a release readers may see, cached publicly. The
files of any other release (a draft, a scheduled one, one withdrawn before
its time) go only to a reader whom one of RELEASE_FILE_READERS lets in (a
signed address from a preview or a review page, staff who may preview),
marked never to be stored; anyone else gets the same 404 as for a file that
does not exist, so a missing file and a hidden one cannot be told apart.

A rule is a function `(request, release, stored name) -> bool` named in the
setting, so an app above this one (the media desk's accredited journalists)
adds its own without this module knowing it. With S3, files are fetched from
the bucket instead, and releases.file_access keeps each object's access.
"""

from typing import Protocol

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe

from pressroom.media import has_valid_access, is_too_long, serve_media
from releases.file_access import moved_file, stored_file
from releases.models import Release


class FileReaderRule(Protocol):
    def __call__(self, request: HttpRequest, release: Release, name: str) -> bool: ...


def may_preview(user) -> bool:
    """Whether a signed-in user may see any release as its page would show it (the preview)."""
    return user.is_active and user.is_staff and user.has_perm("releases.view_release")


def staff_may_see(request: HttpRequest, release: Release, name: str) -> bool:
    """Staff who may preview a release may fetch its files at their plain address."""
    return may_preview(request.user)


def signed_address_may_see(request: HttpRequest, release: Release, name: str) -> bool:
    """An address signed by a page that showed the release (preview, review) opens its files."""
    return has_valid_access(request, name)


def file_readers() -> list[FileReaderRule]:
    return [import_string(path) for path in settings.RELEASE_FILE_READERS]


def may_fetch(request: HttpRequest, release: Release, name: str) -> bool:
    return any(rule(request, release, name) for rule in file_readers())


@require_safe
def release_file(request: HttpRequest, path: str) -> HttpResponseBase:
    """Serve a stored file to whoever may see its release; 404 to anyone else."""
    if is_too_long(path):
        raise Http404("No such file.")
    found = stored_file(path)
    if found is None:
        moved = moved_file(path)
        if moved is not None and moved.release.is_visible_at_url():
            return HttpResponsePermanentRedirect(default_storage.url(moved.new_name))
        raise Http404("No such file.")
    if found.release.is_visible_at_url():
        return serve_media(request, path, found.filename)
    if may_fetch(request, found.release, path):
        response = serve_media(request, path, found.filename, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    raise Http404("No such file.")
