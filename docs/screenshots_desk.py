"""Photograph the desk's working day for docs/editors.md: docs/images/desk-*.png.

`make screenshots` runs this after docs/screenshots.py, on its own throwaway demo
site (see `demo_site()` there) with a few more releases written through the
publishing entry points: one scheduled (under embargo), one withdrawn by 陳美玲 with her reason,
a draft, and a correction an editor proposed to the demo release. At 1280 px,
in both languages, with the side menu open: the release list, the change page
with the pending correction, the embargo block of the scheduled release,
the correction compared with the published text,
and the withdrawn release's history.
"""

import sys

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from screenshots import CHROMIUM, CHROMIUM_ARGS, IMAGES, LANGUAGES, STAFF, demo_site, save

# Run in the demo site's database (`manage.py shell`): the releases the pictures need.
SCENE = """
from datetime import datetime
from zoneinfo import ZoneInfo
from django.contrib.auth.models import Group, User
from django.utils import timezone
from releases import publishing
from releases.models import Release

now = timezone.now()
hong_kong = ZoneInfo("Asia/Hong_Kong")
chan = User.objects.create_user("mlchan", is_staff=True, first_name="美玲", last_name="陳")
chan.groups.add(Group.objects.get(name="Publishers"))
editor = User.objects.create_user(
    "eddie", password="docs-screenshots", is_staff=True, first_name="Eddie", last_name="Ng"
)
editor.groups.add(Group.objects.get(name="Editors"))

def release(zh, en, body_zh, body_en):
    item = Release(publish_at=now)
    for code, title, body in (("zh-hant", zh, body_zh), ("en", en, body_en)):
        item.set_current_language(code)
        item.title, item.body = title, body
    publishing.save(item, publishing.Step(Release.Status.DRAFT), user=chan, now=now)
    return item

scheduled = release(
    "海關在葵涌貨櫃碼頭檢獲約二百萬支懷疑私煙",
    "Customs seizes about two million suspected illicit cigarettes at Kwai Chung",
    "香港海關今日在葵涌貨櫃碼頭檢獲約二百萬支懷疑私煙。",
    "Hong Kong Customs today seized about two million suspected illicit cigarettes.",
)
scheduled.publish_at = datetime(2027, 12, 5, 11, 0, tzinfo=hong_kong)
publishing.publish(scheduled, user=chan, now=now)
publishing.embargo(
    scheduled,
    media_at=datetime(2027, 12, 5, 9, 0, tzinfo=hong_kong),
    audience="beats",
    user=chan,
    now=now,
)
withdrawn = release(
    "海關公布二〇二三年首三季執法數字",
    "Customs announces enforcement figures for first three quarters of 2023",
    "香港海關今日公布二〇二三年首三季的執法數字。",
    "Hong Kong Customs today announced its enforcement figures.",
)
publishing.publish(withdrawn, user=chan, now=now)
publishing.withdraw(
    withdrawn, {"zh-hant": "數字有誤", "en": "the figures were wrong"}, user=chan, now=now
)
release(
    "海關提醒市民切勿攜帶違禁品入境",
    "Customs reminds travellers not to bring in prohibited articles",
    "香港海關提醒市民切勿攜帶違禁品入境。",
    "Hong Kong Customs reminds travellers not to bring in prohibited articles.",
)
demo = Release.objects.get(pk=1)
from testing.factories import add_image
add_image(demo, caption=("海關人員在論壇上合照。", "Customs officers at the symposium."))
texts = {code: {name: demo.safe_translation_getter(name, language_code=code) or ""
                for name in ("title", "summary", "body")} for code in ("zh-hant", "en")}
texts["zh-hant"]["body"] = texts["zh-hant"]["body"].replace("11月29至30日", "11月29日至30日")
texts["en"]["body"] = texts["en"]["body"].replace("29 to 30", "29 and 30")
publishing.propose_correction(
    demo,
    texts,
    {"zh-hant": "更正交流會日期的寫法。", "en": "The dates of the mission are written in full."},
    user=editor,
    now=now,
)
"""


def photograph(page: Page, url: str, language: str) -> None:
    page.goto(f"{url}/admin/releases/release/")
    save(page, f"desk-list-{language}-1280")
    page.goto(f"{url}/admin/releases/release/1/change/")
    save(page, f"desk-pending-correction-{language}-1280")
    page.locator("#images-group").scroll_into_view_if_needed()
    save(page, f"desk-photo-boxes-{language}-1280")
    # The scheduled release is under embargo: its block on the change page.
    page.goto(f"{url}/admin/releases/release/2/change/")
    save(page, f"desk-embargo-{language}-1280", only="fieldset.desk-embargo-block")
    page.goto(f"{url}/admin/releases/release/1/change/")
    page.click(".desk-proposals a")
    save(page, f"desk-correction-compared-{language}-1280")
    # The demo release is 1, the scheduled one 2, the withdrawn one 3.
    page.goto(f"{url}/admin/releases/release/3/history/")
    save(page, f"desk-history-{language}-1280")


def signed_in(browser: Browser, url: str, locale: str, username: str) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", STAFF[1])
    page.click("input[type=submit]")
    return context


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with demo_site(prepare=SCENE) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LANGUAGES.items():
            context = signed_in(browser, url, locale, STAFF[0])
            photograph(context.pages[0], url, language)
            context.close()
            # The editor reads the published release as text, with their proposal's state.
            context = signed_in(browser, url, locale, "eddie")
            page = context.pages[0]
            page.goto(f"{url}/admin/releases/release/1/change/")
            save(page, f"desk-editor-reads-{language}-1280")
            context.close()
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
