"""The rows of a release's history: every saved version, and what happened without a save.

Saves are versions (django-reversion), each with its line in words. Two things
happen to a release with no save, and still belong on the record: a scheduled
release coming due (told from its publish time once it has passed, when a
version saved before then had scheduled it), and an editor's proposed
correction, sent and declined (told from the proposal's own record).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from reversion.models import Version

from desk.scheduled import in_words
from releases.history import display_name, history_line
from releases.models import Release

SCHEDULED_AHEAD = timedelta(minutes=1)


@dataclass(frozen=True)
class Row:
    when: datetime
    who: str
    line: str
    version: Version | None = None
    # The release's lock counter in this version: "Restored version 4" names it.
    number: int | None = None


def _who(user) -> str:
    return display_name(user) if user else "—"


def _line(version: Version) -> str:
    line = history_line(version.revision.comment)
    # A line django-reversion wrote itself may be Django's own list of changes.
    return version.revision.get_comment() if line == version.revision.comment else line


def came_due_at(release: Release, versions: list[Version], now: datetime) -> datetime | None:
    """When a scheduled release became public with no save; None if it never did so."""
    due = release.status == Release.Status.PUBLISHED and release.publish_at <= now
    moment = release.first_public_at or (release.publish_at if due else None)
    if moment is None:
        return None
    # A version dates from the start of its request, a moment before a release published at
    # once takes its time; a schedule is for a time at least SCHEDULED_AHEAD later.
    # Scheduled for that very moment: a release brought forward (an embargo lifted) went out
    # by its save, not as scheduled.
    scheduled_before = any(
        version.revision.date_created + SCHEDULED_AHEAD < moment
        and version.field_dict.get("status") == Release.Status.PUBLISHED
        and version.field_dict.get("publish_at") == moment
        for version in versions
    )
    return moment if scheduled_before else None


def rows(release: Release, versions: list[Version], now: datetime) -> list[Row]:
    """The history, newest first: saves, a release coming due, proposed corrections."""
    found = [
        Row(
            version.revision.date_created,
            _who(version.revision.user),
            _line(version),
            version,
            version.field_dict.get("version"),
        )
        for version in versions
    ]
    due = came_due_at(release, versions, now)
    if due is not None:
        line = _("Went out as scheduled, at %(when)s.") % {"when": in_words(due)}
        found.append(Row(due, _("the system"), line))
    for proposal in release.proposals.select_related("proposed_by", "decided_by"):
        proposer = _who(proposal.proposed_by)
        line = _("Correction proposed by %(who)s.") % {"who": proposer}
        found.append(Row(proposal.proposed_at, proposer, line))
        if proposal.state == proposal.State.DECLINED:
            decider = _who(proposal.decided_by)
            line = _("Proposed correction declined by %(who)s: %(reason)s") % {
                "who": decider,
                "reason": proposal.decline_reason,
            }
            found.append(Row(proposal.decided_at, decider, line))
    return sorted(found, key=lambda row: row.when, reverse=True)
