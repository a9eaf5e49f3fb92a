"""The emails about a journalist's application, sign-in and accreditation.

Each is sent by a task (media.tasks) that reads the journalist again and
decides afresh: a sign-in link already used, a reminder for a period renewed
or revoked since, or a decision undone meanwhile sends nothing.
"""

from datetime import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from media import links, mail
from media.models import Decision, Journalist, SignInLink


def _until(journalist: Journalist) -> str:
    return date_format(timezone.localtime(journalist.accredited_until), "DATE_FORMAT")


def send_confirmation(journalist_id: int) -> None:
    journalist = Journalist.objects.filter(pk=journalist_id).first()
    if journalist is None:
        return
    url = mail.link("media:confirm", journalist, links.confirm_token(journalist.pk))
    with translation.override(journalist.language):
        rendered = mail.notice(
            journalist,
            _("Confirm your application to the media desk"),
            [
                _(
                    "Someone, probably you, applied for accreditation to the media desk of the "
                    "Customs and Excise Department with this address."
                ),
                _(
                    "Confirm the address to send the application to our staff. The link works "
                    "for 7 days. If you did not apply, ignore this email."
                ),
            ],
            _("Confirm your address"),
        )
    mail.send(journalist, rendered, f"media-confirm-{journalist.pk}", url)


def send_sign_in_link(link_id: int) -> None:
    link = SignInLink.objects.select_related("journalist").filter(pk=link_id).first()
    if link is None or link.used_at or not link.journalist.is_accredited():
        return
    journalist = link.journalist
    url = mail.link("media:signed-in", journalist, links.sign_in_token(link))
    with translation.override(journalist.language):
        rendered = mail.notice(
            journalist,
            _("Sign in to the media room"),
            [
                _("Use the link below to sign in to the media room."),
                _(
                    "It works once, for 15 minutes. If you did not ask to sign in, ignore this "
                    "email."
                ),
            ],
            _("Sign in"),
        )
    mail.send(journalist, rendered, f"media-sign-in-{link.pk}", url)


def tell_decision(journalist_id: int, action: str) -> None:
    """Email the journalist a staff decision on their accreditation, if it still stands."""
    journalist = Journalist.objects.filter(pk=journalist_id).first()
    latest = journalist and journalist.decisions.first()
    if latest is None or latest.action != action:
        return
    with translation.override(journalist.language):
        action_label = ""
        if action in (Decision.Action.APPROVED, Decision.Action.RENEWED):
            subject = (
                _("You are accredited to the media desk")
                if action == Decision.Action.APPROVED
                else _("Your media accreditation is renewed")
            )
            paragraphs = [
                _("Your accreditation runs until %(date)s.") % {"date": _until(journalist)},
                _(
                    "You will receive press releases under embargo by email, and can read them "
                    "in the media room. Sign in with your address to open it."
                ),
            ]
            action_label = _("Open the media room")
        elif action == Decision.Action.DECLINED:
            subject = _("Your application to the media desk")
            paragraphs = [
                _(
                    "We are unable to accredit you to the media desk. Our press releases remain "
                    "open to everyone on our website as they are issued."
                )
            ]
        else:
            subject = _("Your media accreditation is revoked")
            paragraphs = [
                _(
                    "Your accreditation to the media desk is revoked: you will no longer "
                    "receive press releases under embargo, and the media room is closed to you."
                )
            ]
        rendered = mail.notice(journalist, subject, paragraphs, action_label)
    url = mail.link("media:sign-in", journalist) if action_label else ""
    mail.send(journalist, rendered, f"media-decision-{latest.pk}", url)


def remind_of_lapse(journalist_id: int, accredited_until: datetime) -> None:
    """A month before an accreditation lapses: tell the journalist, once per period."""
    claimed = (
        Journalist.objects.accredited()
        .filter(pk=journalist_id, accredited_until=accredited_until)
        .exclude(reminded_for=accredited_until)
        .update(reminded_for=accredited_until)
    )
    if not claimed:  # renewed, revoked or reminded since it was booked
        return
    journalist = Journalist.objects.get(pk=journalist_id)
    with translation.override(journalist.language):
        rendered = mail.notice(
            journalist,
            _("Your media accreditation lapses on %(date)s") % {"date": _until(journalist)},
            [
                _(
                    "Your accreditation to the media desk lapses on %(date)s. To keep receiving "
                    "press releases under embargo, ask the press office to renew it."
                )
                % {"date": _until(journalist)}
            ],
        )
    mail.send(journalist, rendered, f"media-lapse-{journalist.pk}-{accredited_until:%Y%m%d}")
