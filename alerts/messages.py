"""What an alert email says: rendered once per content change and language set.

Rendering a template for each of 100,000 subscribers would cost more than
sending. A message is rendered once per (content change or digest, languages)
with placeholders where each subscriber's own links go, then filled in per
subscriber by plain string replacement (see `Rendered.personalised`).
"""

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formatdate
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import dateformat, timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from alerts import links
from alerts.models import ContentChange, Languages
from pressroom.languages import CHINESE, SIMPLIFIED, content_language, html_lang
from pressroom.simplified import document_to_simplified
from releases.models import Release

MANAGE_PLACEHOLDER = "@@manage-url@@"
UNSUBSCRIBE_PLACEHOLDER = "@@unsubscribe-url@@"
ACTION_PLACEHOLDER = "@@action-url@@"
ADDRESS_PLACEHOLDER = "recipient@placeholder.invalid"
ID_PLACEHOLDER = "<message-id@placeholder.invalid>"
DATE_PLACEHOLDER = "@@date@@"
TOKEN_PLACEHOLDER = "token-placeholder"
SUBJECT_SEPARATOR = " | "


@dataclass(frozen=True)
class ReleaseText:
    """One release as an email shows it in one language."""

    title: str
    lead: str
    url: str
    issued_on: str
    issued_at: str


@dataclass(frozen=True)
class Section:
    """One language's column of an email."""

    code: str
    subject: str
    heading: str
    releases: list[ReleaseText]
    note: str = ""
    note_label: str = ""
    contact_lines: list[str] = field(default_factory=list)
    contact_email: str = ""
    contact_phone: str = ""
    paragraphs: list[str] = field(default_factory=list)
    action: str = ""

    @property
    def html_lang(self) -> str:
        return html_lang(self.code)

    @property
    def colon(self) -> str:
        """The colon after a label: full-width and unspaced in Chinese, as the site writes it."""
        return "：" if self.code != "en" else ": "


@dataclass
class Rendered:
    """A message with a placeholder for each subscriber's links."""

    subject: str
    text: str
    html: str
    content_language: str
    link_language: str
    _wire: bytes | None = field(default=None, init=False, repr=False)
    _wire_ready: bool = field(default=False, init=False, repr=False)
    _link_patterns: tuple[str, str] | None = field(default=None, init=False, repr=False)

    def links_of(self, subscriber_id: int) -> tuple[str, str]:
        """Return a subscriber's signed manage and unsubscribe URLs."""
        if self._link_patterns is None:
            # Resolving the routes once: only the token differs from one subscriber to the next.
            self._link_patterns = tuple(
                links.absolute(route, self.link_language, TOKEN_PLACEHOLDER)
                for route in ("alerts:manage", "alerts:unsubscribe")
            )
        manage, unsubscribe = self._link_patterns
        return (
            manage.replace(TOKEN_PLACEHOLDER, links.manage_token(subscriber_id)),
            unsubscribe.replace(TOKEN_PLACEHOLDER, links.unsubscribe_token(subscriber_id)),
        )

    def message(
        self, address: str, message_id: str, manage: str, unsubscribe: str, date: str = ""
    ) -> EmailMultiAlternatives:
        def fill(template: str) -> str:
            return template.replace(MANAGE_PLACEHOLDER, manage).replace(
                UNSUBSCRIBE_PLACEHOLDER, unsubscribe
            )

        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        if date:
            headers["Date"] = date
        return compose(self, address, fill(self.text), fill(self.html), message_id, headers)

    def personalised(self, subscriber_id: int, address: str, message_key: str):
        """Return the message for one subscriber, with their own signed links."""
        return self.message(address, message_id(message_key), *self.links_of(subscriber_id))

    def wire(self, subscriber_id: int, address: str, message_key: str) -> bytes | None:
        """Return the message for one subscriber as SMTP sends it, without building it again.

        The message is encoded once with placeholders, then each subscriber's address,
        Message-ID, date and links are put in as bytes. None when that cannot be done
        safely: an address that is not plain ASCII, or a part encoded so that a
        placeholder no longer appears as itself (quoted-printable or base64).
        """
        if not self._wire_ready:
            self._wire_ready = True
            self._wire = self._prepare_wire()
        if self._wire is None or not address.isascii():
            return None
        manage, unsubscribe = self.links_of(subscriber_id)
        date = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        return (
            self._wire.replace(ADDRESS_PLACEHOLDER.encode(), address.encode())
            .replace(ID_PLACEHOLDER.encode(), message_id(message_key).encode())
            .replace(DATE_PLACEHOLDER.encode(), date.encode())
            .replace(MANAGE_PLACEHOLDER.encode(), manage.encode())
            .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe.encode())
        )

    def _prepare_wire(self) -> bytes | None:
        prepared = (
            self.message(
                ADDRESS_PLACEHOLDER,
                ID_PLACEHOLDER,
                MANAGE_PLACEHOLDER,
                UNSUBSCRIBE_PLACEHOLDER,
                DATE_PLACEHOLDER,
            )
            .message()
            .as_bytes(linesep="\r\n")
        )
        expected = {
            ADDRESS_PLACEHOLDER: 1,
            ID_PLACEHOLDER: 1,
            DATE_PLACEHOLDER: 1,
            MANAGE_PLACEHOLDER: self.text.count(MANAGE_PLACEHOLDER)
            + self.html.count(MANAGE_PLACEHOLDER),
            UNSUBSCRIBE_PLACEHOLDER: 1
            + self.text.count(UNSUBSCRIBE_PLACEHOLDER)
            + self.html.count(UNSUBSCRIBE_PLACEHOLDER),
        }
        for placeholder, count in expected.items():
            if prepared.count(placeholder.encode()) != count:
                return None
        return prepared


def message_id(message_key: str) -> str:
    """The same email keeps its Message-ID if it is ever sent again (a repeat is seen as one)."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{message_key}@{domain}>"


def compose(
    rendered: Rendered, address: str, text: str, html: str, message_id: str, headers: dict
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        to=[address],
        headers={
            "Message-ID": message_id,
            "Content-Language": rendered.content_language,
            **headers,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def section_codes(languages: str, interface: str) -> list[str]:
    """Return the languages of an email's sections, the reader's interface language first.

    A reader of the Simplified interface reads the Chinese in Simplified characters.
    """
    codes = [
        SIMPLIFIED if code == CHINESE and interface == SIMPLIFIED else code
        for code in Languages(languages).codes
    ]
    lead = content_language(interface)
    return sorted(codes, key=lambda code: content_language(code) != lead)


def issued_texts(moment: datetime, code: str) -> tuple[str, str]:
    """Return the date and the "Issued at HKT 10:00" line in one language.

    The time is written with the release page's format ("3時58分"), so page and email agree.
    """
    local = timezone.localtime(moment)
    with translation.override(code):
        time = dateformat.format(local, pgettext("issuing record time", "H:i"))
        issued_at = _("Issued at HKT %(time)s") % {"time": time}
        return date_format(local, "DATE_FORMAT"), issued_at


def release_text(release: Release, code: str, link_language: str) -> ReleaseText:
    translation_ = release.get_translation(content_language(code))
    issued_on, issued_at = issued_texts(release.publish_at, code)
    with translation.override(link_language):
        url = settings.SITE_URL + release.get_absolute_url()
    return ReleaseText(translation_.title, translation_.lead, url, issued_on, issued_at)


def load_release(release_id: int) -> Release:
    return Release.objects.all().get_for_page(release_id)


def contact_of(release: Release, code: str) -> dict:
    contact = release.contact
    if contact is None:
        return {}
    for contact_translation in contact.translations.all():
        if contact_translation.language_code == content_language(code):
            return {
                "contact_lines": contact_translation.address_lines,
                "contact_email": contact.email,
                "contact_phone": contact.phone,
            }
    return {}


def _headings(kind: str, title: str) -> tuple[str, str, str]:
    """Return the subject, heading and note label of a release email, in the active language."""
    if kind == ContentChange.Kind.CORRECTED:
        return (
            _("Updated: %(title)s") % {"title": title},
            _("Updated press release"),
            _("What changed"),
        )
    if kind == ContentChange.Kind.WITHDRAWN:
        return (
            _("Withdrawn: %(title)s") % {"title": title},
            _("Press release withdrawn"),
            _("Reason"),
        )
    return title, _("Press release"), ""


def change_sections(
    change: ContentChange, release: Release, languages: str, interface: str = CHINESE
) -> list[Section]:
    sections = []
    for code in section_codes(languages, interface):
        stored = content_language(code)
        text = release_text(release, code, interface)
        note = ""
        if change.kind == ContentChange.Kind.CORRECTED and change.change_note:
            note = change.change_note.safe_translation_getter("note", language_code=stored) or ""
        elif change.kind == ContentChange.Kind.WITHDRAWN:
            note = release.get_translation(stored).withdrawal_reason
        with translation.override(code):
            subject, heading, note_label = _headings(change.kind, text.title)
        sections.append(
            Section(code, subject, heading, [text], note, note_label, **contact_of(release, code))
        )
    return sections


def digest_sections(
    date, releases: list[Release], languages: str, interface: str = CHINESE
) -> list[Section]:
    sections = []
    for code in section_codes(languages, interface):
        with translation.override(code):
            day = date_format(date, "DATE_FORMAT")
            subject = _("Press releases of %(date)s") % {"date": day}
            heading = _("Today’s press releases")
        texts = [release_text(release, code, interface) for release in releases]
        sections.append(Section(code, subject, heading, texts))
    return sections


def notice_sections(confirmed: bool, languages: str, interface: str = CHINESE) -> list[Section]:
    """The confirmation email, or for a confirmed address the reminder of its settings."""
    sections = []
    for code in section_codes(languages, interface):
        with translation.override(code):
            if confirmed:
                subject = _("Your press release alerts")
                paragraphs = [
                    _(
                        "Someone, probably you, asked to subscribe this address to press release "
                        "alerts. It is subscribed already."
                    ),
                    _(
                        "To change its languages, topics or frequency, or to unsubscribe, use the "
                        "link below. If you did not ask, you can ignore this email."
                    ),
                ]
                action = _("Change your alerts")
            else:
                subject = _("Confirm your press release alerts")
                paragraphs = [
                    _(
                        "Someone, probably you, asked to receive press releases of the Customs "
                        "and Excise Department by email at this address."
                    ),
                    _(
                        "Nothing will be sent until you confirm. The link works for 7 days. If "
                        "you did not ask, ignore this email and the address will be forgotten."
                    ),
                ]
                action = _("Confirm your subscription")
        sections.append(Section(code, subject, subject, [], paragraphs=paragraphs, action=action))
    return sections


def render(
    sections: list[Section], template: str = "alerts/email/alert", link_language: str = ""
) -> Rendered:
    """Render a message from its language sections, with link placeholders.

    Its links open in `link_language` (the reader's interface language; by default the
    first section's). Simplified Chinese is converted from the Traditional as the
    site's /zh-hans/ pages are: the whole message, in which nothing else is Chinese.
    """
    first = sections[0].code
    context = {
        "sections": sections,
        "side_by_side": len(sections) > 1,
        "manage_url": MANAGE_PLACEHOLDER,
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "action_url": ACTION_PLACEHOLDER,
        "html_lang": html_lang(first),
    }
    with translation.override(first):
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    subject = SUBJECT_SEPARATOR.join(section.subject for section in sections)
    if any(section.code == SIMPLIFIED for section in sections):
        subject, text, html = (document_to_simplified(part) for part in (subject, text, html))
    return Rendered(
        subject=subject,
        text=text,
        html=html,
        content_language=", ".join(section.html_lang for section in sections),
        link_language=link_language or first,
    )
