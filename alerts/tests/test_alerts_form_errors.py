"""Form errors follow GOV.UK's error summary pattern, in the page's language."""

import re

import pytest

from alerts import links
from alerts.models import Frequency, Languages
from testing.alerts_factories import subscriber

pytestmark = pytest.mark.django_db


def title_of(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S)[1].strip()


def summary_of(page: str) -> str:
    return re.search(r'<div class="error-summary".*?</div>', page, re.S)[0]


def test_an_empty_form_lists_each_error_at_the_top_linked_to_its_field(client):
    response = client.post("/en/alerts/", {})
    page = response.content.decode()

    assert response.status_code == 400
    assert title_of(page) == "Error: Email alerts | Customs and Excise Department"
    summary = summary_of(page)
    assert 'role="alert"' in summary and "autofocus" in summary and 'tabindex="-1"' in summary
    assert "There is a problem" in summary
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == [
        ("id_email", "Enter your email address"),
        ("id_languages_0", "Choose the languages of your emails"),
        ("id_frequency_0", "Choose how often to get emails"),
    ]
    # The summary comes before the page's heading, and each link's target exists.
    assert page.index("error-summary") < page.index('<h1 class="page-title">')
    for anchor in ("id_email", "id_languages_0", "id_frequency_0"):
        assert f'id="{anchor}"' in page
    assert "This field is required." not in page


def test_every_invalid_group_is_described_by_its_message_and_marked_invalid(client):
    page = client.post("/en/alerts/", {"languages": Languages.ENGLISH}).content.decode()

    assert re.search(
        r'<fieldset class="alert-form__group alert-form__group--error" '
        r'aria-describedby="id_frequency_error" aria-invalid="true">',
        page,
    )
    assert re.search(
        r'<p class="alert-form__error" id="id_frequency_error">'
        r'<span class="visually-hidden">Error:</span> Choose how often to get emails</p>',
        page,
    )
    assert re.search(r'<input type="radio" name="frequency"[^>]*aria-invalid="true"', page)
    assert 'aria-invalid="true" aria-describedby="email-error"' in page
    # The languages group, answered, is not marked.
    assert re.search(r'<fieldset class="alert-form__group">\s*<legend>Languages</legend>', page)
    assert not re.search(r'<input type="radio" name="languages"[^>]*aria-invalid', page)


def test_a_valid_page_has_no_summary_and_no_error_in_its_title(client):
    page = client.get("/en/alerts/").content.decode()
    assert title_of(page) == "Email alerts | Customs and Excise Department"
    assert "error-summary" not in page and "aria-invalid" not in page


@pytest.mark.parametrize(
    ("language", "title", "messages", "generic"),
    [
        (
            "zh-hant",
            "錯誤：電郵通知",
            ["請輸入電郵地址", "請選擇電郵的語言", "請選擇收取電郵的頻率", "出現問題"],
            "請更正",
        ),
        (
            "zh-hans",
            "错误：电子邮件通知",
            ["请选择收取电子邮件的频率", "出现问题"],
            "请更正以下数据",
        ),
    ],
)
def test_chinese_pages_word_each_error_in_chinese(client, language, title, messages, generic):
    response = client.post(f"/{language}/alerts/", {})
    page = response.content.decode()
    assert response.status_code == 400
    assert title_of(page).startswith(title)
    for message in messages:
        assert message in summary_of(page)
    assert generic not in page
    assert "Choose how often" not in page and "This field is required" not in page


def test_the_manage_form_summarises_its_errors_too(client):
    person = subscriber("reader@example.org")
    path = f"/en/alerts/manage/{links.manage_token(person.pk)}/"
    response = client.post(path, {"languages": "x", "frequency": Frequency.DAILY})
    page = response.content.decode()
    assert response.status_code == 400
    assert title_of(page).startswith("Error: Your email alerts")
    assert '<a href="#id_languages_0">Choose the languages of your emails</a>' in summary_of(page)
