"""The embargo's rules: who may set, change, lift or cancel one, when, and what each says.

releases.publishing's entry points embargo(), lift_embargo() and cancel_embargo()
check with these and write through them; its save() asks `save_problems()` and
`follow_save()` what a save of an embargoed release means for the embargo (a
text corrected or a publish time moved after journalists have it, a return to
draft, a withdrawal). Each change comes back as an `EmbargoChange`, which
knows the events it announces and the history's line for it, in words.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from pressroom.languages import LANGUAGE_CODES
from releases import events, versions
from releases.embargoes import Embargo
from releases.history import who_did
from releases.models import Release, ReleaseTranslation
from releases.steps import Problem, Saved, Step
from releases.translation_state import text_of, translation_or_none

Status = Release.Status
SET, CHANGED, LIFTED, CANCELLED, WITHDRAWN = "set", "changed", "lifted", "cancelled", "withdrawn"
# A withdrawn release published again: its embargo ended with the withdrawal.
ENDED = "ended"
# What changed, as embargo_changed names it.
TIME, TEXT, AUDIENCE = "time", "text", "audience"
# The audience in a sentence of the history: "… at 10:00 to all accredited media".
AUDIENCE_IN_WORDS = {
    Embargo.Audience.ALL: pgettext_lazy("embargo audience", "all accredited media"),
    Embargo.Audience.BEATS: pgettext_lazy(
        "embargo audience", "accredited media whose beats match its topics"
    ),
}


@dataclass(frozen=True)
class EmbargoChange:
    """What one change did to a release's embargo, as it stands after the change."""

    kind: str
    release_id: int
    media_at: datetime
    publish_at: datetime
    audience: str
    revision: int
    # Whether journalists had the release when the change was made.
    sent: bool
    what: tuple[str, ...] = ()

    @classmethod
    def of(cls, kind: str, embargo: Embargo, release: Release, now: datetime, what=()):
        return cls(
            kind,
            release.pk,
            embargo.media_at,
            release.publish_at,
            embargo.audience,
            embargo.revision,
            embargo.media_at <= now,
            tuple(what),
        )

    def events(self) -> list[tuple]:
        """The embargo events this change announces (releases.events), in order."""
        release_id = self.release_id
        if self.kind == SET:
            arguments = {"media_at": self.media_at, "publish_at": self.publish_at}
            return [(events.embargo_set, {"release_id": release_id, **arguments})]
        if self.kind == CHANGED:
            arguments = {
                "release_id": release_id,
                "media_at": self.media_at,
                "publish_at": self.publish_at,
                "revision": self.revision,
            }
            return [(events.embargo_changed, {**arguments, "what": what}) for what in self.what]
        if self.kind == LIFTED:
            return [
                (events.embargo_lifted, {"release_id": release_id, "publish_at": self.publish_at})
            ]
        if self.kind == CANCELLED:
            return [(events.embargo_cancelled, {"release_id": release_id})]
        # A withdrawal announces release_withdrawn alone; the media app reads the rest.
        return []

    def lines(self, user, *, by_save: bool = False) -> list[str]:
        """The history's words for this change, in the active language.

        `by_save` for a change that an edit of the release made, whose own line
        (scheduled, withdrawn) already says who did it.
        """
        who = who_did(user)
        if self.kind == SET:
            return [
                _(
                    "Embargo set by %(who)s: %(audience)s receive it at %(media_at)s, "
                    "readers at %(publish_at)s."
                )
                % {
                    "who": who,
                    "audience": AUDIENCE_IN_WORDS[self.audience],
                    "media_at": versions.local_time(self.media_at),
                    "publish_at": versions.local_time(self.publish_at),
                }
            ]
        if self.kind == LIFTED:
            return [_("Embargo lifted by %(who)s: public at once.") % {"who": who}]
        if self.kind == CANCELLED:
            return [
                _("Embargo cancelled by %(who)s before its media time; nothing was sent.")
                % {"who": who}
            ]
        if self.kind == WITHDRAWN:
            return (
                [_("Journalists who had it under embargo are to discard it.")] if self.sent else []
            )
        if self.kind == ENDED:
            return [_("Its embargo ended with its withdrawal: published again without one.")]
        lines = [self._changed_line(what, who, by_save) for what in self.what]
        if self.sent:
            update = _("Journalists who have it get update %(revision)s.")
            lines.append(update % {"revision": self.revision})
        return lines

    def _changed_line(self, what: str, who: str, by_save: bool) -> str:
        if what == TIME and not by_save:
            line = _("Embargo changed by %(who)s: media receive it at %(media_at)s.")
        elif what == AUDIENCE:
            line = _("Embargo changed by %(who)s: now for %(audience)s.")
        elif what == TIME:
            line = _("Under embargo, readers now get it at %(publish_at)s.")
        else:
            line = _("The text changed under embargo.")
        return line % {
            "who": who,
            "media_at": versions.local_time(self.media_at),
            "publish_at": versions.local_time(self.publish_at),
            "audience": AUDIENCE_IN_WORDS[self.audience],
        }


def current(release: Release) -> Embargo | None:
    """The release's embargo as stored, or None."""
    return Embargo.objects.filter(release_id=release.pk).first() if release.pk else None


def holds_or_planned(release: Release, embargo: Embargo | None, now: datetime) -> bool:
    """Whether the release is under embargo at `now`, or will be at its media time."""
    return embargo is not None and embargo.lifted_at is None and _scheduled(release, now)


def _scheduled(release: Release, now: datetime) -> bool:
    return (
        release.status == Status.PUBLISHED
        and release.publish_at > now
        and release.first_public_at is None
    )


def setting_problems(
    release: Release,
    embargo: Embargo | None,
    media_at: datetime,
    audience: str,
    *,
    publisher: bool,
    now: datetime,
) -> list[Problem]:
    """Every rule that setting (or changing) the release's embargo to these would break."""
    if not publisher:
        return [Problem(_("Only publishers can put a release under embargo."))]
    if not _scheduled(release, now):
        return [Problem(_("Only a scheduled release, not yet public, can be under embargo."))]
    found = []
    if audience not in Embargo.Audience.values:
        found.append(Problem(_("Choose who receives it under embargo."), "audience"))
    if media_at >= release.publish_at:
        message = _("The media time must be before the publish time (%(when)s).")
        found.append(
            Problem(message % {"when": versions.local_time(release.publish_at)}, "media_at")
        )
    if embargo is not None and media_at != embargo.media_at and embargo.media_at <= now:
        message = _("Journalists received it at %(when)s; the media time can no longer change.")
        found.append(
            Problem(message % {"when": versions.local_time(embargo.media_at)}, "media_at")
        )
    elif media_at < now and (embargo is None or media_at != embargo.media_at):
        found.append(Problem(_("The media time has passed; choose a time to come."), "media_at"))
    elif embargo is not None and (media_at, audience) == (embargo.media_at, embargo.audience):
        found.append(Problem(_("The embargo is unchanged.")))
    return found


def write_setting(
    release: Release, embargo: Embargo | None, media_at: datetime, audience: str, now: datetime
) -> EmbargoChange:
    """Set the embargo, or change it (a new revision if journalists already have it)."""
    if embargo is None:
        embargo = Embargo.objects.create(release=release, media_at=media_at, audience=audience)
        return EmbargoChange.of(SET, embargo, release, now)
    what = [TIME] if media_at != embargo.media_at else []
    what += [AUDIENCE] if audience != embargo.audience else []
    if embargo.has_reached_media(now):
        embargo.revision += 1
    embargo.media_at, embargo.audience = media_at, audience
    embargo.save()
    return EmbargoChange.of(CHANGED, embargo, release, now, what)


def lift_problems(
    release: Release, embargo: Embargo | None, *, publisher: bool, now: datetime
) -> list[Problem]:
    """Every reason the release's embargo cannot be lifted now."""
    if not publisher:
        return [Problem(_("Only publishers can lift an embargo."))]
    if embargo is None or embargo.lifted_at is not None or not _scheduled(release, now):
        return [Problem(_("This release is not under embargo."))]
    if not embargo.has_reached_media(now):
        message = _("Journalists get it at %(when)s, not before: cancel the embargo instead.")
        return [Problem(message % {"when": versions.local_time(embargo.media_at)})]
    return []


def cancel_problems(
    release: Release, embargo: Embargo | None, *, publisher: bool, now: datetime
) -> list[Problem]:
    """Every reason the release's embargo cannot be cancelled now."""
    if not publisher:
        return [Problem(_("Only publishers can cancel an embargo."))]
    if embargo is None or embargo.lifted_at is not None or not _scheduled(release, now):
        return [Problem(_("This release is not under embargo."))]
    if embargo.has_reached_media(now):
        message = _(
            "Journalists received it at %(when)s, so it can no longer be cancelled: "
            "lift the embargo, or withdraw the release."
        )
        return [Problem(message % {"when": versions.local_time(embargo.media_at)})]
    return []


def cancel(release: Release, embargo: Embargo, now: datetime) -> EmbargoChange:
    """Delete an embargo no journalist has had: the release stays scheduled."""
    change = EmbargoChange.of(CANCELLED, embargo, release, now)
    embargo.delete()
    return change


def _holds_as_saved(saved: Saved, now: datetime) -> bool:
    return (
        saved.embargo_media_at is not None
        and saved.status == Status.PUBLISHED
        and saved.first_public_at is None
        and saved.publish_at > now
    )


def save_problems(release: Release, step: Step, saved: Saved, now: datetime) -> list[Problem]:
    """Every rule of its embargo that a save of the release would break."""
    if not _holds_as_saved(saved, now):
        return []
    media_at = saved.embargo_media_at
    when = {"when": versions.local_time(media_at)}
    if step.status == Status.DRAFT and media_at <= now:
        message = _(
            "Journalists have this release under embargo: it cannot go back to draft. "
            "Withdraw it instead."
        )
        return [Problem(message, "status")]
    if step.status != Status.PUBLISHED:
        return []
    if now < release.publish_at <= media_at:
        message = _("Under embargo, the publish time must be after the media time (%(when)s).")
        return [Problem(message % when, "publish_at")]
    if release.publish_at <= now < media_at:
        message = _(
            "Journalists get it at %(when)s: cancel the embargo before publishing it sooner."
        )
        return [Problem(message % when, "publish_at")]
    return []


def follow_save(release: Release, step: Step, saved: Saved, now: datetime) -> EmbargoChange | None:
    """Keep the embargo in step with a save of its release, before the release is written.

    A return to draft (allowed only before the media time) cancels it; a
    publish time brought to now lifts it; a new publish time, or a text
    changed once journalists have it, changes it (a new revision for them). A
    withdrawn release published again leaves its embargo behind.
    """
    if saved.status == Status.WITHDRAWN and saved.embargo_media_at is not None:
        if step.status != Status.PUBLISHED:
            return None
        # Journalists were told to discard it: published again, it is a release of its own,
        # put under a new embargo if need be, not back in their media rooms unannounced.
        embargo = Embargo.objects.get(release_id=release.pk)
        change = EmbargoChange.of(ENDED, embargo, release, now)
        embargo.delete()
        return change
    if not _holds_as_saved(saved, now):
        return None
    embargo = Embargo.objects.get(release_id=release.pk)
    sent = embargo.has_reached_media(now)
    if step.status == Status.DRAFT:
        return cancel(release, embargo, now)
    if step.status == Status.WITHDRAWN:
        # Kept: the media app reads it to tell those who received it to discard it.
        embargo.revision += 1 if sent else 0
        embargo.save()
        return EmbargoChange.of(WITHDRAWN, embargo, release, now)
    if release.publish_at <= now:
        release.publish_at = embargo.lifted_at = now
        embargo.save()
        return EmbargoChange.of(LIFTED, embargo, release, now)
    what = [TIME] if release.publish_at != saved.publish_at else []
    what += [TEXT] if sent and _text_changed(release) else []
    if not what:
        return None
    embargo.revision += 1 if sent else 0
    embargo.save()
    return EmbargoChange.of(CHANGED, embargo, release, now, what)


def _text_changed(release: Release) -> bool:
    """Whether the release in memory reads differently from the release as stored."""
    stored = {
        translation.language_code: text_of(translation)
        for translation in ReleaseTranslation.objects.filter(master_id=release.pk)
    }
    return any(
        stored.get(code) != text_of(translation)
        for code in LANGUAGE_CODES
        for translation in [translation_or_none(release, code)]
        if translation is not None
    )
