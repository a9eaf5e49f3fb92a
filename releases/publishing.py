"""The publishing rules, and the one entry point of each change of a release's state.

Every entry point checks (raising PublishingRefused with every problem found),
writes (in one transaction, as one version of the history with a line in
words), then announces what happened (releases.events), once it commits. The
desk's form and actions, the restore of a version, the commands and the tests
all come through here, so the rules hold whichever route staff take; a form
asks `problems()` what is wrong with a save and never re-states a rule.

Visibility is decided from facts recorded here, never from a field staff may
still edit: `first_public_at` says when readers could first see a release, so
a release withdrawn before its time stays unseen whatever its date becomes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressroom.languages import LANGUAGE_CODES, language_name
from releases import events, history, versions
from releases.models import ChangeNote, Release, ReleaseTranslation
from releases.translation_state import other_language, translation_or_none

PUBLISH_PERMISSION = "releases.publish_release"
REQUIRED_FOR_PUBLISHING = ("title", "body")
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

    @classmethod
    def of(cls, release: Release) -> "Saved":
        if release.pk is None:
            return cls()
        fields = ("status", "publish_at", "first_public_at")
        row = Release.objects.filter(pk=release.pk).values_list(*fields).get()
        return cls(*row, exists=True)

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
    version a restore brought back.
    """

    status: str
    reasons: dict[str, str] = field(default_factory=dict)
    change_note: dict[str, str] = field(default_factory=dict)
    notify: bool = False
    restored: int | None = None


def can_publish(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether `user` may publish, schedule, withdraw and restore.

    None stands for the operator: a management command run on the server, which
    every entry point allows. A web route always passes the signed-in user.
    """
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def may_change(user: AbstractBaseUser | AnonymousUser | None, release: Release | None) -> bool:
    """Editors keep to drafts; once published, only publishers change a release."""
    return release is None or release.status == Status.DRAFT or can_publish(user)


def missing_for_publishing(release: Release) -> list[str]:
    """Name each required field that is empty, language by language.

    Reads the translations as they stand on the instance, so a form's
    unsaved edits of one language count alongside the other's saved text.
    """
    problems = []
    for language_code in LANGUAGE_CODES:
        # Never a fallback: another language's text does not count.
        translation = translation_or_none(release, language_code)
        for name in REQUIRED_FOR_PUBLISHING:
            if not getattr(translation, name, "").strip():
                problems.append(
                    _("%(language)s: %(field)s is missing")
                    % {
                        "language": language_name(language_code),
                        "field": ReleaseTranslation._meta.get_field(name).verbose_name,
                    }
                )
    return problems


def needing_review(release: Release) -> list[str]:
    """Name each language that must be checked against a change in the other, and the change.

    Like missing_for_publishing(), reads the translations on the instance, so
    the state a form's save would leave is what counts.
    """
    problems = []
    for language_code in LANGUAGE_CODES:
        translation = translation_or_none(release, language_code)
        other_code = other_language(language_code)
        if translation is None or translation.needs_review_since is None:
            continue
        if translation_or_none(release, other_code) is None:
            continue
        changes = versions.text_changes(release, other_code, translation.checked_against_version)
        problems.append(
            _("%(language)s needs review: the %(other)s %(fields)s changed on %(when)s.")
            % {
                "language": language_name(language_code),
                "other": language_name(other_code),
                "fields": ", ".join(change.label for change in changes) if changes else _("text"),
                "when": versions.local_time(translation.needs_review_since),
            }
        )
    return problems


def refused_for_publishing(release: Release) -> list[str]:
    """Every reason a release cannot be public now: text missing, a language needing review."""
    return missing_for_publishing(release) + needing_review(release)


def problems(
    release: Release, step: Step, *, user, now: datetime, saved: Saved | None = None
) -> list[Problem]:
    """Return every rule the step breaks, for a release carrying the text it would save."""
    saved = saved or Saved.of(release)
    saved_status = saved.status
    found: list[Problem] = []
    if step.status != saved_status and not can_publish(user):
        return [Problem(_("Only publishers can publish, schedule or withdraw releases."))]
    if saved_status != Status.DRAFT and not can_publish(user):
        # may_change() keeps editors from such a release's form; any other route stops here.
        return [Problem(_("Only publishers can change a published or withdrawn release."))]
    if step.status == Status.DRAFT and saved.has_been_public(now):
        # Its address is out in the world; it must keep answering.
        message = _("A release readers have seen cannot go back to draft; withdraw it instead.")
        found.append(Problem(message, "status"))
    if step.status == Status.WITHDRAWN and saved_status != Status.WITHDRAWN:
        if saved_status != Status.PUBLISHED:
            found.append(Problem(_("Only a published release can be withdrawn."), "status"))
        for code in LANGUAGE_CODES:
            if not (step.reasons.get(code) or "").strip():
                message = _("A withdrawal needs a reason in both languages.")
                found.append(Problem(message, "withdrawal_reason", code))
    if step.status == Status.PUBLISHED:
        found += [Problem(message) for message in refused_for_publishing(release)]
    elif step.status == Status.WITHDRAWN:
        # A withdrawn release keeps its page: it must stay complete in both languages.
        found += [Problem(message) for message in missing_for_publishing(release)]
    notes = {code: (step.change_note.get(code) or "").strip() for code in LANGUAGE_CODES}
    if any(notes.values()):
        if saved_status == Status.DRAFT:
            message = _("A change note is for correcting a published release; a draft needs none.")
            found.append(Problem(message))
        for code, note in notes.items():
            if not note:
                message = _("A change note is shown in both languages; write it in each.")
                found.append(Problem(message, "change_note", code))
    elif step.notify:
        message = _("Subscribers are notified of a correction with its note.")
        found.append(Problem(message, "notify_subscribers"))
    return found


def save(
    release: Release,
    step: Step,
    *,
    user,
    now: datetime,
    write_related: Callable[[], None] | None = None,
) -> str:
    """Save an edit of a release with the step it asks for: the desk's one route.

    Creating, publishing, scheduling, withdrawing, correcting and restoring all
    come through here; the named entry points below are this with one step.
    `write_related` writes what the form holds beside the release (topics,
    images, attachments) inside the same transaction and version. Return the
    lines the history records, in words.
    """
    saved = Saved.of(release)
    refused = problems(release, step, user=user, now=now, saved=saved)
    if refused:
        raise PublishingRefused(refused)
    adding = release.pk is None
    if adding and user is not None:
        release.created_by = release.created_by or user
    with transaction.atomic(), reversion.create_revision():
        _write_state(release, step, saved, now)
        release.save()
        if write_related:
            write_related()
        change_note = _write_change_note(release, step, now)
        publishes = _announces_publishing(release, step, saved, now)
        comment = history.comment_of_save(release, step, saved, user, now, publishes=publishes)
        reversion.set_user(user)
        reversion.set_comment(comment)
    seen = saved.has_been_public(now) or Saved.of_unsaved(release).has_been_public(now)
    events.announce(*_events(release, step, adding, saved, change_note, now), seen_by_readers=seen)
    return comment


def publish(release: Release, *, user, now: datetime) -> str:
    """Publish a draft or withdrawn release now, or schedule it for its time to come."""
    return save(release, Step(Status.PUBLISHED), user=user, now=now)


def withdraw(release: Release, reasons: dict[str, str], *, user, now: datetime) -> str:
    """Withdraw a published release with a reason in each language."""
    return save(release, Step(Status.WITHDRAWN, reasons=reasons), user=user, now=now)


def correct(
    release: Release, change_note: dict[str, str], *, user, now: datetime, notify: bool = False
) -> str:
    """Save a correction of a published release with its public change note in each language."""
    step = Step(release.status, change_note=change_note, notify=notify)
    return save(release, step, user=user, now=now)


def delete(release: Release, *, user) -> None:
    """Delete a release with its translations, files and history."""
    if release.status != Status.DRAFT and not can_publish(user):
        raise PublishingRefused([Problem(_("Only publishers can delete a published release."))])
    release_id = release.pk
    seen = Saved.of(release).has_been_public(timezone.now())
    with transaction.atomic():
        release.delete()
    events.announce((events.release_deleted, {"release_id": release_id}), seen_by_readers=seen)


def _write_state(release: Release, step: Step, saved: Saved, now: datetime) -> None:
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


def _write_change_note(release: Release, step: Step, now: datetime) -> ChangeNote | None:
    notes = {code: (step.change_note.get(code) or "").strip() for code in LANGUAGE_CODES}
    if not all(notes.values()):
        return None
    change_note = ChangeNote(release=release, created_at=now)
    for language_code, text in notes.items():
        change_note.set_current_language(language_code)
        change_note.note = text
    change_note.save()
    return change_note


def _announces_publishing(release: Release, step: Step, saved: Saved, now: datetime) -> bool:
    """Whether this save publishes or schedules: newly, or at a new time not yet come.

    A release readers have had is not announced again when its time is corrected.
    """
    if step.status != Status.PUBLISHED:
        return False
    if saved.status == Status.PUBLISHED and saved.has_been_public(now):
        return False
    return saved.status != Status.PUBLISHED or saved.publish_at != release.publish_at


def _events(
    release: Release,
    step: Step,
    adding: bool,
    saved: Saved,
    change_note: ChangeNote | None,
    now: datetime,
) -> list[tuple]:
    """What this save announces, in order: each step it took, with what listeners need."""
    release_id = release.pk
    announced: list[tuple] = [
        (events.release_created if adding else events.release_edited, {"release_id": release_id})
    ]
    if step.restored is not None:
        arguments = {"release_id": release_id, "version": step.restored}
        announced.append((events.release_restored, arguments))
    if _announces_publishing(release, step, saved, now):
        signal = events.release_scheduled if release.publish_at > now else events.release_published
        announced.append((signal, {"release_id": release_id, "publish_at": release.publish_at}))
    if step.status == Status.WITHDRAWN and saved.status == Status.PUBLISHED:
        arguments = {"release_id": release_id, "was_public": release.first_public_at is not None}
        announced.append((events.release_withdrawn, arguments))
    if change_note is not None:
        arguments = {
            "release_id": release_id,
            "change_note_id": change_note.pk,
            "notify": step.notify,
        }
        announced.append((events.release_corrected, arguments))
    return announced
