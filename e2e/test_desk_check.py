"""The two languages' check in a browser: findings beside the paragraphs, held, then marked."""

import pytest
from playwright.sync_api import Browser, expect

from e2e.accessibility import violations
from e2e.test_desk import DJANGO_ADMIN_RULES, PASSWORD, signed_in
from releases.models import Release
from testing.factories import staff_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk(live_server):
    staff_member("pat", "Publishers", PASSWORD)
    return live_server


def test_findings_stand_beside_their_paragraphs_and_a_publisher_marks_one(desk, browser: Browser):
    page = signed_in(browser, desk.url, "pat")
    page.goto(f"{desk.url}/admin/releases/release/add/")
    page.fill("#id_title_zh_hant", "海關檢獲私煙")
    page.fill(
        "#id_body_zh_hant",
        "海關在文錦渡管制站檢獲約900萬支懷疑私煙，估計市值約250萬元。\n\n查詢熱線：182 8080。",
    )
    page.fill("#id_title_en", "Customs seizes illicit cigarettes")
    page.fill(
        "#id_body_en",
        "Customs seized about 9 million suspected illicit cigarettes worth about $25 million "
        "at Man Kam To Control Point.\n\nHotline: 182 8080.",
    )
    page.select_option("#id_status", "published")
    page.click("input[name=_continue]")

    findings = page.locator("#desk-findings")
    expect(findings.locator(".errorlist")).to_contain_text(
        "English: about $25 million · 中文：約250萬元"
    )
    finding = findings.locator(".desk-finding")
    expect(finding).to_have_count(1)
    expect(finding.locator("h3")).to_have_text("Paragraph 1")
    expect(finding.locator("[lang='zh-Hant-HK']")).to_contain_text("市值約250萬元")
    expect(finding.locator("[lang='en']")).to_contain_text("about $25 million")
    # Beside: the two paragraphs side by side, the finding under them.
    chinese, english = finding.locator(".desk-finding__text").all()
    assert chinese.bounding_box()["y"] == english.bounding_box()["y"]
    assert chinese.bounding_box()["x"] < english.bounding_box()["x"]
    assert Release.objects.count() == 0
    found = [v for v in violations(page) if v.split(":")[0] not in DJANGO_ADMIN_RULES]
    assert found == []

    finding.get_by_label("Checked: as intended").check()
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("#desk-findings")).to_contain_text("Checked as intended by pat on")
    assert Release.objects.get().status == Release.Status.PUBLISHED
    page.goto(f"{desk.url}/admin/releases/release/{Release.objects.get().pk}/history/")
    expect(page.locator("body")).to_contain_text(
        "Checked as intended by pat: Figures differ. English: about $25 million"
    )


def test_findings_follow_the_text_while_it_is_written(desk, browser: Browser):
    page = signed_in(browser, desk.url, "pat")
    page.goto(f"{desk.url}/admin/releases/release/add/")
    findings = page.locator("#desk-findings")
    expect(findings).to_contain_text("compared once each has its title and body")
    page.fill("#id_title_zh_hant", "海關檢獲私煙")
    page.fill("#id_body_zh_hant", "海關檢獲約900萬支懷疑私煙，估計市值約250萬元。")
    page.fill("#id_title_en", "Customs seizes illicit cigarettes")
    page.fill("#id_body_en", "Customs seized about 9 million cigarettes worth about $25 million.")

    expect(findings).to_contain_text("English: about $25 million · 中文：約250萬元")
    expect(findings.locator("[lang='zh-Hant-HK']")).to_contain_text("市值約250萬元")

    page.fill("#id_body_zh_hant", "海關檢獲約900萬支懷疑私煙，估計市值約2,500萬元。")

    expect(findings).to_contain_text("No disagreement found")
    assert Release.objects.count() == 0
