"""Signing in to the media room by an emailed link: single use, 15 minutes, accredited only."""

from datetime import timedelta

import pytest

from media.models import SignInLink
from testing.mailbox import header, run_worker, text_of
from testing.media_factories import journalist

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_link(message) -> str:
    for line in text_of(message).splitlines():
        if "/media/sign-in/" in line:
            return line.split(": ", 1)[1].strip().removeprefix("https://press.example.org")
    raise AssertionError("no sign-in link")


def ask(client, address: str, language: str = "en"):
    return client.post(f"/{language}/media/sign-in/", {"email": address})


def test_an_accredited_journalist_signs_in_once_by_the_emailed_link(client, mailbox):
    journalist(language="en")
    response = ask(client, "ada@example.news")
    assert response.status_code == 200
    assert "a sign-in link is on its way" in response.content.decode()
    run_worker()
    [message] = mailbox.messages
    assert header(message, "Subject") == "Sign in to the media room"
    link = sign_in_link(message)

    # Opening the link (a mail scanner) asks; it does not spend the link.
    assert client.get(link).status_code == 200
    assert client.get("/en/media/room/")["Location"] == "/en/media/sign-in/"
    response = client.post(link)
    assert response["Location"] == "/en/media/room/"
    room = client.get("/en/media/room/")
    assert room.status_code == 200
    assert "Signed in as Ada Lam, Harbour Daily" in room.content.decode()
    assert room["Cache-Control"] == "private, no-store"

    # Single use: the same link, in another browser, opens nothing.
    other = client.__class__()
    assert other.post(link).status_code == 404
    assert other.get("/en/media/room/").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, mailbox):
    journalist()
    known = ask(client, "ada@example.news").content.decode()
    unknown = ask(client, "nobody@example.news").content.decode()
    assert known.replace("ada@example.news", "X") == unknown.replace("nobody@example.news", "X")
    run_worker()
    assert [header(m, "To") for m in mailbox.messages] == ["ada@example.news"]


@pytest.mark.parametrize("status", ["applied", "declined", "lapsed", "revoked"])
def test_a_journalist_not_accredited_is_sent_no_link(client, mailbox, status):
    now = journalist(accredited=False).applied_at
    person = journalist(email="b@example.news", accredited=False)
    if status == "declined":
        person.declined_at = now
    elif status == "lapsed":
        person.accredited_until = now - timedelta(days=1)
    elif status == "revoked":
        person.accredited_until, person.revoked_at = now + timedelta(days=9), now
    person.save()
    ask(client, "b@example.news")
    run_worker()
    assert mailbox.messages == []


def test_a_sign_in_link_lapses_after_15_minutes(client, mailbox, clock):
    journalist(language="en")
    ask(client, "ada@example.news")
    run_worker()
    link = sign_in_link(mailbox.messages[0])
    clock.shift(timedelta(minutes=16))
    response = client.post(link)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert SignInLink.objects.get().used_at is None


def test_a_revoked_journalists_link_and_session_stop_working(client, mailbox, clock):
    person = journalist(language="en")
    ask(client, "ada@example.news")
    ask(client, "ada@example.news")
    run_worker()
    first, second = (sign_in_link(message) for message in mailbox.messages)
    client.post(first)
    assert client.get("/en/media/room/").status_code == 200
    person.revoked_at = person.accredited_at
    person.save()
    assert client.get("/en/media/room/")["Location"] == "/en/media/sign-in/"
    assert client.post(second).status_code == 404


def test_a_lapsed_journalists_session_stops_working_on_the_day(client, mailbox, clock):
    person = journalist(language="en")
    ask(client, "ada@example.news")
    run_worker()
    client.post(sign_in_link(mailbox.messages[0]))
    assert client.get("/en/media/room/").status_code == 200
    clock.move_to(person.accredited_until + timedelta(seconds=1))
    assert client.get("/en/media/room/").status_code == 302


def test_signing_out_ends_the_journalists_session(client, mailbox):
    journalist(language="en")
    ask(client, "ada@example.news")
    run_worker()
    client.post(sign_in_link(mailbox.messages[0]))
    response = client.post("/en/media/sign-out/", follow=True)
    assert "You are signed out of the media room." in response.content.decode()
    assert client.get("/en/media/room/").status_code == 302


def test_a_journalist_is_not_staff_no_admin_and_no_preview(client, mailbox, release_factory):
    journalist(language="en")
    draft = release_factory(status="draft")
    ask(client, "ada@example.news")
    run_worker()
    client.post(sign_in_link(mailbox.messages[0]))
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get(f"/en/releases/preview/{draft.pk}/").status_code == 404


def test_the_sign_in_page_speaks_chinese_and_errors_bilingually(client):
    page = client.get("/zh-hant/media/sign-in/").content.decode()
    assert '<h1 class="page-title">登入傳媒資料室</h1>' in page
    response = client.post("/zh-hant/media/sign-in/", {"email": "nope"})
    assert response.status_code == 400
    assert "請以正確格式輸入電郵地址" in response.content.decode()
    response = client.post("/en/media/sign-in/", {"email": ""})
    assert "Enter your work email address" in response.content.decode()
