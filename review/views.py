"""The review page: a release as readers will see it, opened by a review link."""

from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pagecache.versions import reads_query
from pressroom.languages import CHINESE, content_html_lang
from releases.models import Release
from review import tasks
from review.forms import ReviewCommentForm
from review.models import ReviewLink
from website.views import render_parallel, render_release
from website.visits import opened_by_a_person

# Comments one link may send in an hour: enough for a team, too few for a flood.
COMMENTS_PER_HOUR = 10


def private(response: HttpResponse) -> HttpResponse:
    """Keep a review page out of every cache and every index."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def invalid_link(request: HttpRequest) -> HttpResponse:
    """The one answer for any link that opens nothing; it names no release."""
    return private(render(request, "review/invalid.html", status=404))


def _comment_allowed(link: ReviewLink) -> bool:
    key = f"review-comments:{link.pk}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= COMMENTS_PER_HOUR
    except ValueError:
        # The entry expired between add and incr: this is the hour's first comment.
        return True


def _opened(token: str) -> tuple[ReviewLink, Release] | None:
    """The link a token opens and its release, or None for a token that opens nothing."""
    link = ReviewLink.for_token(token)
    if link is None:
        return None
    try:
        return link, Release.objects.get_for_page(link.release_id)
    except Release.DoesNotExist:
        return None


def release_state(release: Release) -> str:
    """What the release is now, as the banner says it: draft, scheduled, published, withdrawn."""
    if release.status == Release.Status.PUBLISHED:
        return "published" if release.publish_at <= timezone.now() else "scheduled"
    return release.status


def _review_context(link: ReviewLink, release: Release) -> dict:
    return {
        # Every page of a review keeps to what the link opens (templates/review/base.html).
        "base_template": "review/base.html",
        "review_link": link,
        "review_state": release_state(release),
        # The release's public address is named nowhere, not even in structured data or print.
        "structured_data": None,
        "printed_addresses": [],
        # A /zh-hans/ page shows the Chinese converted, so its blocks say so.
        "chinese_lang": content_html_lang(CHINESE),
    }


# After a comment the page is shown again with `?sent=1`, which the page cache would strip.
@reads_query("sent")
@require_http_methods(["GET", "HEAD", "POST"])
def review_page(request: HttpRequest, token: str) -> HttpResponse:
    opened = _opened(token)
    if opened is None:
        return invalid_link(request)
    link, release = opened
    status = 200
    form = ReviewCommentForm(request.POST if request.method == "POST" else None)
    comment_sent = "sent" in request.GET
    if request.method == "POST":
        if not _comment_allowed(link):
            form.add_error(None, _("Too many comments were sent through this link; try later."))
            status = 429
        elif form.is_valid():
            comment = form.save(commit=False)
            comment.link = link
            comment.save()
            tasks.tell_link_creator(comment)
            return redirect(f"{request.path}?sent=1#comment")
        else:
            status = 400
    elif not comment_sent and opened_by_a_person(request):
        # The page shown again after a comment is the same visit, not another opening.
        ReviewLink.objects.filter(pk=link.pk).update(
            open_count=F("open_count") + 1, last_opened_at=timezone.now()
        )
    context = {
        **_review_context(link, release),
        "comment_form": form,
        "comment_sent": comment_sent,
    }
    response = render_release(
        request, release, template_name="review/release.html", extra_context=context
    )
    response.status_code = status
    return private(response)


@require_http_methods(["GET", "HEAD"])
def review_parallel(request: HttpRequest, token: str) -> HttpResponse:
    """The paragraph view of the release a link opens, through the same link."""
    opened = _opened(token)
    if opened is None:
        return invalid_link(request)
    link, release = opened
    response = render_parallel(
        request,
        release,
        template_name="review/parallel.html",
        extra_context=_review_context(link, release),
    )
    return private(response)
