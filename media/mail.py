"""The emails a journalist receives, in their language, through alerts' message building.

Notices about their application and accreditation are written in the interface
language they applied in. Embargo emails carry the release's full text in the
languages they chose (theirs first), each section marked with the embargo, as
alerts.messages lays out an alert: one column per language, side by side.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from alerts import messages
from alerts.links import absolute
from media.models import EmbargoDelivery, Journalist
from pressroom.hours import chinese_hour
from pressroom.languages import content_language
from releases.models import Release


def embargoed_until(moment: datetime) -> str:
    """「禁止發布，直至2026年12月5日上午11時」 / "EMBARGOED UNTIL 11:00 HKT, 5 December 2026".

    Chinese writes the hour as the desk's schedule does (pressroom.hours).
    """
    local = timezone.localtime(moment)
    if (translation.get_language() or "").startswith("zh"):
        when = f"{date_format(local, 'DATE_FORMAT')}{chinese_hour(local)}"
    else:
        when = f"{dateformat.format(local, 'H:i')} HKT, {date_format(local, 'DATE_FORMAT')}"
    return _("EMBARGOED UNTIL %(time)s") % {"time": when}


@dataclass(frozen=True)
class ReleaseSection(messages.Section):
    """One language's column of an embargo email: the banner and the release's full text."""

    banner: str = ""
    title: str = ""
    body_text: str = ""
    body_html: str = ""
    issued: str = ""
    copy_for: str = ""
    url: str = ""


def send(
    journalist: Journalist,
    rendered: messages.Rendered,
    key: str,
    url: str = "",
    connection=None,
) -> None:
    """Send one message to a journalist, its action link filled in."""
    message = messages.compose(
        rendered,
        journalist.email,
        rendered.text.replace(messages.ACTION_PLACEHOLDER, url),
        rendered.html.replace(messages.ACTION_PLACEHOLDER, url),
        messages.message_id(key),
        {},
    )
    message.connection = connection
    message.send()


def notice(journalist: Journalist, subject: str, paragraphs: list[str], action: str = ""):
    """Render a notice in the journalist's language: a heading, paragraphs, maybe a link."""
    code = journalist.language
    section = messages.Section(code, subject, subject, [], paragraphs=paragraphs, action=action)
    return messages.render([section], "media/email/notice", link_language=code)


def link(route: str, journalist: Journalist, *args) -> str:
    return absolute(route, journalist.language, *args)


def _wording(delivery: EmbargoDelivery, title: str, banner: str) -> tuple[str, str, list[str]]:
    """Return the subject, heading and paragraphs of an embargo email in the active language."""
    dash = pgettext("between the embargo and a title", " – ")
    if delivery.kind == EmbargoDelivery.Kind.LIFTED:
        subject = _("Embargo lifted: %(title)s") % {"title": title}
        return (
            subject,
            _("Embargo lifted"),
            [_("The embargo is lifted: the press release is public now.")],
        )
    if delivery.kind == EmbargoDelivery.Kind.WITHDRAWN:
        subject = _("Withdrawn, discard it: %(title)s") % {"title": title}
        paragraphs = [
            _(
                "This press release, sent to you under embargo, has been withdrawn. Do not "
                "publish or broadcast it, and discard what you received."
            )
        ]
        return subject, _("Press release withdrawn"), paragraphs
    updates = {
        "time": _("Update: the embargo time or the time of issue has changed."),
        "text": _("Update: the text has been corrected. This email replaces the one before."),
        "audience": _("Update: the embargo has changed. This email replaces the one before."),
    }
    if delivery.what in updates:
        heading = _("Press release under embargo, updated")
        return (
            f"{banner}{dash}{_('Updated: %(title)s') % {'title': title}}",
            heading,
            [updates[delivery.what]],
        )
    return f"{banner}{dash}{title}", _("Press release under embargo"), []


def embargo_email(delivery: EmbargoDelivery, release: Release) -> messages.Rendered:
    """Render one journalist's embargo email: each of their languages, theirs first."""
    journalist = delivery.journalist
    sections = []
    with translation.override(journalist.language):
        url = (
            settings.SITE_URL + release.get_absolute_url()
            if delivery.kind == EmbargoDelivery.Kind.LIFTED
            else settings.SITE_URL + reverse("media:release", args=[release.pk])
        )
    for code in messages.section_codes(journalist.languages, journalist.language):
        text = release.get_translation(content_language(code))
        with translation.override(code):
            banner = embargoed_until(release.publish_at)
            subject, heading, paragraphs = _wording(delivery, text.title, banner)
            full_text = delivery.kind == EmbargoDelivery.Kind.EMBARGOED
            sections.append(
                ReleaseSection(
                    code,
                    subject,
                    heading,
                    [],
                    paragraphs=paragraphs,
                    action=(
                        ""
                        if delivery.kind == EmbargoDelivery.Kind.WITHDRAWN
                        else _("Read it on the website")
                        if delivery.kind == EmbargoDelivery.Kind.LIFTED
                        else _("Open it in the media room")
                    ),
                    banner=banner if full_text else "",
                    title=text.title,
                    body_text=text.body if full_text else "",
                    body_html=text.body_html if full_text else "",
                    issued=" · ".join(messages.issued_texts(release.publish_at, code)),
                    copy_for=_("Sent to %(name)s, %(outlet)s")
                    % {"name": journalist.name, "outlet": journalist.outlet},
                    url=url,
                    **(messages.contact_of(release, code) if full_text else {}),
                )
            )
    return messages.render(sections, "media/email/embargo", link_language=journalist.language)
