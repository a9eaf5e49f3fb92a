"""The media desk as a journalist meets it, in a browser: apply, confirm, sign in, read.

Each language walks the whole path in one browser context at 375 px: the apply
form empty and with bad input, check-your-email, confirm, (staff approve through
media.accreditation), sign in with an unknown and the accredited address, the
sign-in link, the room, settings (bad input, then a change), an embargoed copy,
sign out. Every page is axe clean and nothing is wider than the screen.

With PRESSROOM_MEDIA_DESK_SHOTS=<folder> each page is also photographed there at
375 and 1280 px, to look at.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.accessibility import violations
from media import accreditation, links
from media.models import Decision, Journalist, SignInLink
from testing.factories import make_embargoed, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = timedelta(hours=1)
SHOTS = os.environ.get("PRESSROOM_MEDIA_DESK_SHOTS")

# What each language's pages say, to find buttons and check the answers.
WORDS = {
    "en": {
        "apply": "Apply",
        "problem": "There is a problem",
        "name": "Enter your name",
        "long": "Enter a name of 100 characters or fewer",
        "email": "Enter an email address in the correct format, like name@example.com",
        "phone": "Enter a phone number, like +852 2815 7711",
        "languages": "Choose the languages you work in",
        "check": "Check your email",
        "confirm": "Confirm your address",
        "ask": "Email me a sign-in link",
        "required": "Enter your work email address",
        "sign in": "Sign in",
        "settings": "Your beats and emails",
        "pause": "Pause embargo emails",
        "save": "Save",
        "saved": "Your settings are saved.",
        "sign out": "Sign out",
        "signed out": "You are signed out of the media room.",
        "title": "Customs seizes suspected illicit cigarettes at Kwai Chung",
    },
    "zh-hant": {
        "apply": "申請",
        "problem": "出現問題",
        "name": "請輸入你的姓名",
        "long": "姓名不可超過100個字元",
        "email": "請以正確格式輸入電郵地址，例如name@example.com",
        "phone": "請輸入電話號碼，例如 +852 2815 7711",
        "languages": "請選擇你的工作語言",
        "check": "請查看電郵",
        "confirm": "確認你的地址",
        "ask": "以電郵發送登入連結",
        "required": "請輸入你的工作電郵地址",
        "sign in": "登入",
        "settings": "你的採訪範疇及電郵",
        "pause": "暫停接收禁止發布電郵",
        "save": "儲存",
        "saved": "你的設定已儲存。",
        "sign out": "登出",
        "signed out": "你已登出傳媒資料室。",
        "title": "海關在葵涌貨櫃碼頭檢獲懷疑私煙",
    },
    # The Simplified interface: its catalogue, and the release converted as it is served.
    "zh-hans": {
        "apply": "申请",
        "problem": "出现问题",
        "name": "请输入你的姓名",
        "long": "姓名不可超过100个字符",
        "email": "请以正确格式输入电子邮件地址，例如name@example.com",
        "phone": "请输入电话号码，例如 +852 2815 7711",
        "languages": "请选择你的工作语言",
        "check": "请查看电子邮件",
        "confirm": "确认你的地址",
        "ask": "以电子邮件发送登录链接",
        "required": "请输入你的工作电子邮件地址",
        "sign in": "登录",
        "settings": "你的采访范畴及电子邮件",
        "pause": "暂停接收禁止发布电子邮件",
        "save": "保存",
        "saved": "你的设置已保存。",
        "sign out": "退出登录",
        "signed out": "你已退出媒体中心。",
        "title": "海关在葵涌货柜码头检获怀疑私烟",
    },
}


@pytest.fixture
def embargoed(live_server, clock):
    now = timezone.now()
    release = make_embargoed(
        media_at=now + HOUR,
        publish_at=now + 3 * HOUR,
        title_zh=WORDS["zh-hant"]["title"],
        title_en=WORDS["en"]["title"],
        body_zh="香港海關今日在葵涌貨櫃碼頭檢獲一批懷疑私煙。",
        body_en="Hong Kong Customs today seized a batch of suspected illicit cigarettes.",
    )
    clock.move_to(now + HOUR + timedelta(minutes=1))
    return release


class Walk:
    """One journalist's browser: each page it reaches is checked (and photographed if asked)."""

    def __init__(self, browser: Browser, url: str, language: str):
        self.page: Page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
        self.url, self.language = url, language
        self.words = WORDS[language]
        self.found: dict[str, list[str]] = {}

    def goto(self, path: str) -> None:
        self.page.goto(f"{self.url}/{self.language}/media/{path}")

    def click(self, word: str) -> None:
        self.page.get_by_role("button", name=self.words[word], exact=True).click()
        self.page.wait_for_load_state("load")

    def check(self, name: str) -> None:
        page = self.page
        found = violations(page)
        if page.evaluate("document.documentElement.scrollWidth") > 375:
            found.append("wider than 375 px")
        if found:
            self.found[name] = found
        if SHOTS:
            folder = Path(SHOTS)
            page.screenshot(path=folder / f"{self.language}-{name}-375.png", full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            page.screenshot(path=folder / f"{self.language}-{name}-1280.png", full_page=True)
            page.set_viewport_size({"width": 375, "height": 800})

    def error_summary(self, *messages: str) -> None:
        summary = self.page.locator(".error-summary")
        expect(summary).to_be_focused()
        for message in messages:
            expect(summary).to_contain_text(message)


def walk(browser: Browser, url: str, language: str) -> dict[str, list[str]]:
    walk = Walk(browser, url, language)
    page, words = walk.page, walk.words
    email = f"{language}@example.news"

    walk.goto("")
    walk.check("apply")
    walk.click("apply")
    walk.error_summary(words["name"], words["required"])
    walk.check("apply-empty")

    # Bad input a browser lets through: the length limit is lifted, no language chosen.
    page.evaluate(
        "document.querySelectorAll('[maxlength]').forEach(f => f.removeAttribute('maxlength'));"
        "document.querySelectorAll('[name=languages]').forEach(f => { f.checked = false; })"
    )
    page.locator("#id_name").fill("陳" * 101)
    page.locator("#id_outlet").fill("Harbour Daily")
    page.locator("#id_email").fill("ada@")
    page.locator("#id_phone").fill("call me")
    walk.click("apply")
    walk.error_summary(words["long"], words["email"], words["phone"], words["languages"])
    walk.check("apply-bad")

    page.locator("#id_name").fill("Ada Lam")
    page.locator("#id_email").fill(email)
    page.locator("#id_phone").fill("+852 2815 7711")
    page.locator("[name=languages]").first.check()
    walk.click("apply")
    expect(page.locator("h1")).to_have_text(words["check"])
    walk.check("check-email")

    journalist = Journalist.objects.get(email=email)
    walk.goto(f"confirm/{links.confirm_token(journalist.pk)}/")
    walk.check("confirm")
    walk.click("confirm")
    walk.check("confirmed")
    walk.goto("confirm/forged/")
    walk.check("link-invalid")

    staff = staff_member(f"publisher-{language}", "Publishers")
    accreditation.decide(journalist, Decision.Action.APPROVED, staff, timezone.now())

    walk.goto("sign-in/")
    walk.click("ask")
    walk.error_summary(words["required"])
    walk.check("sign-in-empty")
    page.locator("#id_email").fill("nobody@example.news")
    walk.click("ask")
    expect(page.locator("h1")).to_have_text(words["check"])
    assert not SignInLink.objects.exists()
    walk.goto("sign-in/")
    page.locator("#id_email").fill(email)
    walk.click("ask")
    walk.check("sign-in-sent")

    link = SignInLink.objects.get(journalist=journalist)
    walk.goto(f"sign-in/{links.sign_in_token(link)}/")
    walk.check("sign-in-link")
    walk.click("sign in")
    page.wait_for_url(f"**/{language}/media/room/")
    walk.check("room")

    walk.goto("room/settings/")
    walk.check("settings")
    page.evaluate("document.querySelectorAll('[name=languages]').forEach(f => f.value = 'x')")
    walk.click("save")
    walk.error_summary(words["languages"])
    walk.check("settings-bad")
    page.locator("[name=languages]").first.check()
    page.get_by_label(words["pause"]).check()
    walk.click("save")
    expect(page.get_by_role("status")).to_have_text(words["saved"])
    walk.check("settings-saved")
    journalist.refresh_from_db()
    assert journalist.emails_paused

    walk.goto("room/")
    page.get_by_role("link", name=words["title"]).click()
    page.wait_for_url("**/room/releases/*/")
    walk.check("release")

    walk.click("sign out")
    expect(page.get_by_role("status")).to_have_text(words["signed out"])
    walk.check("signed-out")
    page.context.close()
    return walk.found


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
def test_a_journalist_applies_signs_in_and_reads_an_embargoed_copy(
    live_server, embargoed, browser, language
):
    assert walk(browser, live_server.url, language) == {}
