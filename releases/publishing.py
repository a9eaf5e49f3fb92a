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
from datetime import datetime

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressroom.languages import LANGUAGE_CODES, language_name
from releases import (
    announcing,
    embargo_rules,
    events,
    history,
    preflight,
    proposals,
    translation_state,
    versions,
)
from releases.models import CorrectionProposal, Release, ReleaseTranslation
from releases.steps import Problem, PublishingRefused, Saved, Step, write_change_note, write_state
from releases.translation_state import other_language, translation_or_none

PUBLISH_PERMISSION = "releases.publish_release"
REQUIRED_FOR_PUBLISHING = ("title", "body")
# Where a form shows the findings of the two languages' check, and takes a publisher's ticks.
CHECKED_FINDINGS = "checked_findings"
Status = Release.Status


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


def disagreements(release: Release, step: Step) -> list[Problem]:
    """Each finding of the two languages' check that no publisher has marked as intended.

    Publishing, scheduling and correcting are held by one, as by a language
    needing review; a draft is only shown them (the desk lists them).
    """
    found = preflight.unchecked(release, preflight.findings(release), step.checked_findings)
    return [Problem(finding.message(), CHECKED_FINDINGS) for finding in found]


def problems(
    release: Release, step: Step, *, user, now: datetime, saved: Saved | None = None
) -> list[Problem]:
    """Return every rule the step breaks, for a release carrying the text it would save."""
    saved = saved or Saved.of(release)
    saved_status = saved.status
    found: list[Problem] = []
    if step.status != saved_status and not can_publish(user):
        return [Problem(_("Only publishers can publish, schedule or withdraw releases."))]
    if step.checked_findings and not can_publish(user):
        return [Problem(_("Only publishers can mark a finding as intended."), CHECKED_FINDINGS)]
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
        found += disagreements(release, step)
    elif step.status == Status.WITHDRAWN:
        # A withdrawn release keeps its page: it must stay complete in both languages.
        found += [Problem(message) for message in missing_for_publishing(release)]
    found += embargo_rules.save_problems(release, step, saved, now)
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
        embargoed = embargo_rules.follow_save(release, step, saved, now)
        write_state(release, step, saved, now)
        release.save()
        if write_related:
            write_related()
        change_note = write_change_note(release, step, now)
        checked = preflight.record_checked(release, step.checked_findings, user, now)
        publishes = announcing.announces_publishing(release, step, saved, now)
        also = (lambda: embargoed.lines(user, by_save=True)) if embargoed else None
        comment = history.comment_of_save(
            release, step, saved, user, now, publishes=publishes, checked=checked, also=also
        )
        reversion.set_user(user)
        reversion.set_comment(comment)
    seen = saved.has_been_public(now) or Saved.of_unsaved(release).has_been_public(now)
    announced = announcing.of_save(release, step, adding, saved, change_note, now, embargoed)
    events.announce(*announced, seen_by_readers=seen)
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


def embargo(release: Release, *, media_at: datetime, audience: str, user, now: datetime) -> str:
    """Put a scheduled release under embargo, or change its embargo: media have it first."""
    current = embargo_rules.current(release)
    publisher = can_publish(user)
    refused = embargo_rules.setting_problems(
        release, current, media_at, audience, publisher=publisher, now=now
    )
    if refused:
        raise PublishingRefused(refused)
    return _record_embargo(
        release,
        lambda: embargo_rules.write_setting(release, current, media_at, audience, now),
        user,
    )


def lift_embargo(release: Release, *, user, now: datetime) -> str:
    """Make an embargoed release public at once, before its time: a save publishing it now."""
    current = embargo_rules.current(release)
    refused = embargo_rules.lift_problems(release, current, publisher=can_publish(user), now=now)
    if refused:
        raise PublishingRefused(refused)
    release.publish_at = now
    return save(release, Step(Status.PUBLISHED), user=user, now=now)


def cancel_embargo(release: Release, *, user, now: datetime) -> str:
    """Cancel an embargo before its media time: nothing was sent; the release stays scheduled."""
    current = embargo_rules.current(release)
    refused = embargo_rules.cancel_problems(release, current, publisher=can_publish(user), now=now)
    if refused:
        raise PublishingRefused(refused)
    return _record_embargo(release, lambda: embargo_rules.cancel(release, current, now), user)


def _record_embargo(release: Release, write: Callable, user) -> str:
    """Write a change of the embargo as a version of its release, then announce it."""
    with transaction.atomic(), reversion.create_revision():
        change = write()
        release.save()
        comment = history.comment_of(lambda: change.lines(user))
        reversion.set_user(user)
        reversion.set_comment(comment)
    # Readers see nothing new: the release stays scheduled.
    events.announce(*change.events(), seen_by_readers=False)
    return comment


def delete(release: Release, *, user) -> None:
    """Delete a release with its translations, files and history."""
    if release.status != Status.DRAFT and not can_publish(user):
        raise PublishingRefused([Problem(_("Only publishers can delete a published release."))])
    release_id = release.pk
    seen = Saved.of(release).has_been_public(timezone.now())
    with transaction.atomic():
        release.delete()
    events.announce((events.release_deleted, {"release_id": release_id}), seen_by_readers=seen)


def proposal_problems(release: Release, texts: dict, change_note: dict) -> list[Problem]:
    """Every rule a proposed correction breaks: it corrects published text, whole, with a note."""
    if release.status == Status.DRAFT:
        return [
            Problem(
                _("A draft is edited directly; corrections are proposed to published releases.")
            )
        ]
    found = []
    for code in LANGUAGE_CODES:
        for name in REQUIRED_FOR_PUBLISHING:
            if not texts[code][name]:
                found.append(Problem(_("This field is required."), name, code))
        if not (change_note.get(code) or "").strip():
            message = _("A change note is shown in both languages; write it in each.")
            found.append(Problem(message, "change_note", code))
    if texts == proposals.normalised(proposals.texts_of(release)):
        found.append(Problem(_("The proposed text is the same as the published text.")))
    return found


def propose_correction(
    release: Release, texts: dict, change_note: dict, *, user, now: datetime
) -> CorrectionProposal:
    """Keep a correction of a published release, as it would read, for a publisher to decide."""
    texts = proposals.normalised(texts)
    refused = proposal_problems(release, texts, change_note)
    if refused:
        raise PublishingRefused(refused)
    proposal = CorrectionProposal.objects.create(
        release=release,
        texts=texts,
        change_note={code: (change_note.get(code) or "").strip() for code in LANGUAGE_CODES},
        based_on_version=release.version,
        proposed_by=user,
        proposed_at=now,
    )
    arguments = {"release_id": release.pk, "proposal_id": proposal.pk}
    events.announce_unseen((events.correction_proposed, arguments))
    return proposal


def _decided(proposal: CorrectionProposal, user) -> list[Problem]:
    if not can_publish(user):
        return [Problem(_("Only publishers can apply or decline a proposed correction."))]
    if not proposal.is_pending:
        return [Problem(_("This proposed correction has already been applied or declined."))]
    return []


def apply_proposal(
    proposal: CorrectionProposal,
    change_note: dict[str, str],
    *,
    user,
    now: datetime,
    notify: bool = False,
) -> str:
    """Publish a proposed correction as it is written, with its change note: a correction."""
    refused = _decided(proposal, user)
    if refused:
        raise PublishingRefused(refused)
    release = Release.objects.get(pk=proposal.release_id)
    saved_texts = {
        t.language_code: translation_state.text_of(t) for t in release.translations.all()
    }
    proposals.write_texts(release, proposal.texts)
    # Both languages are written together, each checked against the other.
    translation_state.record_save(release, saved_texts, set(LANGUAGE_CODES), user, now)
    with transaction.atomic():
        comment = correct(release, change_note, user=user, now=now, notify=notify)
        proposal.state, proposal.decided_by, proposal.decided_at = (
            proposal.State.APPLIED,
            user,
            now,
        )
        proposal.save(update_fields=["state", "decided_by", "decided_at"])
    return comment


def decline_proposal(proposal: CorrectionProposal, reason: str, *, user, now: datetime) -> None:
    """Decline a proposed correction with a reason its editor reads; the release is unchanged."""
    refused = _decided(proposal, user)
    if not refused and not reason.strip():
        refused = [Problem(_("Say why the correction is declined."), "decline_reason")]
    if refused:
        raise PublishingRefused(refused)
    proposal.state, proposal.decided_by, proposal.decided_at = proposal.State.DECLINED, user, now
    proposal.decline_reason = reason.strip()
    proposal.save(update_fields=["state", "decided_by", "decided_at", "decline_reason"])
    arguments = {"release_id": proposal.release_id, "proposal_id": proposal.pk}
    events.announce_unseen((events.correction_declined, arguments))
