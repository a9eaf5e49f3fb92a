"""The bilingual desk: both languages on one change page, kept in step."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import make_release

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/releases/release/add/"


def change_url(release: Release) -> str:
    return f"/admin/releases/release/{release.pk}/change/"


def text(release: Release, field: str, language: str) -> str:
    release.refresh_from_db()
    return release.translations.get(language_code=language).__dict__[field]


def errors_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# Both languages on one page.


def test_one_save_writes_both_languages(publisher_client):
    response = publisher_client.post(
        ADD_URL,
        release_form(
            title_zh_hant="海關檢獲冒牌貨品",
            body_zh_hant="海關今日檢獲一批冒牌貨品。",
            title_en="Customs seizes counterfeit goods",
            body_en="Customs today seized counterfeit goods.",
        ),
    )

    assert response.status_code == 302
    release = Release.objects.get()
    assert text(release, "title", "zh-hant") == "海關檢獲冒牌貨品"
    assert text(release, "body", "en") == "Customs today seized counterfeit goods."
    assert release.slug == "customs-seizes-counterfeit-goods"


def test_the_change_page_shows_both_columns_chinese_first_with_their_lang(publisher_client):
    release = make_release(title_zh="中文標題", title_en="English title")

    page = publisher_client.get(change_url(release)).content.decode()

    chinese = page.index('lang="zh-Hant-HK" aria-labelledby="desk-column-zh-hant"')
    english = page.index('lang="en" aria-labelledby="desk-column-en"')
    assert chinese < english
    # Titles are boxes that wrap a long headline (one line, shown whole).
    assert re.search(
        r'<textarea name="title_zh_hant"[^>]*lang="zh-Hant-HK"[^>]*>\s*中文標題<', page
    )
    assert re.search(r'<textarea name="title_en"[^>]*lang="en"[^>]*>\s*English title<', page)
    assert page.count('class="desk-body"') == 2
    assert "parler-language-tabs" not in page
    assert page.count('type="submit" value="Save"') == 1


def test_a_draft_saves_with_one_language_only(editor_client):
    response = editor_client.post(
        ADD_URL, release_form(title_zh_hant="只有中文", body_zh_hant="正文。")
    )

    assert response.status_code == 302
    release = Release.objects.get()
    assert list(release.translations.values_list("language_code", flat=True)) == ["zh-hant"]


def test_a_release_with_no_text_at_all_is_refused(editor_client):
    response = editor_client.post(ADD_URL, release_form())

    assert response.status_code == 200
    assert "Write the title and body in at least one language." in errors_of(response)
    assert not Release.objects.exists()


def test_a_language_begun_needs_its_title_and_body(editor_client):
    response = editor_client.post(
        ADD_URL, release_form(title_zh_hant="標題", body_zh_hant="正文。", title_en="Only a title")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"field-body_en.*?This field is required", page, re.S)
    assert not Release.objects.exists()


def test_publishing_with_one_language_names_the_missing_fields(publisher_client):
    response = publisher_client.post(
        ADD_URL,
        release_form(title_zh_hant="標題", body_zh_hant="正文。", status=Release.Status.PUBLISHED),
    )

    assert response.status_code == 200
    page = errors_of(response)
    assert "English: title is missing" in page
    assert "English: body is missing" in page
    assert not Release.objects.exists()


def test_different_paragraph_counts_are_pointed_out_beside_the_bodies(editor_client):
    release = make_release(
        status=Release.Status.DRAFT, body_zh="一。\n\n二。\n\n三。", body_en="One.\n\nTwo."
    )

    english = editor_client.get(change_url(release)).content.decode()
    chinese = editor_client.get(
        change_url(release), headers={"accept-language": "zh-HK"}
    ).content.decode()

    assert "different numbers of paragraphs: Chinese 3, English 2" in english
    assert "中文 3 段，英文 2 段" in chinese


def test_matching_paragraph_counts_need_no_hint(editor_client):
    release = make_release(status=Release.Status.DRAFT)

    page = editor_client.get(change_url(release)).content.decode()

    assert "different numbers of paragraphs" not in page


def test_the_admin_names_the_site_and_speaks_chinese_to_chinese_browsers(editor_client):
    english = editor_client.get("/admin/").content.decode()
    chinese = editor_client.get("/admin/", headers={"accept-language": "zh-HK"}).content.decode()

    assert "Customs press releases · staff" in english
    assert "香港海關新聞公報 · 職員" in chinese
    assert '<html lang="zh-hant"' in chinese
    assert "新聞公報" in chinese
    assert "Press releases" not in chinese


def test_publish_times_say_they_are_hong_kong_time_and_propose_whole_minutes(editor_client):
    with time_machine.travel("2026-06-15 16:27:25+08:00", tick=False):
        page = editor_client.get(ADD_URL).content.decode()

    assert "Hong Kong time (HKT, UTC+8)." in page
    assert 'name="publish_at_1" value="16:27"' in page
    assert "16:27:25" not in page


# Translations kept in step.


@pytest.fixture
def published(publisher_client) -> Release:
    """A release published through the admin, so its versions are kept."""
    publisher_client.post(
        ADD_URL,
        release_form(
            title_zh_hant="海關檢獲冒牌貨品",
            body_zh_hant="第一段。\n\n第二段。",
            title_en="Customs seizes counterfeit goods",
            body_en="First paragraph.\n\nSecond paragraph.",
            status=Release.Status.PUBLISHED,
        ),
    )
    return Release.objects.get()


def test_changing_one_language_of_a_draft_marks_the_other_and_only_warns(editor_client):
    editor_client.post(
        ADD_URL,
        release_form(
            title_zh_hant="標題", body_zh_hant="第一段。", title_en="Title", body_en="First."
        ),
    )
    draft = Release.objects.get()

    with time_machine.travel("2026-06-15 14:05+08:00", tick=False):
        response = editor_client.post(
            change_url(draft), release_form(draft, body_zh_hant="第一段，已更正。"), follow=True
        )

    page = errors_of(response)
    assert "English needs review: the Traditional Chinese body changed on" in page
    english = draft.translations.get(language_code="en")
    assert english.needs_review_since == timezone.make_aware(timezone.datetime(2026, 6, 15, 14, 5))
    assert draft.translations.get(language_code="zh-hant").needs_review_since is None


def test_the_stale_column_shows_what_changed_in_the_other_language(editor_client):
    editor_client.post(
        ADD_URL,
        release_form(
            title_zh_hant="標題",
            body_zh_hant="第一段。\n\n第二段。",
            title_en="Title",
            body_en="First.\n\nSecond.",
        ),
    )
    draft = Release.objects.get()
    editor_client.post(
        change_url(draft), release_form(draft, body_zh_hant="第一段。\n\n第二段，改了。")
    )

    page = editor_client.get(change_url(draft)).content.decode()

    english_column = page[page.index('aria-labelledby="desk-column-en"') :]
    assert "English needs review" in english_column
    # The characters changed are marked within the paragraph.
    assert '<td lang="zh-Hant-HK">第二段。</td>' in english_column
    assert '<td lang="zh-Hant-HK">第二段<ins>，改了</ins>。</td>' in english_column
    # Only the changed paragraph, not the unchanged first one.
    assert "第一段。" not in english_column.split("desk-review__changes")[1].split("</table>")[0]
    chinese_column = page[page.index('aria-labelledby="desk-column-zh-hant"') :]
    assert "needs review" not in chinese_column.split('aria-labelledby="desk-column-en"')[0]


def test_saving_the_stale_language_clears_the_mark(editor_client, editor):
    editor_client.post(
        ADD_URL,
        release_form(title_zh_hant="標題", body_zh_hant="一。", title_en="Title", body_en="One."),
    )
    draft = Release.objects.get()
    editor_client.post(change_url(draft), release_form(draft, body_zh_hant="一，改。"))

    editor_client.post(change_url(draft), release_form(draft, body_en="One, changed."))

    english = draft.translations.get(language_code="en")
    assert english.needs_review_since is None
    assert english.checked_by == editor
    assert draft.translations.get(language_code="zh-hant").needs_review_since is None


def test_ticking_checked_clears_the_mark_and_records_who_and_when(editor_client, editor):
    editor_client.post(
        ADD_URL,
        release_form(title_zh_hant="標題", body_zh_hant="一。", title_en="Title", body_en="One."),
    )
    draft = Release.objects.get()
    editor_client.post(change_url(draft), release_form(draft, body_zh_hant="一，改。"))

    with time_machine.travel("2026-06-15 15:00+08:00", tick=False):
        editor_client.post(change_url(draft), release_form(draft, checked_en="on"))
        page = editor_client.get(change_url(draft)).content.decode()

    english = draft.translations.get(language_code="en")
    assert english.needs_review_since is None
    assert english.body == "One."
    assert english.checked_by == editor
    assert "Last checked by eddie on 15 June 2026, 15:00." in re.sub(r"\s+", " ", page)
    assert "desk-column--review" not in page


def test_publishing_a_draft_with_a_language_needing_review_is_refused(publisher_client):
    publisher_client.post(
        ADD_URL,
        release_form(title_zh_hant="標題", body_zh_hant="一。", title_en="Title", body_en="One."),
    )
    draft = Release.objects.get()
    publisher_client.post(change_url(draft), release_form(draft, title_en="Title, better"))

    refused = publisher_client.post(
        change_url(draft), release_form(draft, status=Release.Status.PUBLISHED)
    )

    assert refused.status_code == 200
    assert "Traditional Chinese needs review: the English title changed on" in errors_of(refused)
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT

    checked = publisher_client.post(
        change_url(draft),
        release_form(draft, status=Release.Status.PUBLISHED, checked_zh_hant="on"),
    )
    assert checked.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Release.Status.PUBLISHED


def test_scheduling_with_a_language_needing_review_is_refused(publisher_client):
    publisher_client.post(
        ADD_URL,
        release_form(title_zh_hant="標題", body_zh_hant="一。", title_en="Title", body_en="One."),
    )
    draft = Release.objects.get()
    publisher_client.post(change_url(draft), release_form(draft, body_en="One, changed."))
    later = timezone.localtime() + timedelta(days=3)

    refused = publisher_client.post(
        change_url(draft),
        release_form(
            draft,
            status=Release.Status.PUBLISHED,
            publish_at_0=later.strftime("%Y-%m-%d"),
            publish_at_1="10:00",
        ),
    )

    assert refused.status_code == 200
    assert "Traditional Chinese needs review: the English body changed" in errors_of(refused)
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT


def test_a_correction_of_one_language_is_refused_until_the_other_is_checked(
    publisher_client, client, published
):
    refused = publisher_client.post(
        change_url(published), release_form(published, body_zh_hant="第一段。\n\n第二段，更正。")
    )

    assert refused.status_code == 200
    page = errors_of(refused)
    assert "English needs review: the Traditional Chinese body changed on" in page
    # The refused page already shows, above the English, what the correction changes.
    assert '<td lang="zh-Hant-HK">第二段<ins>，更正</ins>。</td>' in page
    assert (
        "第二段，更正。" not in client.get(f"/zh-hant/releases/{published.pk}/").content.decode()
    )
    assert text(published, "body", "zh-hant") == "第一段。\n\n第二段。"

    accepted = publisher_client.post(
        change_url(published),
        release_form(published, body_zh_hant="第一段。\n\n第二段，更正。", checked_en="on"),
    )
    assert accepted.status_code == 302
    assert text(published, "body", "zh-hant") == "第一段。\n\n第二段，更正。"


def test_the_publish_action_refuses_a_release_needing_review(publisher_client):
    publisher_client.post(
        ADD_URL,
        release_form(title_zh_hant="標題", body_zh_hant="一。", title_en="Title", body_en="One."),
    )
    draft = Release.objects.get()
    publisher_client.post(change_url(draft), release_form(draft, body_en="One, changed."))

    response = publisher_client.post(
        "/admin/releases/release/",
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert "“Title” was not published: Traditional Chinese needs review" in errors_of(response)
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT


def test_a_new_translation_does_not_mark_the_one_it_was_written_from(editor_client):
    editor_client.post(ADD_URL, release_form(title_zh_hant="標題", body_zh_hant="一。"))
    draft = Release.objects.get()

    added = editor_client.post(
        change_url(draft), release_form(draft, title_en="Title", body_en="One.")
    )

    assert added.status_code == 302
    assert set(draft.translations.values_list("language_code", flat=True)) == {"zh-hant", "en"}
    assert not draft.translations.filter(needs_review_since__isnull=False).exists()
    # Once both exist, changing the Chinese does mark the English.
    editor_client.post(change_url(draft), release_form(draft, body_zh_hant="一，已改。"))
    marked = draft.translations.filter(needs_review_since__isnull=False)
    assert list(marked.values_list("language_code", flat=True)) == ["en"]


# The release list.


def test_the_list_shows_languages_their_state_and_who_changed_last(editor_client):
    editor_client.post(ADD_URL, release_form(title_zh_hant="只有中文", body_zh_hant="一。"))
    make_release(title_zh="完整", title_en="Complete")

    page = re.sub(r"\s+", " ", editor_client.get("/admin/releases/release/").content.decode())

    missing = '<span class="desk-language desk-language--attention">EN missing</span>'
    assert f'<span class="desk-language">中</span> · {missing}' in page
    assert '<span class="desk-language">中</span> · <span class="desk-language">EN</span>' in page
    assert "Last changed" in page
    assert '<td class="field-changed_by">eddie</td>' in page
    assert "ZH-HANT" not in page


@pytest.mark.parametrize(
    ("state", "shown", "hidden"),
    [
        ("missing", "Chinese only", "Complete"),
        ("complete", "Complete", "Chinese only"),
        ("review", "Reviewed later", "Complete"),
    ],
)
def test_the_list_filters_by_translation_state(editor_client, state, shown, hidden):
    editor_client.post(ADD_URL, release_form(title_zh_hant="Chinese only", body_zh_hant="一。"))
    make_release(title_zh="完整", title_en="Complete", status=Release.Status.DRAFT)
    editor_client.post(
        ADD_URL,
        release_form(
            title_zh_hant="稍後", body_zh_hant="一。", title_en="Reviewed later", body_en="One."
        ),
    )
    stale = Release.objects.get(slug="reviewed-later")
    editor_client.post(change_url(stale), release_form(stale, body_zh_hant="一，改。"))

    page = editor_client.get("/admin/releases/release/", {"translations": state}).content.decode()

    results = re.search(r'<table id="result_list">.*?</table>', page, re.S).group()
    assert shown in results
    assert hidden not in results


@pytest.mark.parametrize("query", ["论坛", "論壇", "symposium", "aeo-expert"])
def test_admin_search_uses_the_site_search_traditional_and_simplified_alike(
    editor_client, demo_release, query
):
    make_release(title_zh="另一份公報", title_en="Another release")

    page = editor_client.get("/admin/releases/release/", {"q": query}).content.decode()

    assert "AEO Expert Mission and Symposium" in page
    assert "Another release" not in page


def test_the_count_in_chinese_has_its_measure_word(editor_client):
    make_release()

    page = editor_client.get(
        "/admin/releases/release/", headers={"accept-language": "zh-HK"}
    ).content.decode()

    assert "1 篇新聞公報" in page


# History.


def test_compare_is_offered_only_with_two_versions(publisher_client, published):
    url = f"/admin/releases/release/{published.pk}/history/"
    one = publisher_client.get(url).content.decode()

    publisher_client.post(
        change_url(published), release_form(published, slug="renamed", checked_en="on")
    )
    two = publisher_client.get(url).content.decode()

    assert "Compare versions" not in one
    assert 'name="from"' not in one
    assert 'value="Compare versions"' in two
    assert two.count('name="from"') == 2
