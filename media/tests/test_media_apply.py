"""Applying to the media desk: the form, bilingual errors, confirming the address by email."""

from datetime import timedelta

import pytest

from media.models import Journalist, Status
from testing.factories import make_topic
from testing.mailbox import header, html_of, run_worker, text_of
from testing.media_factories import journalist

pytestmark = pytest.mark.django_db(transaction=True)

GOOD = {
    "name": "Ada Lam",
    "outlet": "Harbour Daily",
    "email": "Ada@Example.News",
    "phone": "+852 2815 7711",
    "languages": "both",
}


def path_of(url: str) -> str:
    return url.removeprefix("https://press.example.org")


def link_in(message, part: str) -> str:
    for line in text_of(message).splitlines():
        if part in line:
            return path_of(line.split("：" if "：" in line else ": ", 1)[1].strip())
    raise AssertionError(f"no {part} link")


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [("en", "Media desk", "Apply"), ("zh-hant", "傳媒專區", "申請")],
)
def test_the_media_desk_page_explains_and_asks_in_the_interface_language(
    client, language, heading, button
):
    make_topic("seizures", "檢獲", "Seizures")
    response = client.get(f"/{language}/media/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="page-title">{heading}</h1>' in page
    assert f">{button}</button>" in page
    assert ("Seizures" if language == "en" else "檢獲") in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "en",
            [
                "There is a problem",
                "Enter your name",
                "Enter the news outlet you work for",
                "Enter an email address in the correct format, like name@example.com",
                "Enter a phone number, like +852 2815 7711",
                "Choose the languages you work in",
            ],
        ),
        (
            "zh-hant",
            [
                "出現問題",
                "請輸入你的姓名",
                "請輸入你所屬的新聞機構",
                "請以正確格式輸入電郵地址，例如name@example.com",
                "請輸入電話號碼，例如 +852 2815 7711",
                "請選擇你的工作語言",
            ],
        ),
    ],
)
def test_bad_input_gets_each_error_in_the_page_language_and_nothing_is_saved(
    client, language, messages
):
    response = client.post(
        f"/{language}/media/",
        {"name": "", "outlet": "", "email": "not an address", "phone": "call me", "beats": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    for message in messages:
        assert message in page
    assert 'href="#id_name"' in page
    assert not Journalist.objects.exists()


def test_an_application_waits_for_staff_once_the_address_is_confirmed(client, mailbox):
    beat = make_topic("seizures", "檢獲", "Seizures")
    response = client.post("/en/media/", {**GOOD, "beats": [beat.pk]})
    assert response.status_code == 302
    assert response["Location"] == "/en/media/check-your-email/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    applicant = Journalist.objects.get()
    assert (applicant.email, applicant.language) == ("ada@example.news", "en")
    assert list(applicant.beats.all()) == [beat]
    assert applicant.status_at() == Status.APPLIED

    run_worker()
    [message] = mailbox.messages
    assert header(message, "Subject") == "Confirm your application to the media desk"
    assert "Confirm your address" in html_of(message)
    link = link_in(message, "/media/confirm/")
    # Opening the link (as a mail scanner might) confirms nothing; the button does.
    assert client.get(link).status_code == 200
    assert Journalist.objects.get().status_at() == Status.APPLIED
    page = client.post(link).content.decode()
    assert "Your application is with our staff" in page
    assert Journalist.objects.get().status_at() == Status.AWAITING


def test_a_chinese_application_is_confirmed_in_chinese(client, mailbox):
    client.post("/zh-hant/media/", {**GOOD, "email": "wing@example.news"})
    run_worker()
    [message] = mailbox.messages
    assert header(message, "Subject") == "確認你向傳媒專區提交的申請"
    assert "/zh-hant/media/confirm/" in text_of(message)


def test_a_forged_or_lapsed_confirmation_link_opens_nothing(client, mailbox, clock):
    client.post("/en/media/", GOOD)
    run_worker()
    link = link_in(mailbox.messages[0], "/media/confirm/")
    assert client.get(link[:-3] + "abc/").status_code == 404
    clock.shift(timedelta(days=8))
    response = client.post(link)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert Journalist.objects.get().email_confirmed_at is None


def test_an_accredited_address_applying_again_changes_nothing(client, mailbox):
    journalist(email="ada@example.news", outlet="Old Outlet")
    response = client.post("/en/media/", GOOD)
    assert response.status_code == 302
    assert Journalist.objects.get().outlet == "Old Outlet"


def test_a_robot_filling_the_hidden_field_is_answered_alike_and_nothing_is_kept(client):
    response = client.post("/en/media/", {**GOOD, "website": "spam"})
    assert response.status_code == 302
    assert not Journalist.objects.exists()


def test_every_page_leads_journalists_to_the_media_desk_in_its_footer(client):
    assert 'For journalists: <a href="/en/media/">Media desk</a>' in (
        client.get("/en/").content.decode()
    )
    chinese = client.get("/zh-hant/").content.decode()
    assert '記者：<a href="/zh-hant/media/">傳媒專區</a>' in chinese
