"""Double opt-in: the confirmation email, and forgetting addresses never confirmed.

Whether or not an address is already subscribed, the page answers the same;
the difference only shows in the email its owner receives: a confirmation
link for a new address, a link to their settings for a confirmed one.
"""

from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone

from alerts import links, messages
from alerts.models import Subscriber

RESEND_AFTER = timedelta(hours=1)


def may_remind(subscriber: Subscriber) -> bool:
    """Tell whether another confirmation email may go to this address (one an hour)."""
    now = timezone.now()
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(models.Q(reminded_at__isnull=True) | models.Q(reminded_at__lte=now - RESEND_AFTER))
        .update(reminded_at=now)
    )


def send(subscriber_id: int) -> None:
    """Email the address a confirmation link, or its settings link if already confirmed."""
    subscriber = Subscriber.objects.select_related("subscription").filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    interface = subscriber.language
    if subscriber.confirmed_at:
        url = links.absolute("alerts:manage", interface, links.manage_token(subscriber.pk))
    else:
        url = links.absolute("alerts:confirm", interface, links.confirm_token(subscriber.pk))
    rendered = messages.render(
        messages.notice_sections(
            bool(subscriber.confirmed_at), subscriber.subscription.languages, interface
        ),
        "alerts/email/notice",
        link_language=interface,
    )
    message = messages.compose(
        rendered,
        subscriber.email,
        rendered.text.replace(messages.ACTION_PLACEHOLDER, url),
        rendered.html.replace(messages.ACTION_PLACEHOLDER, url),
        make_msgid("confirm", domain=urlsplit(settings.SITE_URL).hostname or "localhost"),
        {},
    )
    message.send()


def forget_unconfirmed(subscriber_id: int) -> None:
    """Delete an address whose confirmation link was never followed."""
    Subscriber.objects.filter(
        pk=subscriber_id,
        confirmed_at__isnull=True,
        reminded_at__lte=timezone.now() - links.CONFIRM_FOR,
    ).delete()
