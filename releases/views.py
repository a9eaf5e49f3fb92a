"""Public pages: the newest releases and one release in both languages."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render

from releases.models import Release

HOME_PAGE_SIZE = 10


def home(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.public().with_translations()[:HOME_PAGE_SIZE]
    return render(request, "releases/home.html", {"releases": releases})


def detail(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    release = get_object_or_404(Release.objects.public().with_translations().with_contact(), pk=pk)
    if slug != release.slug:
        # Titles change; links shared with an old or missing slug must still arrive.
        return HttpResponsePermanentRedirect(release.get_absolute_url())
    return render(request, "releases/detail.html", {"release": release})
