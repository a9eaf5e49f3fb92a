"""Photograph the "both languages" emails for the documentation: docs/images/email-*.png.

The alert email a subscriber receives, and the embargo email an accredited
journalist receives (email-embargo-*).

`make screenshots` runs this after docs/screenshots.py. It loads the demo release
into a throwaway SQLite database, renders its alert email as a subscriber of each
interface language receives it (their language's column first), and has Debian's
Chromium show it at a phone's width (375 px, where the columns stack) and a
desktop window's (800 px, side by side), saved as docs/screenshots.py saves its
pictures.
"""

import io
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = {375: 812, 800: 900}
INTERFACES = {"en": "en-GB", "zh-hant": "zh-HK"}


def main() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "docs")]
    folder = tempfile.mkdtemp()
    os.environ.update(
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="pressroom.settings",
        DATABASE_URL=f"sqlite:///{folder}/db.sqlite3",
        DJANGO_CACHE_DIR=f"{folder}/cache",
        PRESSROOM_SITE_URL="https://press.example.org",
    )
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from playwright.sync_api import sync_playwright
    from screenshots import CHROMIUM, CHROMIUM_ARGS, IMAGES, save

    from alerts import messages
    from alerts.models import ContentChange, Languages
    from media.mail import embargo_email
    from media.models import EmbargoDelivery, Journalist
    from releases.models import Release

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    release = messages.load_release(Release.objects.get().pk)
    change = ContentChange(release=release, kind=ContentChange.Kind.PUBLISHED)
    # The same release as a journalist receives it two hours before its time.
    release.publish_at = timezone.now() + timedelta(hours=2)
    press = {
        interface: Journalist(
            name="Ada Lam", outlet="Harbour Daily", languages=Languages.BOTH, language=interface
        )
        for interface in INTERFACES
    }
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for interface, locale in INTERFACES.items():
            sections = messages.change_sections(change, release, Languages.BOTH, interface)
            emails = {
                "both": messages.render(sections, link_language=interface).html,
                "embargo": embargo_email(
                    EmbargoDelivery(
                        journalist=press[interface], release=release, kind="embargoed", revision=1
                    ),
                    release,
                ).html,
            }
            for name, html in emails.items():
                for width, height in WIDTHS.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, locale=locale
                    )
                    page = context.new_page()
                    page.set_content(html)
                    save(page, f"email-{name}-{interface}-{width}")
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
