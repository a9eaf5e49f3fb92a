"""Emails follow the reader's language: links, wording, Simplified for Simplified readers."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from alerts import links
from alerts.models import Frequency, Languages, Subscriber
from testing.alerts_factories import subscriber
from testing.factories import make_topic, publish_release
from testing.mailbox import header, html_of, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
SITE = "https://press.example.org"
URL = re.compile(r"https?://[^\s\"'<>]+")


def ask(client, language: str, languages=Languages.BOTH, address="reader@example.org"):
    data = {"email": address, "languages": languages, "frequency": Frequency.IMMEDIATELY}
    return client.post(f"/{language}/alerts/", data)


def site_links(message) -> list[str]:
    """Every link to the site in an email: both parts and the List-Unsubscribe header."""
    found = URL.findall(text_of(message)) + URL.findall(html_of(message))
    if message["List-Unsubscribe"]:
        found += URL.findall(header(message, "List-Unsubscribe"))
    return [url.rstrip(".") for url in found if url.startswith(SITE)]


def path_of(message, fragment: str) -> str:
    return next(url for url in site_links(message) if fragment in url).removeprefix(SITE)


def publish_now():
    return publish_release(
        title_zh="海關檢獲大批懷疑冒牌貨物",
        title_en="Customs seizes suspected counterfeit goods",
        publish_at=timezone.now(),
    )


@time_machine.travel(NOON, tick=False)
def test_both_languages_from_the_english_page_link_every_email_to_english_pages(
    client, mailbox, settings
):
    settings.SITE_URL = SITE
    ask(client, "en")
    run_worker()
    [confirmation] = mailbox.messages
    assert header(confirmation, "Subject") == (
        "Confirm your press release alerts | 請確認訂閱新聞公報電郵通知"
    )
    confirmation_links = site_links(confirmation)
    assert confirmation_links and all(
        url.startswith(f"{SITE}/en/alerts/confirm/") for url in confirmation_links
    )
    assert "Confirm your subscription" in text_of(confirmation)
    assert "確認訂閱" in text_of(confirmation)

    client.post(path_of(confirmation, "/alerts/confirm/"))
    publish_now()
    run_worker()
    alert = mailbox.messages[1]
    assert header(alert, "Subject") == (
        "Customs seizes suspected counterfeit goods | 海關檢獲大批懷疑冒牌貨物"
    )
    assert header(alert, "List-Unsubscribe").startswith(f"<{SITE}/en/alerts/unsubscribe/")
    alert_links = site_links(alert)
    assert len(alert_links) >= 8
    assert [url for url in alert_links if not url.startswith(f"{SITE}/en/")] == []
    # The English column leads; the Chinese one follows, in Chinese.
    html = html_of(alert)
    assert html.index('lang="en"') < html.index('<td class="email-column" lang="zh-Hant-HK"')
    assert "香港時間" in html and "Issued at HKT" in html


@time_machine.travel(NOON, tick=False)
def test_a_subscriber_from_the_traditional_page_keeps_traditional_links(client, mailbox):
    ask(client, "zh-hant")
    run_worker()
    links_ = site_links(mailbox.messages[0])
    assert links_ and all(url.startswith(f"{SITE}/zh-hant/") for url in links_)
    assert Subscriber.objects.get().language == "zh-hant"


def test_the_simplified_page_offers_simplified_chinese_instead_of_traditional(client):
    page = client.get("/zh-hans/alerts/").content.decode()
    assert 'for="id_languages_0">简体中文</label>' in page
    assert "繁体中文</label>" not in page and "繁體中文</label>" not in page
    traditional = client.get("/zh-hant/alerts/").content.decode()
    assert 'for="id_languages_0">繁體中文</label>' in traditional


@time_machine.travel(NOON, tick=False)
def test_a_simplified_reader_gets_simplified_emails_linking_to_simplified_pages(client, mailbox):
    ask(client, "zh-hans", languages=Languages.CHINESE)
    run_worker()
    [confirmation] = mailbox.messages
    assert header(confirmation, "Subject") == "请确认订阅新闻公报电子邮件通知"
    assert "确认订阅" in text_of(confirmation)
    client.post(path_of(confirmation, "/alerts/confirm/"))

    publish_now()
    run_worker()
    alert = mailbox.messages[1]
    assert header(alert, "Subject") == "海关检获大批怀疑冒牌货物"
    assert header(alert, "Content-Language") == "zh-Hans"
    assert '<td class="email-column" lang="zh-Hans"' in html_of(alert)
    assert "海關" not in text_of(alert) and "海關" not in html_of(alert)
    assert "香港时间12时00分发出" in text_of(alert)
    links_ = site_links(alert)
    assert links_ and all(url.startswith(f"{SITE}/zh-hans/") for url in links_)


@pytest.mark.parametrize(
    ("language", "chosen", "not_chosen"),
    [("en", "id_languages_1", "id_languages_0"), ("zh-hant", "id_languages_0", "id_languages_1")],
)
def test_the_page_s_own_language_is_chosen_in_advance(client, language, chosen, not_chosen):
    page = client.get(f"/{language}/alerts/").content.decode()
    assert re.search(rf'<input[^>]*id="{chosen}"[^>]*checked', page)
    assert not re.search(rf'<input[^>]*id="{not_chosen}"[^>]*checked', page)


def test_saving_choices_in_another_language_moves_the_links_to_it(client):
    person = subscriber("reader@example.org", Languages.BOTH)
    assert person.language == "zh-hant"
    path = f"/en/alerts/manage/{links.manage_token(person.pk)}/"
    client.post(path, {"languages": Languages.BOTH, "frequency": Frequency.DAILY})
    person.refresh_from_db()
    assert person.language == "en"


@time_machine.travel(NOON, tick=False)
def test_confirming_says_you_are_subscribed_and_to_what(client, mailbox):
    make_topic("seizures", "檢獲", "Seizures")
    client.post(
        "/en/alerts/",
        {
            "email": "reader@example.org",
            "languages": Languages.ENGLISH,
            "frequency": Frequency.IMMEDIATELY,
            "topics": [make_topic("trade", "貿易", "Trade").pk],
        },
    )
    run_worker()
    confirm = path_of(mailbox.messages[0], "/alerts/confirm/")
    assert "You are subscribed" not in client.get(confirm).content.decode()

    response = client.post(confirm, follow=True)
    page = response.content.decode()

    assert "You are subscribed to press releases on Trade." in page
    assert "Seizures." not in page
    # Said once: the next visit to the settings page is quiet.
    manage = response.redirect_chain[-1][0]
    assert "You are subscribed" not in client.get(manage).content.decode()


def test_confirming_without_topics_says_every_press_release_in_chinese(client):
    person = subscriber("reader@example.org", confirmed=False)
    page = client.post(
        f"/zh-hant/alerts/confirm/{links.confirm_token(person.pk)}/", follow=True
    ).content.decode()
    assert "閣下已訂閱所有新聞公報。" in page


def test_check_your_email_names_the_address_the_email_went_to(client):
    assert "reader@example.org" not in client.get("/en/alerts/check-your-email/").content.decode()
    response = ask(client, "en", address="Reader@Example.org")
    page = client.get(response["Location"]).content.decode()
    assert (
        'we have sent an email to <strong class="alert-address">reader@example.org</strong>'
        in (page)
    )
    chinese = ask(client, "zh-hant", address="reader@example.org")
    assert "我們已向<strong" in client.get(chinese["Location"]).content.decode()


def test_a_forged_address_cookie_names_no_address(client):
    client.cookies["alerts_sent_to"] = "victim@example.org"
    page = client.get("/en/alerts/check-your-email/").content.decode()
    assert "victim@example.org" not in page
    assert "an email is on its way to it" in page
