"""The desk shows where the two languages disagree, and holds publishing until each is settled."""

import re

import pytest
from django.test import Client

from releases import preflight
from releases.models import CheckedFinding, Release, Term
from testing.admin_forms import release_form
from testing.factories import make_release, signed_in, staff_member

pytestmark = pytest.mark.django_db

ZH = "海關檢獲約900萬支懷疑私煙，估計市值約250萬元。\n\n查詢熱線：2545 6128。"
EN = (
    "Customs seized about 9 million suspected illicit cigarettes worth about $25 million."
    "\n\nHotline: 2545 6128."
)
BOTH_VALUES = "English: about $25 million · 中文：約250萬元"


@pytest.fixture
def draft() -> Release:
    return make_release(body_zh=ZH, body_en=EN, status=Release.Status.DRAFT)


def change_url(release: Release) -> str:
    return f"/admin/releases/release/{release.pk}/change/"


def keys_on(page: str) -> list[str]:
    return re.findall(r'name="checked_findings" value="([0-9a-f]{64})"', page)


def test_the_change_page_shows_each_finding_beside_its_paragraphs(publisher_client, draft):
    page = publisher_client.get(change_url(draft)).content.decode()

    assert "Both languages compared" in page
    assert "Paragraph 1" in page
    assert '<p class="desk-finding__text" lang="zh-Hant-HK">海關檢獲約900萬支' in page
    assert '<p class="desk-finding__text" lang="en">Customs seized about 9 million' in page
    assert f"Figures differ. {BOTH_VALUES}" in page
    assert "Paragraph 2" not in page  # the hotline agrees
    assert len(keys_on(page)) == 1


def test_a_held_release_names_both_values_and_publishes_once_marked_as_intended(
    publisher_client, draft
):
    refused = publisher_client.post(
        change_url(draft), release_form(draft, status=Release.Status.PUBLISHED)
    )
    page = refused.content.decode()
    draft.refresh_from_db()

    assert refused.status_code == 200
    assert draft.status == Release.Status.DRAFT
    assert page.count(BOTH_VALUES) >= 2  # the refusal, and the finding beside its paragraph
    (key,) = keys_on(page)

    published = publisher_client.post(
        change_url(draft),
        release_form(draft, status=Release.Status.PUBLISHED, checked_findings=[key]),
    )

    draft.refresh_from_db()
    assert published.status_code == 302
    assert draft.status == Release.Status.PUBLISHED
    assert CheckedFinding.objects.get(release=draft).checked_by.username == "pat"
    history = publisher_client.get(f"{change_url(draft)[:-7]}history/").content.decode()
    assert f"Checked as intended by pat: Figures differ. {BOTH_VALUES}" in history
    page = publisher_client.get(change_url(draft)).content.decode()
    assert "Checked as intended by pat on" in page
    assert keys_on(page) == []


def test_a_corrected_text_publishes_with_no_mark(publisher_client, draft):
    response = publisher_client.post(
        change_url(draft),
        release_form(
            draft,
            status=Release.Status.PUBLISHED,
            body_zh_hant=ZH.replace("250萬", "2,500萬"),
            checked_en="on",
        ),
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == Release.Status.PUBLISHED


def test_an_editor_saves_the_draft_and_is_told_of_its_findings(editor_client, draft):
    response = editor_client.post(change_url(draft), release_form(draft), follow=True)
    page = response.content.decode()

    assert response.status_code == 200
    assert "The two languages disagree in 1 place" in page
    editing = editor_client.get(change_url(draft)).content.decode()
    assert f"Figures differ. {BOTH_VALUES}" in editing
    assert "Only a publisher can mark a finding as intended." in editing
    assert keys_on(editing) == []


def test_an_editor_posting_a_mark_is_refused(editor_client, draft):
    (finding,) = preflight.findings(draft)
    key = finding.key

    response = editor_client.post(change_url(draft), release_form(draft, checked_findings=[key]))

    assert response.status_code == 200
    assert "Only publishers can mark a finding as intended." in response.content.decode()
    assert not CheckedFinding.objects.exists()


def test_a_chinese_desk_reads_the_findings_in_chinese(publisher_client, draft):
    publisher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"

    page = publisher_client.get(change_url(draft)).content.decode()

    assert "數字不一致。英文：about $25 million · 中文：約250萬元" in page
    assert "兩種語言對照" in page


def test_editors_read_the_glossary_and_glossary_editors_change_it(editor_client):
    term = Term.objects.get(zh_hant="文錦渡管制站")
    glossary_editor = signed_in(Client(), staff_member("gina", "Glossary editors"))

    assert editor_client.get("/admin/releases/term/").status_code == 200
    assert (
        "Man Kam To Control Point"
        in editor_client.get(f"/admin/releases/term/{term.pk}/change/").content.decode()
    )
    assert editor_client.get("/admin/releases/term/add/").status_code == 403
    saved = glossary_editor.post(
        "/admin/releases/term/add/", {"zh_hant": "緝私", "en": "anti-smuggling"}
    )
    assert saved.status_code == 302
    added = Term.objects.get(zh_hant="緝私")
    assert (added.en, added.updated_by.username) == ("anti-smuggling", "gina")


def test_publish_selected_is_held_too_and_says_why(publisher_client, draft):
    response = publisher_client.post(
        "/admin/releases/release/",
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT
    assert f"was not published: Figures differ. {BOTH_VALUES}" in response.content.decode()


def test_the_check_compares_the_text_being_written_and_saves_nothing(publisher_client, draft):
    url = f"{change_url(draft)[: -len('change/')]}check/"
    typed = release_form(draft, body_zh_hant=ZH.replace("250萬", "2,500萬"))

    answer = publisher_client.post(url, typed)
    as_saved = publisher_client.post(url, release_form(draft))

    assert answer.status_code == 200
    assert "No disagreement found" in answer.content.decode()
    assert BOTH_VALUES in as_saved.content.decode()
    draft.refresh_from_db()
    assert draft.safe_translation_getter("body", language_code="zh-hant") == ZH
    assert publisher_client.get(url).status_code == 405


def test_the_check_of_a_new_release_and_its_refusals(publisher_client):
    typed = {"title_zh_hant": "標題", "body_zh_hant": "熱線2545 6128。", "title_en": "Title"}

    waiting = publisher_client.post("/admin/releases/release/check/", typed)
    answer = publisher_client.post(
        "/admin/releases/release/check/", {**typed, "body_en": "Hotline 2545 6182."}
    )

    assert "compared once each has its title and body" in waiting.content.decode()
    assert "Phone numbers differ. English: 2545 6182 · 中文：2545 6128" in answer.content.decode()
    assert Client().post("/admin/releases/release/check/", typed).status_code == 302
