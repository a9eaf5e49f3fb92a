"""The media desk's public pages: apply, confirm the address, sign in and out.

Every answer is the same whether an address is known or not: the difference
only shows in the email its owner receives (or does not).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from alerts.subscribing import over_limit
from media import accreditation, links, session
from media.forms import ApplicationForm, SignInForm
from media.models import Journalist, Languages
from pressroom.client_ip import client_ip
from pressroom.languages import ENGLISH

TOO_MANY_REQUESTS = 429


def _page(request: HttpRequest, template: str, status: int = 200, **context) -> HttpResponse:
    return render(request, f"media/{template}.html", {"noindex": True, **context}, status=status)


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return session.private(_page(request, "link_invalid", status=404))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """What the media desk is, and the application form."""
    if request.method != "POST":
        language = translation.get_language()
        languages = Languages.ENGLISH if language == ENGLISH else Languages.CHINESE
        return _page(request, "apply", form=ApplicationForm(initial={"languages": languages}))
    form = ApplicationForm(request.POST)
    if over_limit(request.POST.get("email", "")[:254], client_ip(request)):
        form.is_valid()
        form.add_error(
            None, _("Too many requests from you or for this address. Please try again in an hour.")
        )
        return _page(request, "apply", status=TOO_MANY_REQUESTS, form=form)
    if not form.is_valid():
        return _page(request, "apply", status=400, form=form)
    if not form.is_robot():
        journalist = form.save(commit=False)
        journalist.email = journalist.email.strip().lower()
        journalist.language = translation.get_language()
        accreditation.apply(journalist, form.cleaned_data["beats"])
    return redirect("media:check-email")


@never_cache
def check_email(request: HttpRequest) -> HttpResponse:
    return _page(request, "check_email")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A link checker opening the link confirms nothing: confirming takes a button (POST).
    journalist = Journalist.objects.filter(pk=links.confirmed_id(token)).first()
    if journalist is None:
        return _link_invalid(request)
    if request.method == "POST":
        accreditation.confirm(journalist, timezone.now())
        return session.private(_page(request, "confirmed", journalist=journalist))
    return session.private(_page(request, "confirm", journalist=journalist))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link: the same answer for every address, accredited or not."""
    if request.method != "POST":
        return _page(request, "sign_in", form=SignInForm())
    form = SignInForm(request.POST)
    if not form.is_valid():
        return _page(request, "sign_in", status=400, form=form)
    accreditation.ask_sign_in(form.cleaned_data["email"].strip(), timezone.now())
    return _page(request, "sign_in_sent", address=form.cleaned_data["email"].strip())


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signed_in(request: HttpRequest, token: str) -> HttpResponse:
    """Follow a sign-in link: opening it asks; the button (POST) signs in, once."""
    now = timezone.now()
    if request.method != "POST":
        if links.sign_in_link(token, now) is None:
            return _link_invalid(request)
        return session.private(_page(request, "sign_in_confirm"))
    journalist = links.use(token, now)
    if journalist is None:
        return _link_invalid(request)
    session.sign_in(request, journalist)
    return session.private(redirect("media:room"))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    session.sign_out(request)
    messages.info(request, _("You are signed out of the media room."))
    return session.private(redirect("media:sign-in"))
