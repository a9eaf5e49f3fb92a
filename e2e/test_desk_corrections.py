"""The desk at 1280 px with the side menu open: the list's room, a proposed correction, axe."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from e2e.test_desk import DJANGO_ADMIN_RULES, signed_in
from releases.models import CorrectionProposal, Release
from releases.proposals import texts_of
from testing.factories import make_release, publish_release, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password"
LONG_TITLE = "海關在葵涌貨櫃碼頭檢獲約二百萬支懷疑私煙"


@pytest.fixture
def desk(live_server):
    for username, group in [("eddie", "Editors"), ("pat", "Publishers")]:
        staff_member(username, group, PASSWORD)
    publish_release(
        publish_at=datetime(2026, 12, 5, 11, 0, tzinfo=ZoneInfo("Asia/Hong_Kong")),
        title_zh=LONG_TITLE,
        title_en="Customs seizes about two million suspected illicit cigarettes at Kwai Chung",
    )
    make_release(status=Release.Status.WITHDRAWN, title_zh="海關公布執法數字")
    make_release(title_zh="海關提醒市民切勿攜帶違禁品入境")
    return live_server


def own_violations(page) -> list[str]:
    return [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in Axe().run(page).response["violations"]
        if v["id"] not in DJANGO_ADMIN_RULES
    ]


@pytest.mark.parametrize("language", ["zh-HK", "en"])
def test_the_list_gives_titles_the_room_and_dates_one_line(desk, browser: Browser, language):
    page = signed_in(browser, desk.url, "pat", language)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{desk.url}/admin/releases/release/")
    expect(page.locator("#nav-sidebar")).to_be_visible()

    def lines(cell) -> float:
        """How many lines a cell's text takes (not the row's height, which the tallest sets)."""
        return cell.evaluate(
            """cell => { const text = document.createRange(); text.selectNodeContents(cell);
                return text.getBoundingClientRect().height
                    / parseFloat(getComputedStyle(cell).lineHeight); }"""
        )

    for cell in page.locator(".field-publish_at, .field-last_changed").all():
        assert lines(cell) < 1.5, cell.inner_text()
    withdrawn = page.locator(
        ".field-state", has_text="撤回" if language == "zh-HK" else "Withdrawn"
    )
    assert lines(withdrawn) < 1.5
    title = page.locator(".field-chinese_title", has_text=LONG_TITLE[:4]).first
    # 20 characters on three lines at most: at least seven a line, not four.
    assert lines(title) < 3.5
    table = page.locator("#result_list").bounding_box()
    content = page.locator("#content").bounding_box()
    assert table["x"] + table["width"] <= content["x"] + content["width"] + 1
    assert own_violations(page) == []


def test_an_editor_proposes_and_a_publisher_applies_in_the_browser(desk, browser: Browser):
    release = Release.objects.get(translations__title="海關提醒市民切勿攜帶違禁品入境")
    editor = signed_in(browser, desk.url, "eddie")
    editor.goto(f"{desk.url}/admin/releases/release/{release.pk}/change/")
    expect(editor.locator(".desk-readonly-note")).to_contain_text("Only publishers change")
    editor.get_by_role("link", name="Propose a correction").click()
    editor.fill("#id_body_zh_hant", "第一段（已更正）。\n\n第二段。")
    editor.fill("#id_change_note_zh_hant", "更正第一段。")
    editor.fill("#id_change_note_en", "The first paragraph was corrected.")
    assert own_violations(editor) == []
    editor.get_by_role("button", name="Send to the publishers").click()
    expect(editor.locator(".messagelist")).to_contain_text("sent to the publishers")

    publisher = signed_in(browser, desk.url, "pat")
    publisher.goto(f"{desk.url}/admin/releases/release/{release.pk}/change/")
    publisher.locator(".desk-proposals a").click()
    expect(publisher.locator(".desk-comparison ins")).to_have_text("（已更正）")
    assert own_violations(publisher) == []
    publisher.get_by_role("button", name="Publish the correction").click()

    expect(publisher.locator(".messagelist")).to_contain_text("published with its change note")
    assert CorrectionProposal.objects.get().state == "applied"
    release.refresh_from_db()
    assert texts_of(release)["zh-hant"]["body"] == "第一段（已更正）。\n\n第二段。"
