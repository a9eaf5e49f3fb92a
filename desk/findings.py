"""The two languages' check on the change page: each finding beside the paragraphs it is in.

The findings are releases.preflight's, of the text the form holds (as typed,
once the form is sent; as saved, when the page is opened). A publisher ticks
"checked: as intended" on a finding to let the release go out with it; the
tick is recorded by publishing.save(), with who and when, in the history.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pressroom.languages import CHINESE, ENGLISH, html_lang
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
    rows: list[Row]
    can_check: bool
    ticked: set[str]
    # Publishing's refusals of this save for the findings, shown above them.
    errors: list[str]
    chinese_lang: str = html_lang(CHINESE)
    english_lang: str = html_lang(ENGLISH)

    @property
    def unchecked(self) -> int:
        return sum(1 for row in self.rows for _finding, done in row.findings if done is None)


def panel(form: forms.Form, release: Release | None, user) -> Panel | None:
    """The findings of the text the form holds, row by row; None while a language is missing."""
    instance = form.instance
    texts = preflight.texts_of(instance) if instance.pk or form.is_bound else None
    if texts is None:
        return None
    found = getattr(form, "findings", None)
    if found is None:
        found = preflight.findings(instance)
    done = preflight.checked(instance) if found else {}
    zh, en = paragraphs(texts.title_zh, texts.body_zh), paragraphs(texts.title_en, texts.body_en)
    rows: dict[int, Row] = {}
    for finding in sorted(found, key=lambda f: f.paragraph):
        at = finding.paragraph
        if at not in rows:
            rows[at] = Row(_place(at), _text(zh, at), _text(en, at))
        rows[at].findings.append((finding, done.get(finding.key)))
    ticked = set(form.data.getlist(publishing.CHECKED_FINDINGS)) if form.is_bound else set()
    errors = form.errors.get(publishing.CHECKED_FINDINGS, []) if form.is_bound else []
    return Panel(list(rows.values()), publishing.can_publish(user), ticked, list(errors))


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
