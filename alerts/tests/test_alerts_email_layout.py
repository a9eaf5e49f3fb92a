"""An alert email fits a phone, writes the time as the page does, and punctuates Chinese."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from alerts import confirmation, messages
from alerts.models import ContentChange, Languages
from releases.models import Release
from testing.alerts_factories import subscriber

pytestmark = pytest.mark.django_db

EARLY = datetime(2023, 11, 30, 3, 58, tzinfo=ZoneInfo("Asia/Hong_Kong"))


def rendered(release: Release, languages: str, interface: str = "zh-hant") -> messages.Rendered:
    change = ContentChange(release=release, kind=ContentChange.Kind.PUBLISHED)
    release = messages.load_release(release.pk)
    sections = messages.change_sections(change, release, languages, interface)
    return messages.render(sections, link_language=interface)


def test_the_both_languages_email_is_one_fluid_column_that_stacks_on_a_phone(demo_release):
    html = rendered(demo_release, Languages.BOTH).html

    style = re.search(r"<style>(.*?)</style>", html, re.S)[1]
    stacked = re.search(r"@media screen and \(max-width: (\d+)px\) \{(.*)\}", style, re.S)
    assert stacked and int(stacked[1]) >= 600
    assert ".email-column { display: block !important; width: auto !important;" in stacked[2]
    assert html.count('<td class="email-column"') == 2
    # No width fixed wider than a phone: only a fluid maximum and percentages.
    fixed = re.findall(r"(?<![-\w])width\s*:\s*\d+px|\bwidth=\"\d+\"", html)
    assert fixed == []
    assert "max-width:880px" in html
    assert "width:50%" in html


def test_a_one_language_email_has_no_side_by_side_width(demo_release):
    html = rendered(demo_release, Languages.ENGLISH, "en").html
    assert "max-width:600px" in html and "width:50%" not in html


def test_the_email_writes_the_issue_time_as_the_release_page_does(client, demo_release):
    Release.objects.filter(pk=demo_release.pk).update(publish_at=EARLY, first_public_at=EARLY)

    email = rendered(demo_release, Languages.BOTH)
    page = client.get(demo_release.get_absolute_url()).content.decode()

    for text in (email.text, email.html, page):
        assert "香港時間3時58分發出" in text
    assert "03時58分" not in email.text + email.html
    assert "Issued at HKT 03:58" in email.text


def test_chinese_labels_in_emails_take_full_width_colons_and_english_ones_ascii(demo_release):
    email = rendered(demo_release, Languages.BOTH)
    chinese_text, english_text = email.text.split("-" * 40)

    assert "電郵：aeo@customs.gov.hk" in chinese_text
    assert f"更改語言、主題或發送頻率：{messages.MANAGE_PLACEHOLDER}" in chinese_text
    assert f"取消訂閱：{messages.UNSUBSCRIBE_PLACEHOLDER}" in chinese_text
    assert not re.search(r"[\u4e00-\u9fff]: ", email.text + email.html)
    assert "Email: aeo@customs.gov.hk" in english_text
    assert f"Unsubscribe: {messages.UNSUBSCRIBE_PLACEHOLDER}" in english_text
    assert '電郵：<a href="mailto:aeo@customs.gov.hk"' in email.html


def test_the_confirmation_email_s_chinese_action_line_takes_a_full_width_colon(mailoutbox):
    person = subscriber("reader@example.org", Languages.CHINESE, confirmed=False)
    confirmation.send(person.pk)

    [message] = mailoutbox
    assert re.search(r"確認訂閱：https?://\S+/zh-hant/alerts/confirm/", message.body)
    assert ": http" not in message.body
