"""What the history of a release says of each save, in words, in both interface languages.

releases.publishing writes one line per save as JSON ({"zh-hant": …, "en": …}) in the
version's comment; the desk shows the one in the reader's language.
"""

import json
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _

from pressroom.languages import CHINESE, LANGUAGE_CODES, content_language, is_cjk
from releases import versions
from releases.models import Release

if TYPE_CHECKING:
    from releases.facts import Finding
    from releases.publishing import Saved, Step


def comment_of_save(
    release: Release,
    step: "Step",
    saved: "Saved",
    user,
    now: datetime,
    *,
    publishes: bool,
    checked: "list[Finding]" = (),
    also: Callable[[], list[str]] | None = None,
) -> str:
    """The history's record of this save in each interface language, kept as JSON.

    `also` gives the lines of what the save did besides (to an embargo, say).
    """
    return comment_of(
        lambda: (
            _lines(release, step, saved, user, now, publishes)
            + (also() if also else [])
            + _checked_lines(checked, user)
        )
    )


def comment_of(lines: Callable[[], list[str]]) -> str:
    """The history's record of a change, kept as JSON: `lines()` in each interface language.

    Written in both now, so each reader of the history reads it in their own.
    """
    written = {}
    for language_code in LANGUAGE_CODES:
        with translation.override(language_code):
            # Chinese sentences follow each other with no space between them.
            written[language_code] = ("" if language_code == CHINESE else " ").join(lines())
    return json.dumps(written, ensure_ascii=False)


def who_did(user) -> str:
    """Who the history says made a change: the person, or the system (a command)."""
    return display_name(user) if user else _("the system")


def display_name(user) -> str:
    """A person's name as the history writes it: 陳美玲 (family name first), Pat Lee."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and is_cjk(first + last):
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()


def _lines(
    release: Release, step: "Step", saved: "Saved", user, now: datetime, publishes: bool
) -> list[str]:
    """The history's record of this save, in words: what happened, by whom, why."""
    who = who_did(user)
    lines = []
    if not saved.exists:
        lines.append(_("Created by %(who)s.") % {"who": who})
    if step.restored is not None:
        lines.append(
            _("Restored version %(number)s by %(who)s.") % {"number": step.restored, "who": who}
        )
    if publishes:
        if release.publish_at > now:
            lines.append(
                _("Scheduled by %(who)s for %(when)s.")
                % {"who": who, "when": versions.local_time(release.publish_at)}
            )
        else:
            lines.append(_("Published by %(who)s.") % {"who": who})
    if step.status == Release.Status.WITHDRAWN and saved.status != Release.Status.WITHDRAWN:
        reason = step.reasons.get(content_language()) or ""
        lines.append(_("Withdrawn by %(who)s: %(reason)s") % {"who": who, "reason": reason})
    if step.status == Release.Status.DRAFT and saved.status != Release.Status.DRAFT:
        lines.append(_("Returned to draft by %(who)s.") % {"who": who})
    notes = {code: (step.change_note.get(code) or "").strip() for code in LANGUAGE_CODES}
    if all(notes.values()):
        note = notes[content_language()]
        lines.append(_("Correction published by %(who)s: %(note)s") % {"who": who, "note": note})
    if not lines:
        lines.append(_("Edited by %(who)s.") % {"who": who})
    return lines


def _checked_lines(checked: "list[Finding]", user) -> list[str]:
    """A publisher's "checked: as intended", one line for each finding it covers."""
    who = who_did(user)
    return [
        _("Checked as intended by %(who)s: %(finding)s")
        % {"who": who, "finding": finding.message()}
        for finding in checked
    ]


def history_line(comment: str) -> str:
    """A version's line in the history in the interface's language.

    releases.publishing writes each line in every interface language, as JSON; a
    line written otherwise (by django-reversion itself, or before) is shown as it is.
    """
    try:
        written = json.loads(comment)
    except ValueError:
        return comment
    if not isinstance(written, dict):
        return comment
    return written.get(content_language()) or next(iter(written.values()), "")
