"""Photograph the demo site for the documentation: docs/images/*.png.

`make screenshots` runs this. It builds a throwaway SQLite database (migrate,
`load_demo`, a staff account), serves it with Django's development server on a
free port of 127.0.0.1, and has Debian's Chromium, driven by Playwright as the
browser tests do, photograph each page at 1280 and 375 px wide in both
languages, the paragraph-by-paragraph view likewise, a printout of the release
(print media on an A4-wide page, whole), and the admin as an editor sees it:
the two-column change page, a correction held until the other language is
checked, a figure changed in one language held by the two languages' check,
the list, and a review link opened by a reviewer without an account.
Then, on a seeded archive with a newsroom's morning, the header at both widths,
the topics page and today's page at 375 px in both languages, and a release's
and the default link-preview card (`docs/screenshots.py finding` takes only these).
`SCREENSHOTS_ONLY=admin-findings` (a start of the names) writes only those.
Each picture is reduced to a small palette, then recompressed without loss by
`zopflipng` when it is installed (Debian's `zopfli` package), so the committed
PNGs stay about 1 MB in all.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
CHROMIUM = os.environ.get("PRESSROOM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {1280: 900, 375: 812}
LANGUAGES = {"zh-hant": "zh-HK", "en": "en-GB"}
STAFF = ("docs", "docs-screenshots")
COLOURS = 64
# An A4 sheet's width in CSS pixels (210 mm at 96 px to the inch).
A4_WIDTH = 794


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# A newsroom's morning for the pages that find releases: three issued within the last hour and
# a half (the demo release is from 2023), and a seeded archive for the topics page.
NEWSROOM_MORNING = """
from datetime import timedelta
from django.utils import timezone
from releases.models import Release, Topic
from testing.factories import make_release
now = timezone.now()
topics = list(Topic.objects.order_by("slug")[:2])
for minutes, zh, en in [
    (10, "海關檢獲懷疑可卡因", "Customs seize suspected cocaine"),
    (45, "海關打擊冒牌貨品", "Customs combat counterfeit goods"),
    (90, "海關與東盟簽署合作備忘錄", "Customs sign cooperation memorandum with ASEAN"),
]:
    make_release(title_zh=zh, title_en=en, publish_at=now - timedelta(minutes=minutes)).topics.set(
        topics
    )
Release.objects.get(pk=1).topics.set(topics)
"""


@contextmanager
def demo_site(prepare: str = "", newsroom: bool = False) -> Iterator[str]:
    """Serve a fresh demo database, with `prepare` run in its shell (and a seeded archive
    if `newsroom`); yield the site's address."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "DJANGO_CACHE_DIR": f"{folder}/cache",
            "DJANGO_SUPERUSER_PASSWORD": STAFF[1],
        }
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo")
        if newsroom:
            manage(env, "seed_releases", "300")
            manage(env, "shell", "--command", NEWSROOM_MORNING)
        manage(
            env,
            "createsuperuser",
            "--noinput",
            "--username",
            STAFF[0],
            "--email",
            "docs@example.org",
        )
        if prepare:
            manage(env, "shell", "--command", prepare)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url)
            yield url
        finally:
            server.terminate()
            server.wait()


def wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"The demo server did not answer at {url}")


def save(page: Page, name: str, full_page: bool = False, only: str = "") -> None:
    """Photograph the page (or only the element `only` selects), in a small palette."""
    if not name.startswith(os.environ.get("SCREENSHOTS_ONLY", "")):
        return
    path = IMAGES / f"{name}.png"
    if only:
        page.locator(only).screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=full_page)
    Image.open(path).convert("RGB").quantize(COLOURS).save(path, optimize=True)
    if shutil.which("zopflipng"):
        # The same pixels, about a tenth smaller than zlib makes them.
        subprocess.run(
            ["zopflipng", "-y", "-m", path, path], check=True, stdout=subprocess.DEVNULL
        )
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def sign_in(page: Page, url: str) -> None:
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", STAFF[0])
    page.fill("#id_password", STAFF[1])
    page.click("input[type=submit]")


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] != ["finding"]:
        photograph_release_and_desk()
    with demo_site(newsroom=True) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LANGUAGES.items():
            photograph_finding(browser, url, language, locale)
        browser.close()


def photograph_finding(browser: Browser, url: str, language: str, locale: str) -> None:
    """The header at both widths; the topics page, today's page; a release's preview card."""
    for width, height in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        page = context.new_page()
        page.goto(f"{url}/{language}/")
        save(page, f"header-{language}-{width}", only=".site-header")
        context.close()
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale=locale)
    page = context.new_page()
    page.goto(f"{url}/{language}/topics/")
    save(page, f"topics-{language}-375")
    page.goto(f"{url}/{language}/releases/today/")
    save(page, f"day-{language}-375")
    if language == "en":
        page.goto(f"{url}/en/releases/2/")
        card = page.locator('meta[property="og:image"]').get_attribute("content")
        (IMAGES / "preview-card-release.png").write_bytes(page.request.get(card).body())
        page.goto(f"{url}/en/")
        card = page.locator('meta[property="og:image"]').get_attribute("content")
        (IMAGES / "preview-card-default.png").write_bytes(page.request.get(card).body())
    context.close()


def photograph_release_and_desk() -> None:
    with demo_site() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LANGUAGES.items():
            for width, height in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, locale=locale
                )
                page = context.new_page()
                page.goto(f"{url}/{language}/releases/1/")
                save(page, f"release-{language}-{width}")
                page.click(".release__compare a")
                save(page, f"parallel-{language}-{width}")
                context.close()
            context = browser.new_context(
                viewport={"width": A4_WIDTH, "height": 1123}, locale=locale
            )
            page = context.new_page()
            page.goto(f"{url}/{language}/releases/1/")
            page.emulate_media(media="print")
            save(page, f"print-{language}", full_page=True)
            context.close()
            photograph_the_desk(browser, url, language, locale)
        browser.close()


def photograph_the_desk(browser: Browser, url: str, language: str, locale: str) -> None:
    """The change page at both widths, a correction held for review, the list, a review link."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    sign_in(page, url)
    change = f"{url}/admin/releases/release/1/change/"
    page.goto(change)
    save(page, f"admin-change-{language}-1280")
    page.set_viewport_size({"width": 375, "height": 812})
    save(page, f"admin-change-{language}-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    # One save through the admin keeps a version for the review panel to compare with;
    # then a correction of the Chinese alone, held until the English is checked.
    page.click("input[name=_continue]")
    body = page.locator("#id_body_zh_hant")
    body.fill(body.input_value().replace("11月29至30日", "11月29日至30日"))
    page.click("input[name=_continue]")
    page.locator(".desk-columns").scroll_into_view_if_needed()
    save(page, f"admin-review-needed-{language}-1280")
    # A figure changed in the Chinese alone: held, the finding beside its paragraph.
    body.fill(body.input_value().replace("約50名", "約60名"))
    page.check("#id_checked_en")
    page.click("input[name=_continue]")
    page.locator("#desk-findings").scroll_into_view_if_needed()
    save(page, f"admin-findings-{language}-1280")
    page.goto(f"{url}/admin/releases/release/")
    save(page, f"admin-list-{language}-1280")
    page.goto(change)
    page.locator(".desk-review-links__create button").click()
    link = page.locator("input.desk-review-link").first.input_value()
    context.close()
    # The reviewer has no account: a fresh browser.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    reviewer = context.new_page()
    reviewer.goto(link)
    save(reviewer, f"review-{language}-1280")
    context.close()


if __name__ == "__main__":
    main()
