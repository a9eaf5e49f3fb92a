"""What a save of a release announces (releases.events), and whether it publishes.

releases.publishing.save() writes, then announces the list `of_save()` gives,
once the change commits.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from releases import events
from releases.models import ChangeNote, Release
from releases.steps import Saved, Step

if TYPE_CHECKING:
    from releases.embargo_rules import EmbargoChange

Status = Release.Status


def announces_publishing(release: Release, step: Step, saved: Saved, now: datetime) -> bool:
    """Whether this save publishes or schedules: newly, or at a new time not yet come.

    A release readers have had is not announced again when its time is corrected.
    """
    if step.status != Status.PUBLISHED:
        return False
    if saved.status == Status.PUBLISHED and saved.has_been_public(now):
        return False
    return saved.status != Status.PUBLISHED or saved.publish_at != release.publish_at


def of_save(
    release: Release,
    step: Step,
    adding: bool,
    saved: Saved,
    change_note: ChangeNote | None,
    now: datetime,
    embargoed: "EmbargoChange | None",
) -> list[tuple]:
    """What this save announces, in order: each step it took, with what listeners need."""
    release_id = release.pk
    announced: list[tuple] = [
        (events.release_created if adding else events.release_edited, {"release_id": release_id})
    ]
    # Before release_published: the media app hears of a lift before the release is public.
    announced += embargoed.events() if embargoed else []
    if step.restored is not None:
        arguments = {"release_id": release_id, "version": step.restored}
        announced.append((events.release_restored, arguments))
    if announces_publishing(release, step, saved, now):
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
