"""Public pages: the newest releases and one release in both languages; staff preview."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from releases.models import Release

HOME_PAGE_SIZE = 10


def home(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.public().with_translations()[:HOME_PAGE_SIZE]
    return render(request, "releases/home.html", {"releases": releases})


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    # A withdrawn release keeps its page (with the notice); lists use public().
    releases = Release.objects.visible_at_url().with_translations().with_contact()
    release = get_object_or_404(releases.with_files_and_notes(), pk=pk)
    if slug != release.slug:
        # Titles change; links shared with an old or missing slug must still arrive.
        return HttpResponsePermanentRedirect(release.get_absolute_url())
    return render(request, "releases/detail.html", {"release": release})


@never_cache
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show staff any release exactly as its public page would, marked and never indexed."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("releases.view_release")):
        raise Http404
    releases = Release.objects.with_translations().with_contact().with_files_and_notes()
    release = get_object_or_404(releases, pk=pk)
    response = render(request, "releases/detail.html", {"release": release, "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
