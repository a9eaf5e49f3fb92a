"""A journalist's session: it marks the journalist only, never a Django user or staff.

Signing in puts the journalist's id in the session (under a new session key);
every request reads the journalist again and checks the accreditation, so a
revoked or lapsed journalist's session stops working at once, with no job to
end it. A journalist has no account: no admin, no drafts, no preview.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from media.models import Journalist

SESSION_KEY = "media_journalist"


def sign_in(request: HttpRequest, journalist: Journalist) -> None:
    request.session.cycle_key()
    request.session[SESSION_KEY] = journalist.pk


def sign_out(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current(request: HttpRequest) -> Journalist | None:
    """The accredited journalist this session marks, or None (a revoked one is signed out)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    journalist_id = request.session.get(SESSION_KEY)
    if journalist_id is None:
        return None
    journalist = Journalist.objects.filter(pk=journalist_id).first()
    if journalist is None or not journalist.is_accredited(timezone.now()):
        request.session.pop(SESSION_KEY, None)
        return None
    return journalist


def private(response: HttpResponse) -> HttpResponse:
    """Keep a journalist's page out of every cache (the page cache too) and every index."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def journalist_required(view: Callable) -> Callable:
    """Give the view the signed-in journalist; send anyone else to the sign-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        journalist = current(request)
        if journalist is None:
            return private(redirect("media:sign-in"))
        request.journalist = journalist
        return private(view(request, *args, **kwargs))

    return wrapped
