"""Subscribe, confirm, manage and unsubscribe: pages every reader can reach without an account."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import links, privacy_statement, subscribing
from alerts.forms import PreferencesForm, SubscribeForm
from alerts.models import Languages, Subscriber
from pagecache.versions import reads_query
from pressroom.client_ip import client_ip
from pressroom.languages import ENGLISH
from releases.models import Topic

TOO_MANY_REQUESTS = 429
# "Check your email" names the address the email went to; it is kept, signed, in a cookie
# of that page's own path for as long as asking again is refused (an hour).
SENT_TO_COOKIE = "alerts_sent_to"
SENT_TO_SALT = "alerts.sent-to"
SENT_TO_SECONDS = 3600


def _page(request: HttpRequest, template: str, status: int = 200, **context) -> HttpResponse:
    return render(request, f"alerts/{template}.html", {"noindex": True, **context}, status=status)


def _subscribed_to(subscriber: Subscriber) -> str:
    """Say what a confirmed subscriber now gets, as GOV.UK says it: "You are subscribed to …"."""
    topics = [topic.name_in_interface for topic in subscriber.subscription.topics.all()]
    if not topics:
        return _("You are subscribed to every press release.")
    separator = pgettext("between the names in a list", ", ")
    return _("You are subscribed to press releases on %(topics)s.") % {
        "topics": separator.join(topics)
    }


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return _page(request, "link_invalid", status=404)


# A topic's "Follow this topic by email" link chooses that topic.
@reads_query("topic")
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    if request.method != "POST":
        chosen = Topic.objects.filter(slug=request.GET.get("topic", "")[:50])
        # The page's own language is chosen in advance.
        languages = Languages.ENGLISH if language == ENGLISH else Languages.CHINESE
        form = SubscribeForm(initial={"topics": chosen, "languages": languages})
        return _page(request, "subscribe", form=form)
    form = SubscribeForm(request.POST)
    if subscribing.over_limit(request.POST.get("email", "")[:254], client_ip(request)):
        form.is_valid()
        form.add_error(
            None, _("Too many requests from you or for this address. Please try again in an hour.")
        )
        return _page(request, "subscribe", status=TOO_MANY_REQUESTS, form=form)
    if not form.is_valid():
        return _page(request, "subscribe", status=400, form=form)
    data = form.cleaned_data
    if not form.is_robot():
        subscribing.ask(
            data["email"], data["languages"], data["frequency"], data["topics"], language
        )
    response = redirect("alerts:check-email")
    response.set_signed_cookie(
        SENT_TO_COOKIE,
        data["email"].strip().lower(),
        salt=SENT_TO_SALT,
        max_age=SENT_TO_SECONDS,
        path=reverse("alerts:check-email"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@never_cache
def check_email(request: HttpRequest) -> HttpResponse:
    address = request.get_signed_cookie(
        SENT_TO_COOKIE, default="", salt=SENT_TO_SALT, max_age=SENT_TO_SECONDS
    )
    return _page(request, "check_email", address=address)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A link checker opening the link confirms nothing: confirming takes a button (POST).
    subscriber = Subscriber.objects.filter(pk=links.confirmed_id(token)).first()
    if subscriber is None:
        return _link_invalid(request)
    if request.method == "POST":
        subscribing.confirm(subscriber)
        messages.success(request, _subscribed_to(subscriber))
        return redirect("alerts:manage", token=links.manage_token(subscriber.pk))
    return _page(request, "confirm", subscriber=subscriber)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = (
        Subscriber.objects.select_related("subscription")
        .filter(pk=links.managed_id(token), confirmed_at__isnull=False)
        .first()
    )
    if subscriber is None:
        return _link_invalid(request)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, instance=subscriber.subscription
    )
    saved = request.method == "POST" and form.is_valid()
    if saved:
        form.save()
        # Choices saved in a language make it the language of the emails' links from now on.
        Subscriber.objects.filter(pk=subscriber.pk).update(language=translation.get_language())
    status = 400 if request.method == "POST" and not saved else 200
    return _page(
        request,
        "manage",
        status=status,
        form=form,
        saved=saved,
        subscriber=subscriber,
        unsubscribe_token=links.unsubscribe_token(subscriber.pk),
    )


@never_cache
@csrf_exempt  # RFC 8058: mail clients unsubscribe with a bare POST, no token, no cookie
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber_id = links.unsubscribed_id(token)
    if subscriber_id is None:
        return _link_invalid(request)
    if request.method == "POST":
        Subscriber.objects.filter(pk=subscriber_id).delete()
        return _page(request, "unsubscribed")
    # Opening the link (a mail scanner may) asks; only the button (POST) unsubscribes.
    return _page(request, "unsubscribe", token=token)


def privacy(request: HttpRequest) -> HttpResponse:
    """The personal information collection statement, from its text kept in docs/."""
    return render(request, "alerts/privacy.html", {"statement": privacy_statement.html()})
