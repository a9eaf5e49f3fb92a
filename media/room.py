"""The media room: what a signed-in journalist reads, and their email settings.

Every page is the journalist's own: marked private and never stored (by
browsers, proxies or the page cache), and each embargoed copy names them on
screen and in print, to deter leaks. Each opening of an embargoed release by a
person (a GET from a browser, not a link checker) is recorded for the desk.
"""

from datetime import timedelta

from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from media import audience
from media.forms import SettingsForm
from media.mail import embargoed_until
from media.models import EmbargoDelivery, Opening
from media.session import journalist_required
from pressroom.languages import CHINESE, content_html_lang
from releases.models import Release
from website.views import render_release
from website.visits import opened_by_a_person

RECENT = timedelta(days=31)


@require_safe
@journalist_required
def room(request: HttpRequest) -> HttpResponse:
    journalist = request.journalist
    now = timezone.now()
    embargoed = audience.releases_for(journalist, now).order_by("publish_at", "pk")
    recent = (
        Release.objects.public(now)
        .filter(publish_at__gte=now - RECENT)
        .with_translations()
        .order_by("-publish_at", "-pk")
    )
    context = {
        "journalist": journalist,
        "embargoed": [(release, embargoed_until(release.publish_at)) for release in embargoed],
        "recent": recent,
        "beats": journalist.beats.prefetch_related("translations").order_by("slug"),
        "noindex": True,
    }
    return render(request, "media/room.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@journalist_required
def settings_page(request: HttpRequest) -> HttpResponse:
    journalist = request.journalist
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=journalist)
    saved = request.method == "POST" and form.is_valid()
    if saved:
        form.save()
    status = 400 if request.method == "POST" and not saved else 200
    return render(
        request,
        "media/settings.html",
        {"form": form, "saved": saved, "journalist": journalist, "noindex": True},
        status=status,
    )


def record_opening(request: HttpRequest, release: Release) -> None:
    """Count an opening by a person in the log and on the journalist's latest email."""
    if not opened_by_a_person(request):
        return
    now = timezone.now()
    Opening.objects.create(journalist=request.journalist, release=release, opened_at=now)
    latest = (
        EmbargoDelivery.objects.filter(
            journalist=request.journalist,
            release=release,
            kind=EmbargoDelivery.Kind.EMBARGOED,
            state=EmbargoDelivery.State.SENT,
        )
        .order_by("-revision")
        .values("pk")[:1]
    )
    EmbargoDelivery.objects.filter(pk__in=latest).update(
        opened_at=Coalesce(F("opened_at"), now), open_count=F("open_count") + 1
    )


@require_safe
@journalist_required
def release_page(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    if not audience.releases_for(request.journalist, now).filter(pk=pk).exists():
        public = Release.objects.public(now).filter(pk=pk).first()
        if public is not None:  # its embargo is over: everyone reads it on the site
            return redirect(public.get_absolute_url())
        raise Http404
    release = Release.objects.get_for_page(pk)
    record_opening(request, release)
    context = {
        "base_template": "base.html",
        "journalist": request.journalist,
        "embargo_banner": embargoed_until(release.publish_at),
        "structured_data": None,
        "printed_addresses": [],
        "chinese_lang": content_html_lang(CHINESE),
        "noindex": True,
    }
    return render_release(
        request, release, template_name="media/release.html", extra_context=context
    )
