"""The publishing rules: who may publish, what a release needs, what each step changes.

The admin form, the admin actions and the restore of a version all go
through these functions, so the rules hold whichever route staff take.
"""

from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pressroom.languages import LANGUAGE_CODES, language_name
from releases.translation_state import other_language, translation_or_none

PUBLISH_PERMISSION = "releases.publish_release"
REQUIRED_FOR_PUBLISHING = ("title", "body")


class PublishingRefused(Exception):
    """A step the rules do not allow; `problems` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def can_publish(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def missing_for_publishing(release) -> list[str]:
    """Name each required field that is empty, language by language.

    Reads the translations as they stand on the instance, so a form's
    unsaved edits of one language count alongside the other's saved text.
    """
    from releases.models import ReleaseTranslation

    problems = []
    for language_code in LANGUAGE_CODES:
        try:
            # Never a fallback: another language's text does not count.
            translation = release.get_translation(language_code)
        except ObjectDoesNotExist:
            translation = None
        for field in REQUIRED_FOR_PUBLISHING:
            if not getattr(translation, field, "").strip():
                problems.append(
                    _("%(language)s: %(field)s is missing")
                    % {
                        "language": language_name(language_code),
                        "field": ReleaseTranslation._meta.get_field(field).verbose_name,
                    }
                )
    return problems


def needing_review(release) -> list[str]:
    """Name each language that must be checked against a change in the other, and the change.

    Like missing_for_publishing(), reads the translations on the instance, so
    the state a form's save would leave is what counts.
    """
    from releases import versions

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
                "when": formats.date_format(
                    timezone.localtime(translation.needs_review_since), "DATETIME_FORMAT"
                ),
            }
        )
    return problems


def refused_for_publishing(release) -> list[str]:
    """Every reason a release cannot be public now: text missing, a language needing review."""
    return missing_for_publishing(release) + needing_review(release)


def apply_status_change(release, old_status: str, now: datetime) -> None:
    """Set the times that follow a change of status.

    A draft published with a time already past is published now (its time
    was only the default), a future time schedules it; a withdrawal records
    when it happened, and publishing again clears that.
    """
    Status = type(release).Status
    if release.status == Status.PUBLISHED:
        if old_status == Status.DRAFT and release.publish_at <= now:
            release.publish_at = now
        release.withdrawn_at = None
    elif release.status == Status.WITHDRAWN and old_status != Status.WITHDRAWN:
        release.withdrawn_at = now


def publish(release, now: datetime) -> None:
    """Publish (or schedule) a draft or withdrawn release and save it."""
    problems = refused_for_publishing(release)
    if problems:
        raise PublishingRefused(problems)
    old_status = release.status
    release.status = type(release).Status.PUBLISHED
    apply_status_change(release, old_status, now)
    release.save()


def set_withdrawal_reasons(release, reasons: dict[str, str]) -> None:
    """Write the reason into each language's translation of the release."""
    current = release.get_current_language()
    for language_code, reason in reasons.items():
        release.set_current_language(language_code)
        release.withdrawal_reason = reason
    release.set_current_language(current)


def withdraw(release, reasons: dict[str, str], now: datetime) -> None:
    """Withdraw a published release with a reason in each language, and save it."""
    Status = type(release).Status
    if release.status != Status.PUBLISHED:
        raise PublishingRefused([_("Only a published release can be withdrawn.")])
    missing = [code for code in LANGUAGE_CODES if not (reasons.get(code) or "").strip()]
    if missing:
        raise PublishingRefused(
            [
                _("%(language)s: withdrawal reason is missing") % {"language": language_name(code)}
                for code in missing
            ]
        )
    set_withdrawal_reasons(release, reasons)
    release.status = Status.WITHDRAWN
    apply_status_change(release, Status.PUBLISHED, now)
    release.save()
