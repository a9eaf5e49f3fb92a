"""The Chinese desk is written as a Hong Kong press officer reads it, Django's own words included.

No admin page shows an ASCII space between two Chinese characters, or a
half-width colon, comma or opening bracket after a Chinese character; the
admin's scripts (the topic chooser) say theirs the same way.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from alerts.models import ContentChange, Email
from media import accreditation
from media.models import Decision
from media.webhooks import Attempt, Delivery, Endpoint, Event, EventType
from releases import publishing
from releases.models import CorrectionProposal
from testing.factories import add_attachment, add_image, make_release, signed_in, staff_member
from testing.media_factories import journalist

pytestmark = pytest.mark.django_db

CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
FULL_WIDTH_PUNCTUATION = r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]"
SPACED = re.compile(rf"(?:{CJK}|{FULL_WIDTH_PUNCTUATION}) +{CJK}")
HALF_WIDTH_AFTER_CHINESE = re.compile(rf"{CJK} ?[:,(]")


class VisibleText(HTMLParser):
    """The text a reader sees: text outside scripts and styles, and button and title words."""

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        # Scripts are not read; a text box holds a release's own text, line breaks kept.
        if tag in ("script", "style", "template", "textarea"):
            self.hidden += 1
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.parts.append(attributes.get("value") or "")
        for name in ("title", "aria-label", "placeholder"):
            if attributes.get(name):
                self.parts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "textarea"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def faults(page: str) -> list[str]:
    parser = VisibleText()
    parser.feed(page)
    found = []
    for part in parser.parts:
        # Lines of the page's source are joined as a browser joins them: by a space.
        text = " ".join(part.split())
        found += [match.group(0) for match in SPACED.finditer(text)]
        found += [match.group(0) for match in HALF_WIDTH_AFTER_CHINESE.finditer(text)]
    return found


@pytest.fixture
def chinese_publisher() -> Client:
    client = signed_in(Client(), staff_member("mlchan", "Publishers"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    return client


@pytest.fixture
def release():
    release = make_release(title_zh="海關檢獲私煙", title_en="Customs seizes cigarettes")
    add_image(release, caption=("海關人員", "Customs officers"))
    add_attachment(release)
    # Alert emails sent, for the change page's counts.
    change = ContentChange.objects.create(release=release, kind=ContentChange.Kind.PUBLISHED)
    Email.objects.create(content_change=change, languages="both", status=Email.Status.SENT)
    return release


def admin_pages(client: Client, release) -> dict[str, str]:
    base = f"/admin/releases/release/{release.pk}"
    proposal = CorrectionProposal.objects.create(
        release=release,
        texts={},
        change_note={"zh-hant": "更正。", "en": "Corrected."},
        based_on_version=release.version,
        proposed_at=release.publish_at,
    )
    versions = []
    for title_zh, title_en in [
        ("海關檢獲大批私煙", "Customs seizes many cigarettes"),
        ("海關檢獲私煙", "Customs seizes cigarettes"),
    ]:
        release.set_current_language("zh-hant")
        release.title = title_zh
        release.set_current_language("en")
        release.title = title_en
        publishing.save(release, publishing.Step(release.status), user=None, now=timezone.now())
        versions.append(Version.objects.get_for_object(release).first().pk)
    withdraw = {"action": "withdraw_selected", "_selected_action": [str(release.pk)]}
    delete = {"action": "delete_selected", "_selected_action": [str(release.pk)]}
    return {
        "home": client.get("/admin/"),
        "list": client.get("/admin/releases/release/"),
        "searched list": client.get("/admin/releases/release/?q=nothing-matches"),
        "add": client.get("/admin/releases/release/add/"),
        "change": client.get(f"{base}/change/"),
        "history": client.get(f"{base}/history/"),
        "compare": client.get(
            f"{base}/history/compare/", {"from": versions[0], "to": versions[1]}
        ),
        "delete": client.get(f"{base}/delete/"),
        "withdraw action": client.post("/admin/releases/release/", withdraw),
        "delete action": client.post("/admin/releases/release/", delete),
        "proposal": client.get(f"{base}/proposals/{proposal.pk}/"),
        "proposals": client.get("/admin/releases/correctionproposal/?state__exact=pending"),
        "topics": client.get("/admin/releases/topic/add/"),
    }


def test_no_admin_page_spaces_chinese_or_puts_half_width_punctuation_after_it(
    chinese_publisher, release
):
    pages = admin_pages(chinese_publisher, release)

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert "新增新聞公報" in pages["list"].content.decode()
    assert "排隊中：0，已發出：1" in pages["change"].content.decode()
    assert "標題（英文）" in pages["compare"].content.decode()
    found = {name: faults(page.content.decode()) for name, page in pages.items()}
    assert found == {name: [] for name in pages}


def media_admin_pages(client: Client, user, release) -> dict[str, str]:
    """The journalists' and webhooks' admin pages, each with a record to show."""
    # The publisher runs the webhooks too, as an operator given their rights.
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="media", codename__contains="endpoint"),
        Permission.objects.get(codename="view_delivery"),
    )
    person = journalist(accredited=False)
    applicant = journalist("ben@example.news", "Ben Wong", accredited=False)
    accreditation.decide(person, Decision.Action.APPROVED, user, timezone.now())
    endpoint = Endpoint.objects.create(url="https://hooks.example.org/press")
    event = Event.objects.create(
        release=release, type=EventType.PUBLISHED, occurred_at=timezone.now(), payload="{}"
    )
    delivery = Delivery.objects.create(endpoint=endpoint, event=event, attempts=1)
    Attempt.objects.create(
        delivery=delivery,
        attempted_at=timezone.now(),
        status_code=500,
        succeeded=False,
        error="HTTP 500 Internal Server Error",
        duration_ms=31,
    )
    journalists, decline = "/admin/media/journalist/", {"action": "decline"}
    return {
        "journalists": client.get(journalists),
        "journalists awaiting": client.get(journalists, {"status": "awaiting"}),
        "journalist": client.get(f"{journalists}{person.pk}/change/"),
        "decline action": client.post(
            journalists, {**decline, "_selected_action": [person.pk, applicant.pk]}, follow=True
        ),
        "endpoints": client.get("/admin/media/endpoint/"),
        "endpoint add": client.get("/admin/media/endpoint/add/"),
        "endpoint": client.get(f"/admin/media/endpoint/{endpoint.pk}/change/"),
        "deliveries": client.get("/admin/media/delivery/"),
        "delivery": client.get(f"/admin/media/delivery/{delivery.pk}/change/"),
    }


def test_the_media_admin_pages_read_as_chinese(release):
    user = staff_member("mlwong", "Publishers")
    client = signed_in(Client(), user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    pages = media_admin_pages(client, user, release)

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert "Ada Lam" in pages["journalist"].content.decode()
    assert "1個結果（<a" in pages["journalists awaiting"].content.decode()
    assert 'alt="搜尋"' in pages["journalists"].content.decode()
    assert f"新聞公報已發出：第{release.pk}號新聞公報" in pages["delivery"].content.decode()
    found = {name: faults(page.content.decode()) for name, page in pages.items()}
    assert found == {name: [] for name in pages}


def test_the_check_finds_what_it_is_for():
    assert faults("<p>新增 新聞公報</p><p>目前: 檔案</p>") == ["增 新", "前:"]
    assert faults("<label>標題 (英文)</label>") == ["題 ("]
    assert faults("<p>已新增。 你可在下面再作修改。</p>") == ["。 你"]
    assert faults("<p>新增新聞公報</p><script>x = '新增 新聞公報'</script>") == []


def test_the_success_message_reads_as_chinese(chinese_publisher, release):
    from testing.admin_forms import release_form

    data = release_form(release, "zh-hant", title="海關檢獲大批私煙", checked_en="on")
    response = chinese_publisher.post(
        f"/admin/releases/release/{release.pk}/change/", data, follow=True
    )

    page = response.content.decode()
    message = re.sub(r"<[^>]+>", "", page[page.index('class="messagelist"') :].split("</ul>")[0])
    assert "已修改新聞公報「海關檢獲大批私煙」。" in message
    assert "changed successfully" not in message
    assert faults(page) == []


def test_the_topic_chooser_speaks_chinese_without_spaces(chinese_publisher):
    catalog = chinese_publisher.get("/admin/jsi18n/").content.decode()

    # The catalogue is JSON, its Chinese written as escapes.
    assert json.dumps("可用%s") in catalog
    assert json.dumps("%(cnt)s 中 %(sel)s 個被選") not in catalog
    assert json.dumps("已選%(sel)s個，共%(cnt)s個") in catalog
