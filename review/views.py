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
from review.forms import ReviewCommentForm
from review.models import ReviewLink
from website.views import render_release

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


# After a comment the page is shown again with `?sent=1`, which the page cache would strip.
@reads_query("sent")
@require_http_methods(["GET", "HEAD", "POST"])
def review_page(request: HttpRequest, token: str) -> HttpResponse:
    link = ReviewLink.for_token(token)
    if link is None:
        return invalid_link(request)
    try:
        release = Release.objects.get_for_page(link.release_id)
    except Release.DoesNotExist:
        return invalid_link(request)
    status = 200
    form = ReviewCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not _comment_allowed(link):
            form.add_error(None, _("Too many comments were sent through this link; try later."))
            status = 429
        elif form.is_valid():
            comment = form.save(commit=False)
            comment.link = link
            comment.save()
            return redirect(f"{request.path}?sent=1#comment")
        else:
            status = 400
    else:
        ReviewLink.objects.filter(pk=link.pk).update(
            open_count=F("open_count") + 1, last_opened_at=timezone.now()
        )
    context = {
        "review_link": link,
        "comment_form": form,
        "comment_sent": "sent" in request.GET,
        # A /zh-hans/ page shows the Chinese converted, so its blocks say so.
        "chinese_lang": content_html_lang(CHINESE),
    }
    response = render_release(
        request, release, template_name="review/release.html", extra_context=context
    )
    response.status_code = status
    return private(response)
