"""Staff decide on journalists in the admin: approve, decline, renew, revoke; the reminder."""

from datetime import timedelta

import pytest

from media.models import Decision, Journalist, Status
from testing.factories import signed_in, staff_member
from testing.mailbox import header, run_worker, text_of
from testing.media_factories import journalist

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "/admin/media/journalist/"


@pytest.fixture
def staff(client):
    user = staff_member("pat", "Publishers")
    return user, signed_in(client, user)


def act(client, action: str, *people: Journalist):
    return client.post(
        LIST, {"action": action, "_selected_action": [person.pk for person in people]}, follow=True
    )


def test_staff_list_applications_with_their_status_filter_and_search(staff):
    _user, client = staff
    journalist(email="a@example.news", name="Ada Lam")
    journalist(email="b@example.news", name="Ben Ho", outlet="Kowloon Post", accredited=False)
    page = client.get(LIST).content.decode()
    assert "Ada Lam" in page and "Ben Ho" in page
    assert "Accredited" in page and "Awaiting approval" in page
    awaiting = client.get(LIST, {"status": "awaiting"}).content.decode()
    assert "Ben Ho" in awaiting and "Ada Lam" not in awaiting
    found = client.get(LIST, {"q": "Kowloon"}).content.decode()
    assert "Ben Ho" in found and "Ada Lam" not in found


def test_approving_records_who_and_when_and_tells_the_journalist_in_their_language(
    staff, mailbox, settings
):
    user, client = staff
    settings.MEDIA_ACCREDITATION_DAYS = 100
    person = journalist(email="b@example.news", accredited=False, language="zh-hant")
    page = act(client, "approve", person).content.decode()
    assert "Approved: 1 journalist; they are told by email." in page
    person.refresh_from_db()
    assert person.status_at() == Status.ACCREDITED
    assert person.accredited_until - person.accredited_at == timedelta(days=100)
    decision = Decision.objects.get()
    assert (decision.action, decision.decided_by) == ("approved", user)
    run_worker()
    [message] = mailbox.messages
    assert header(message, "Subject") == "你已獲傳媒專區認可"
    assert "/zh-hant/media/sign-in/" in text_of(message)


def test_a_decision_that_does_not_fit_the_status_is_refused_and_said_so(staff, mailbox):
    _user, client = staff
    person = journalist(email="b@example.news", accredited=False)
    page = act(client, "renew", person).content.decode()
    assert "Not possible for their present status: Ada Lam" in page
    assert not Decision.objects.exists()


def test_declining_and_revoking_tell_the_journalist(staff, mailbox):
    _user, client = staff
    applicant = journalist(email="b@example.news", accredited=False, language="en")
    accredited = journalist(email="c@example.news", language="en")
    act(client, "decline", applicant)
    act(client, "revoke", accredited)
    assert Journalist.objects.with_status().get(pk=applicant.pk).status == Status.DECLINED
    assert Journalist.objects.with_status().get(pk=accredited.pk).status == Status.REVOKED
    run_worker()
    subjects = sorted(header(message, "Subject") for message in mailbox.messages)
    assert subjects == [
        "Your application to the media desk",
        "Your media accreditation is revoked",
    ]


def test_the_journalist_is_reminded_a_month_before_the_lapse_and_lapses_by_date(
    staff, mailbox, clock
):
    _user, client = staff
    person = journalist(email="b@example.news", accredited=False, language="en")
    act(client, "approve", person)
    run_worker()
    mailbox.messages.clear()
    person.refresh_from_db()
    clock.move_to(person.accredited_until - timedelta(days=31))
    run_worker()
    assert mailbox.messages == []
    clock.move_to(person.accredited_until - timedelta(days=29))
    run_worker()
    [reminder] = mailbox.messages
    assert header(reminder, "Subject").startswith("Your media accreditation lapses on ")
    run_worker()
    assert len(mailbox.messages) == 1
    clock.move_to(person.accredited_until + timedelta(seconds=1))
    assert Journalist.objects.with_status().get().status == Status.LAPSED
    assert not Journalist.objects.accredited().exists()


def test_a_renewal_replaces_the_reminder_of_the_period_before(staff, mailbox, clock):
    _user, client = staff
    person = journalist(email="b@example.news", accredited=False, language="en")
    act(client, "approve", person)
    act(client, "renew", person)
    run_worker()
    mailbox.messages.clear()
    person.refresh_from_db()
    assert person.accredited_until - person.accredited_at == timedelta(days=730)
    # The first period's reminder finds the accreditation renewed: it sends nothing.
    clock.move_to(person.accredited_until - timedelta(days=365 + 29))
    run_worker()
    assert mailbox.messages == []
    clock.move_to(person.accredited_until - timedelta(days=29))
    run_worker()
    assert len(mailbox.messages) == 1


def test_an_editor_cannot_decide_on_journalists(client):
    signed_in(client, staff_member("eddie", "Editors"))
    assert client.get(LIST).status_code == 403
