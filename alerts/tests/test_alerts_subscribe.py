"""The subscribe page: double opt-in, the same answer for every address, limits, bad input."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from alerts import links
from alerts.models import Frequency, Languages, Subscriber
from testing.alerts_factories import subscriber
from testing.factories import make_topic
from testing.mailbox import header, html_of, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))


def ask(client, address="reader@example.org", **fields):
    data = {"email": address, "languages": Languages.BOTH, "frequency": Frequency.IMMEDIATELY}
    return client.post("/en/alerts/", {**data, **fields})


def path_of(url: str) -> str:
    return url.removeprefix("https://press.example.org")


def confirm_link(message) -> str:
    for line in text_of(message).splitlines():
        if "/alerts/confirm/" in line:
            return path_of(line.split(": ", 1)[1].strip())
    raise AssertionError("no confirm link")


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [("en", "Email alerts", "Subscribe"), ("zh-hant", "電郵通知", "訂閱")],
)
def test_the_subscribe_page_asks_in_the_interface_language(client, language, heading, button):
    make_topic("seizures", "檢獲", "Seizures")
    response = client.get(f"/{language}/alerts/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="page-title">{heading}</h1>' in page
    assert f">{button}</button>" in page
    assert ("Seizures" if language == "en" else "檢獲") in page
    assert "no-store" in response["Cache-Control"]


def test_every_page_links_to_the_alerts_in_its_footer(client):
    assert 'href="/en/alerts/">Email alerts</a>' in client.get("/en/").content.decode()
    assert 'href="/zh-hant/alerts/">電郵通知</a>' in client.get("/zh-hant/").content.decode()


@time_machine.travel(NOON, tick=False)
def test_double_opt_in_nothing_but_the_confirmation_is_sent_until_it_is_followed(client, mailbox):
    response = ask(client, languages=Languages.ENGLISH)
    assert response.status_code == 302
    assert response["Location"] == "/en/alerts/check-your-email/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    run_worker()
    [message] = mailbox.messages
    assert header(message, "Subject") == "Confirm your press release alerts"
    assert "Confirm your subscription" in html_of(message)
    person = Subscriber.objects.get()
    assert person.confirmed_at is None
    assert not Subscriber.objects.receiving().exists()

    link = confirm_link(message)
    # Opening the link (as a mail scanner might) confirms nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert Subscriber.objects.receiving().count() == 0
    response = client.post(link)
    assert response.status_code == 302
    assert Subscriber.objects.receiving().count() == 1
    assert "Your email alerts" in client.get(response["Location"]).content.decode()


def test_a_forged_or_lapsed_confirm_link_gets_a_bilingual_error_page(client):
    person = subscriber("reader@example.org", confirmed=False)
    assert client.get("/en/alerts/confirm/1:forged/").status_code == 404
    with time_machine.travel(NOON, tick=False):
        token = links.confirm_token(person.pk)
    with time_machine.travel(NOON + timedelta(days=8), tick=False):
        response = client.get(f"/zh-hant/alerts/confirm/{token}/")
    assert response.status_code == 404
    assert "此連結無效" in response.content.decode()
    with time_machine.travel(NOON + timedelta(days=6), tick=False):
        assert client.get(f"/zh-hant/alerts/confirm/{token}/").status_code == 200


@time_machine.travel(NOON, tick=False)
def test_the_page_answers_the_same_for_a_subscribed_address_and_changes_nothing(client, mailbox):
    person = subscriber("known@example.org", Languages.CHINESE)
    new = ask(client, "new@example.org")
    known = ask(client, "known@example.org", languages=Languages.ENGLISH)
    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    run_worker()
    person.subscription.refresh_from_db()
    assert person.subscription.languages == Languages.CHINESE
    [reminder] = mailbox.to("known@example.org")
    assert header(reminder, "Subject") == "閣下的新聞公報電郵通知"
    assert "/alerts/manage/" in text_of(reminder)
    assert "/alerts/confirm/" not in text_of(reminder)


def test_asking_again_resends_the_confirmation_at_most_once_an_hour(client, mailbox):
    with time_machine.travel(NOON, tick=False):
        ask(client)
        ask(client)
        run_worker()
    with time_machine.travel(NOON + timedelta(minutes=59), tick=False):
        ask(client)
        run_worker()
    assert len(mailbox.messages) == 1
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        ask(client)
        run_worker()
    assert len(mailbox.messages) == 2


def test_an_address_never_confirmed_is_forgotten_after_seven_days(client, mailbox):
    with time_machine.travel(NOON, tick=False):
        ask(client)
        run_worker()
    with time_machine.travel(NOON + timedelta(days=6), tick=False):
        run_worker()
    assert Subscriber.objects.exists()
    with time_machine.travel(NOON + timedelta(days=7, minutes=2), tick=False):
        run_worker()
    assert not Subscriber.objects.exists()


def test_too_many_requests_per_address_or_per_client_are_refused(client):
    cache.clear()
    with time_machine.travel(NOON, tick=False):
        for _ in range(5):
            assert ask(client, "same@example.org").status_code == 302
        refused = ask(client, "same@example.org")
        assert refused.status_code == 429
        assert "Too many requests" in refused.content.decode()
        # Another address from the same client is still welcome, up to the client's limit.
        assert ask(client, "other@example.org").status_code == 302
        for number in range(24):
            ask(client, f"person{number}@example.org")
        assert ask(client, "last@example.org").status_code == 429
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        assert ask(client, "same@example.org").status_code == 302


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client, mailbox):
    response = ask(client, website="http://spam.example")
    assert response.status_code == 302
    run_worker()
    assert not Subscriber.objects.exists()
    assert mailbox.messages == []


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Enter your email address"),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
        ("a" * 10_000 + "@example.org", "Enter an email address of 254 characters or fewer"),
        (
            "reader@example.org\r\nBcc: victim@example.org",
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_bad_addresses_get_the_form_back_with_a_message(client, address, message):
    response = ask(client, address)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()


def test_header_injection_in_a_choice_gets_the_form_back(client):
    response = ask(client, languages="en\r\nBcc: victim@example.org", topics=["x\r\n"])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the languages of your emails" in page
    assert "Choose topics from the list" in page
    assert not Subscriber.objects.exists()


def test_a_chinese_page_explains_a_bad_address_in_chinese(client):
    response = client.post("/zh-hant/alerts/", {"email": "nope", "languages": "en"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "請以正確格式輸入電郵地址" in page
    assert "Enter an email" not in page


def test_the_manage_link_changes_languages_topics_and_frequency(client):
    seizures = make_topic("seizures", "檢獲", "Seizures")
    person = subscriber("reader@example.org")
    path = f"/en/alerts/manage/{links.manage_token(person.pk)}/"
    assert "reader@example.org" in client.get(path).content.decode()
    response = client.post(
        path,
        {"languages": Languages.ENGLISH, "frequency": Frequency.DAILY, "topics": [seizures.pk]},
    )
    assert response.status_code == 200
    assert "Your choices are saved." in response.content.decode()
    person.subscription.refresh_from_db()
    assert (person.subscription.languages, person.subscription.frequency) == ("en", "daily")
    assert list(person.subscription.topics.all()) == [seizures]
    assert client.get(f"/en/alerts/manage/{person.pk}:forged/").status_code == 404
    # A manage link cannot be made into a confirm link: each is signed for its use.
    assert client.get(path.replace("manage", "unsubscribe")).status_code == 404


def test_the_unsubscribe_link_asks_before_it_deletes_the_address(client):
    person = subscriber("reader@example.org")
    path = f"/zh-hant/alerts/unsubscribe/{links.unsubscribe_token(person.pk)}/"
    page = client.get(path)
    assert page.status_code == 200
    assert "取消訂閱" in page.content.decode()
    assert Subscriber.objects.exists()
    assert "閣下已取消訂閱" in client.post(path).content.decode()
    assert not Subscriber.objects.exists()
