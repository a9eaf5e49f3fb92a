"""What one save asks for and what it writes: the vocabulary of releases.publishing.

`Step` is what a save asks for beyond the text, `Saved` the release as stored
before it, `Problem` one reason a save is refused. `write_state()` and
`write_change_note()` are what publishing.save() writes from them, inside its
transaction; every name here is used through releases.publishing.
"""

from dataclasses import dataclass, field
from datetime import datetime

from pressroom.languages import LANGUAGE_CODES
from releases.models import ChangeNote, Release

Status = Release.Status


@dataclass(frozen=True)
class Problem:
    """One reason a step is refused; `field` and `language_code` say where a form shows it."""

    message: str
    field: str | None = None
    language_code: str | None = None

    def __str__(self) -> str:
        return self.message


class PublishingRefused(Exception):
    """A step the rules do not allow; `problems` says why, one line each."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class Saved:
    """A release's state as stored, before the save at hand changes it."""

    status: str = Status.DRAFT
    publish_at: datetime | None = None
    first_public_at: datetime | None = None
    exists: bool = False
    # The media time of its embargo (releases.embargo_rules); None with none, or lifted.
    embargo_media_at: datetime | None = None

    @classmethod
    def of(cls, release: Release) -> "Saved":
        if release.pk is None:
            return cls()
        # The embargo comes in the same query, joined: a save of any release reads it.
        fields = (
            "status",
            "publish_at",
            "first_public_at",
            "embargo__media_at",
            "embargo__lifted_at",
        )
        *row, media_at, lifted_at = (
            Release.objects.filter(pk=release.pk).values_list(*fields).get()
        )
        return cls(*row, exists=True, embargo_media_at=None if lifted_at else media_at)

    @classmethod
    def of_unsaved(cls, release: Release) -> "Saved":
        """The state a save is writing, read from the release in memory."""
        return cls(release.status, release.publish_at, release.first_public_at, exists=True)

    def has_been_public(self, now: datetime) -> bool:
        """Whether readers have seen the release: its address is out in the world."""
        due = self.status == Status.PUBLISHED and self.publish_at <= now
        return self.first_public_at is not None or due


@dataclass(frozen=True)
class Step:
    """What one save asks for, beyond the text and fields already set on the release.

    `status` is the status asked for (the saved one when the save changes none);
    `reasons` and `change_note` are by language code; `notify` asks for the
    correction to be emailed to subscribers; `restored` is the number of the
    version a restore brought back; `checked_findings` names the findings of
    the two languages' check (releases.preflight) a publisher marks as intended.
    """

    status: str
    reasons: dict[str, str] = field(default_factory=dict)
    change_note: dict[str, str] = field(default_factory=dict)
    notify: bool = False
    restored: int | None = None
    # Keys of the two languages' findings a publisher marks "checked: as intended".
    checked_findings: frozenset[str] = frozenset()


def write_state(release: Release, step: Step, saved: Saved, now: datetime) -> None:
    """Set the status and the times that follow from it.

    Whether readers have seen the release is recorded first, from its saved
    state (a scheduled release comes due with no save). A saved draft published
    with a time already past is published now (its time was only the default);
    a new release keeps the time it is given (an import, the demo); a future
    time schedules it; a withdrawal records when it happened, and
    publishing again clears that.
    """
    if release.first_public_at is None and saved.has_been_public(now):
        release.first_public_at = saved.first_public_at or saved.publish_at
    release.status = step.status
    if step.status == Status.PUBLISHED:
        if saved.exists and saved.status == Status.DRAFT and release.publish_at <= now:
            release.publish_at = now
        release.withdrawn_at = None
        if release.publish_at <= now and release.first_public_at is None:
            release.first_public_at = release.publish_at
    elif step.status == Status.WITHDRAWN and saved.status != Status.WITHDRAWN:
        release.withdrawn_at = now
        current = release.get_current_language()
        for language_code, reason in step.reasons.items():
            release.set_current_language(language_code)
            release.withdrawal_reason = reason.strip()
        release.set_current_language(current)


def write_change_note(release: Release, step: Step, now: datetime) -> ChangeNote | None:
    notes = {code: (step.change_note.get(code) or "").strip() for code in LANGUAGE_CODES}
    if not all(notes.values()):
        return None
    change_note = ChangeNote(release=release, created_at=now)
    for language_code, text in notes.items():
        change_note.set_current_language(language_code)
        change_note.note = text
    change_note.save()
    return change_note
