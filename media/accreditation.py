"""Every change to a journalist's accreditation, in one place: apply, confirm, decide, remind.

Staff decisions (approve, renew, decline, revoke) each record who made them and
when, and email the journalist in their language once the change commits. An
approval or renewal books the "lapses in a month" reminder with the task queue;
the reminder checks, when it runs, that it is still due (not renewed since, not
revoked, not sent already).
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from alerts.tasks import enqueue_after_commit
from media import tasks
from media.models import Decision, Journalist, SignInLink, Status, accreditation_period

REMIND_BEFORE = timedelta(days=30)
# A journalist may ask for this many sign-in links an hour; more are not sent.
SIGN_IN_LINKS_PER_HOUR = 5


class Refused(Exception):
    """The decision does not apply to the journalist's present status."""


def apply(journalist: Journalist, beats) -> Journalist:
    """Record an application and email a link to confirm the address.

    An address that applied before gets its application replaced while no staff has
    decided on it; otherwise nothing changes (the page answers the same either way).
    """
    existing = Journalist.objects.filter(email__iexact=journalist.email).first()
    if existing is not None:
        if existing.accredited_at or existing.declined_at or existing.revoked_at:
            return existing
        journalist.pk, journalist.applied_at = existing.pk, timezone.now()
        journalist.email_confirmed_at = existing.email_confirmed_at
    journalist.save()
    journalist.beats.set(beats)
    enqueue_after_commit(tasks.send_confirmation, journalist.pk)
    return journalist


def confirm(journalist: Journalist, now: datetime) -> None:
    Journalist.objects.filter(pk=journalist.pk, email_confirmed_at__isnull=True).update(
        email_confirmed_at=now
    )


ALLOWED = {
    Decision.Action.APPROVED: {Status.AWAITING, Status.DECLINED},
    Decision.Action.RENEWED: {Status.ACCREDITED, Status.LAPSED},
    Decision.Action.DECLINED: {Status.AWAITING, Status.APPLIED},
    Decision.Action.REVOKED: {Status.ACCREDITED, Status.LAPSED},
}


@transaction.atomic
def decide(journalist: Journalist, action: str, user, now: datetime) -> None:
    """Approve, renew, decline or revoke; record who and when; email the journalist."""
    journalist = Journalist.objects.select_for_update().get(pk=journalist.pk)
    if journalist.status_at(now) not in ALLOWED[action]:
        raise Refused(action)
    if action in (Decision.Action.APPROVED, Decision.Action.RENEWED):
        # A renewal before the lapse adds a period to the end; after it, from today.
        start = max(now, journalist.accredited_until or now)
        journalist.accredited_until = start + accreditation_period()
        journalist.accredited_at = journalist.accredited_at or now
        journalist.declined_at = None
        journalist.email_confirmed_at = journalist.email_confirmed_at or now
        enqueue_after_commit(
            tasks.remind_of_lapse,
            journalist.pk,
            journalist.accredited_until.isoformat(),
            run_after=journalist.accredited_until - REMIND_BEFORE,
        )
    elif action == Decision.Action.DECLINED:
        journalist.declined_at = now
    else:
        journalist.revoked_at = now
        # A revoked journalist's unused sign-in links stop working with the rest.
        SignInLink.objects.filter(journalist=journalist, used_at__isnull=True).update(used_at=now)
    journalist.save()
    Decision.objects.create(journalist=journalist, action=action, decided_by=user, decided_at=now)
    enqueue_after_commit(tasks.tell_decision, journalist.pk, action)


def ask_sign_in(email: str, now: datetime) -> None:
    """Email an accredited address a sign-in link; nothing for any other address."""
    journalist = Journalist.objects.accredited(now).filter(email__iexact=email).first()
    if journalist is None:
        return
    recent = SignInLink.objects.filter(
        journalist=journalist, created_at__gt=now - timedelta(hours=1)
    )
    if recent.count() >= SIGN_IN_LINKS_PER_HOUR:
        return
    link = SignInLink.objects.create(journalist=journalist, created_at=now)
    enqueue_after_commit(tasks.send_sign_in_link, link.pk)
