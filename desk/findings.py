"""The two languages' check on the change page: each finding beside the paragraphs it is in.

The findings are releases.preflight's, of the text the form holds (as typed,
once the form is sent; as saved, when the page is opened), and again while
staff write: static/js/desk-findings.js sends the form to `check/` (the
FindingsAdminMixin's view, which saves nothing) a moment after typing stops,
and puts the answer in place of the panel. A publisher ticks "checked: as
intended" on a finding to let the release go out with it; the tick is
recorded by publishing.save(), with who and when, in the history.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pressroom.languages import CHINESE, ENGLISH, SUFFIXES, html_lang
from releases import preflight, publishing
from releases.checked_findings import CheckedFinding
from releases.facts import Finding
from releases.facts.text import paragraphs
from releases.models import Release

_KEY = re.compile(r"[0-9a-f]{64}")


class FindingKeysField(forms.MultipleChoiceField):
    """The findings a publisher ticks, by key; the keys change with the text, so any is taken."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def valid_value(self, value: str) -> bool:
        return bool(_KEY.fullmatch(value))


def keys_field() -> FindingKeysField:
    return FindingKeysField(label=gettext_lazy("Checked: as intended"))


@dataclass
class Row:
    """One place in the release (a paragraph of each language) and its findings."""

    label: str
    chinese: str
    english: str
    findings: list[tuple[Finding, CheckedFinding | None]] = field(default_factory=list)


@dataclass
class Panel:
    # None while a language has no title or body yet: nothing to compare.
    rows: list[Row] | None
    can_check: bool
    ticked: set[str]
    # Publishing's refusals of this save for the findings, shown above them.
    errors: list[str]
    chinese_lang: str = html_lang(CHINESE)
    english_lang: str = html_lang(ENGLISH)

    @property
    def unchecked(self) -> int:
        return sum(1 for row in self.rows for _finding, done in row.findings if done is None)


def panel(form: forms.Form, user) -> Panel:
    """The findings of the text the form holds, row by row.

    Once the form is cleaned its release carries the text as typed (or, where a
    field was wrong, as saved): the text publishing judged.
    """
    bound = form.is_bound
    return panel_of(
        form.instance,
        user,
        ticked=set(form.data.getlist(publishing.CHECKED_FINDINGS)) if bound else set(),
        errors=list(form.errors.get(publishing.CHECKED_FINDINGS, [])) if bound else [],
    )


def panel_of(
    release: Release,
    user,
    found: list[Finding] | None = None,
    ticked: set[str] = frozenset(),
    errors: list[str] = (),
) -> Panel:
    """The findings of the text on `release` (`found` if already worked out), row by row."""
    can_check = publishing.can_publish(user)
    texts = preflight.texts_of(release)
    if texts is None or not all((texts.title_zh, texts.body_zh, texts.title_en, texts.body_en)):
        return Panel(None, can_check, set(ticked), list(errors))
    if found is None:
        found = preflight.findings(release)
    done = preflight.checked(release) if found else {}
    zh, en = paragraphs(texts.title_zh, texts.body_zh), paragraphs(texts.title_en, texts.body_en)
    rows: dict[int, Row] = {}
    for finding in sorted(found, key=lambda f: f.paragraph):
        at = finding.paragraph
        if at not in rows:
            rows[at] = Row(_place(at), _text(zh, at), _text(en, at))
        rows[at].findings.append((finding, done.get(finding.key)))
    return Panel(list(rows.values()), can_check, set(ticked), list(errors))


def _place(number: int) -> str:
    return _("Paragraph %(number)d") % {"number": number} if number else _("Title")


def _text(parts: list[str], number: int | None) -> str:
    return parts[number] if number is not None and number < len(parts) else ""


def warn_of_findings(request: HttpRequest, release: Release) -> None:
    """After a draft's save: the check holds nothing yet, but says what it found."""
    if release.status != Release.Status.DRAFT:
        return
    found = preflight.unchecked(release, preflight.findings(release))
    if found:
        count = len(found)
        messages.warning(
            request,
            ngettext(
                "The two languages disagree in %(count)d place; publishing waits until it is "
                "corrected or a publisher marks it as intended.",
                "The two languages disagree in %(count)d places; publishing waits until each "
                "is corrected or a publisher marks it as intended.",
                count,
            )
            % {"count": count},
        )


class FindingsAdminMixin:
    """The release admin's `check/` view: the findings panel for the text being written."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path("check/", wrap(self.check_view), name="releases_release_check"),
            path(
                "<path:object_id>/check/",
                wrap(self.check_view),
                name="releases_release_check_saved",
            ),
            *super().get_urls(),
        ]

    def check_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        """Compare the two languages as the form now holds them; save nothing."""
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        release = self.get_object(request, object_id) if object_id else Release()
        if object_id and release is None:
            raise PermissionDenied
        allowed = (
            self.has_change_permission(request, release)
            if object_id
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        _write_texts(release, request.POST)
        context = {
            "panel": panel_of(
                release, request.user, ticked=set(request.POST.getlist("checked_findings"))
            )
        }
        return TemplateResponse(
            request, "admin/releases/release/includes/findings_panel.html", context
        )


def _write_texts(release: Release, data) -> None:
    """Put the typed titles and bodies, and the year of the typed date, on an unsaved release."""
    current = release.get_current_language()
    for code, suffix in SUFFIXES.items():
        release.set_current_language(code)
        release.title = data.get(f"title_{suffix}", "")
        release.body = data.get(f"body_{suffix}", "")
    release.set_current_language(current)
    try:
        day = datetime.strptime(data.get("publish_at_0", ""), "%Y-%m-%d")
    except ValueError:
        return  # the saved date, or none: its year is 去年's and 明年's, and a weekday's
    release.publish_at = timezone.make_aware(day)
