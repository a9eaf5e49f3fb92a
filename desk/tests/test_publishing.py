"""Publishers take a release from draft to published, scheduled, corrected and withdrawn."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import add_change_note, committed

pytestmark = pytest.mark.django_db


def change_url(release: Release, language: str = "zh-hant") -> str:
    return f"/admin/releases/release/{release.pk}/change/?language={language}"


def public_url(release: Release, language: str) -> str:
    release.refresh_from_db()
    with translation.override(language):
        return release.get_absolute_url()


def page_of(response) -> str:
    return response.content.decode()


def test_publisher_publishes_a_complete_draft_and_readers_see_it(
    publisher_client, release_factory
):
    draft = release_factory(status=Release.Status.DRAFT)
    assert publisher_client.get(public_url(draft, "en")).status_code == 404

    response = publisher_client.post(
        change_url(draft), release_form(draft, status=Release.Status.PUBLISHED)
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Release.Status.PUBLISHED
    for language in ["zh-hant", "en"]:
        assert "Test release" in page_of(publisher_client.get(f"/{language}/"))
        assert publisher_client.get(public_url(draft, language)).status_code == 200


def test_publishing_a_draft_whose_time_has_passed_publishes_it_now(
    publisher_client, release_factory
):
    draft = release_factory(
        status=Release.Status.DRAFT, publish_at=timezone.now() - timedelta(days=3)
    )

    publisher_client.post(change_url(draft), release_form(draft, status=Release.Status.PUBLISHED))

    draft.refresh_from_db()
    assert timezone.now() - draft.publish_at < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("language", "emptied", "message"),
    [
        ("en", {"title": ""}, "English: title is missing"),
        ("en", {"body": ""}, "English: body is missing"),
        ("zh-hant", {"title": ""}, "Traditional Chinese: title is missing"),
    ],
)
def test_publishing_is_refused_naming_each_missing_field_and_language(
    publisher_client, release_factory, language, emptied, message
):
    draft = release_factory(status=Release.Status.DRAFT)
    draft.set_current_language(language)
    for field, value in emptied.items():
        setattr(draft, field, value)
    draft.save()
    other = "en" if language == "zh-hant" else "zh-hant"

    response = publisher_client.post(
        change_url(draft, other), release_form(draft, other, status=Release.Status.PUBLISHED)
    )

    assert response.status_code == 200
    assert message in page_of(response)
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT


def test_publishing_a_release_with_no_english_at_all_names_both_fields(publisher_client):
    publisher_client.post(
        "/admin/releases/release/add/?language=zh-hant",
        release_form(title="只有中文", body="正文。"),
    )
    draft = Release.objects.get()

    response = publisher_client.post(
        change_url(draft), release_form(draft, status=Release.Status.PUBLISHED)
    )

    page = page_of(response)
    assert "English: title is missing" in page
    assert "English: body is missing" in page
    assert "Traditional Chinese:" not in page


def test_chinese_admin_names_the_missing_fields_in_chinese(publisher_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT, title_en="")

    response = publisher_client.post(
        change_url(draft),
        release_form(draft, status=Release.Status.PUBLISHED),
        headers={"accept-language": "zh-HK"},
    )

    page = page_of(response)
    assert "英文：標題未填寫" in page
    assert "English: title is missing" not in page


def test_a_scheduled_release_appears_by_itself_when_its_time_comes(
    publisher_client, client, release_factory, monkeypatch
):
    draft = release_factory(status=Release.Status.DRAFT)
    at = timezone.localtime() + timedelta(days=1)

    with committed():
        publisher_client.post(
            change_url(draft),
            release_form(
                draft,
                status=Release.Status.PUBLISHED,
                publish_at_0=at.strftime("%Y-%m-%d"),
                publish_at_1=at.strftime("%H:%M:%S"),
            ),
        )

    publisher_client.logout()
    assert "Test release" not in page_of(client.get("/en/"))
    assert client.get(public_url(draft, "en")).status_code == 404

    later = timezone.now() + timedelta(days=1, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Test release" in page_of(client.get("/en/"))
    assert "測試公報" in page_of(client.get("/zh-hant/"))
    assert client.get(public_url(draft, "en")).status_code == 200


def test_a_correction_with_a_note_shows_the_update_history_newest_first(
    publisher_client, client, release_factory
):
    release = release_factory()
    add_change_note(
        release,
        note=("更正電話號碼。", "Telephone number corrected."),
        created_at=timezone.now() - timedelta(days=2),
    )
    updated_before = release.updated_at

    response = publisher_client.post(
        change_url(release, "en"),
        release_form(
            release,
            "en",
            body="First paragraph, corrected.",
            # The Chinese says it already; the correction was the English's.
            checked_zh_hant="on",
            change_note_zh_hant="更正第一段。",
            change_note_en="First paragraph corrected.",
        ),
    )

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.updated_at > updated_before
    today = timezone.localdate()
    english = page_of(client.get(public_url(release, "en")))
    assert f"Updated {today.day} {today:%B %Y}:" in english
    assert english.index("First paragraph corrected.") < english.index(
        "Telephone number corrected."
    )
    assert '<p class="change-history__note" lang="zh-Hant-HK">更正第一段。</p>' in english
    chinese = page_of(client.get(public_url(release, "zh-hant")))
    assert f"更新於{today.year}年{today.month}月{today.day}日：" in chinese
    # The English column ends with its own record ("Updated at HKT …"); the history is Chinese.
    history = re.search(r'<section class="change-history".*?</section>', chinese, re.S)
    assert "Updated " not in history.group(0)


def test_a_minor_edit_needs_no_change_note(publisher_client, client, release_factory):
    release = release_factory()

    response = publisher_client.post(
        change_url(release, "en"),
        release_form(release, "en", title="Test release, typo fixed", checked_zh_hant="on"),
    )

    assert response.status_code == 302
    assert release.change_notes.count() == 0
    page = page_of(client.get(public_url(release, "en")))
    assert "Test release, typo fixed" in page
    assert "change-history" not in page


def test_a_change_note_in_one_language_only_is_refused(publisher_client, release_factory):
    release = release_factory()

    response = publisher_client.post(
        change_url(release, "en"),
        release_form(release, "en", body="Changed.", change_note_en="Figures corrected."),
    )

    assert response.status_code == 200
    assert "A change note is shown in both languages" in page_of(response)
    release.refresh_from_db()
    assert release.change_notes.count() == 0
    assert release.safe_translation_getter("body", language_code="en") != "Changed."


def withdraw_form(release: Release, **reasons) -> dict:
    return release_form(release, "en", status=Release.Status.WITHDRAWN, **reasons)


def test_withdrawing_needs_a_reason_in_both_languages(publisher_client, release_factory):
    release = release_factory()

    response = publisher_client.post(
        change_url(release, "en"),
        withdraw_form(release, withdrawal_reason_en="Issued in error."),
    )

    assert response.status_code == 200
    assert "A withdrawal needs a reason in both languages." in page_of(response)
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED


def test_a_withdrawn_release_keeps_its_url_with_a_banner_and_leaves_lists(
    publisher_client, client, release_factory
):
    release = release_factory()

    response = publisher_client.post(
        change_url(release, "en"),
        withdraw_form(
            release,
            withdrawal_reason_zh_hant="此新聞公報錯誤發出。",
            withdrawal_reason_en="This release was issued in error.",
        ),
    )

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == Release.Status.WITHDRAWN
    assert timezone.now() - release.withdrawn_at < timedelta(minutes=1)
    today = timezone.localdate()
    english = client.get(public_url(release, "en"))
    assert english.status_code == 200
    page = page_of(english)
    assert f"Withdrawn on {today.day} {today:%B %Y}" in page
    assert page.index("This release was issued in error.") < page.index("release__columns")
    assert '<p class="notice__reason" lang="zh-Hant-HK">此新聞公報錯誤發出。</p>' in page
    chinese = page_of(client.get(public_url(release, "zh-hant")))
    assert f"於{today.year}年{today.month}月{today.day}日撤回" in chinese
    for language in ["zh-hant", "en"]:
        assert "Test release" not in page_of(client.get(f"/{language}/"))


def test_withdrawing_a_draft_is_refused(publisher_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    response = publisher_client.post(
        change_url(draft, "en"),
        withdraw_form(draft, withdrawal_reason_zh_hant="理由", withdrawal_reason_en="Reason"),
    )

    assert "Only a published release can be withdrawn." in page_of(response)
    draft.refresh_from_db()
    assert draft.status == Release.Status.DRAFT


def test_a_public_release_cannot_go_back_to_draft(publisher_client, release_factory):
    release = release_factory()

    response = publisher_client.post(
        change_url(release, "en"), release_form(release, "en", status=Release.Status.DRAFT)
    )

    assert "cannot go back to draft; withdraw it instead" in page_of(response)
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED


def test_a_scheduled_release_can_go_back_to_draft(publisher_client, release_factory):
    release = release_factory(publish_at=timezone.now() + timedelta(days=1))

    response = publisher_client.post(
        change_url(release, "en"), release_form(release, "en", status=Release.Status.DRAFT)
    )

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT


def test_a_release_withdrawn_before_its_scheduled_time_never_answers(client, release_factory):
    release = release_factory(
        status=Release.Status.WITHDRAWN,
        publish_at=timezone.now() + timedelta(days=1),
        withdrawn_at=timezone.now(),
    )

    assert client.get(public_url(release, "en")).status_code == 404


# Preview


def test_staff_preview_a_draft_marked_and_never_cached_or_indexed(editor_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    response = editor_client.get(f"/en/releases/preview/{draft.pk}/")

    page = page_of(response)
    assert response.status_code == 200
    assert "Preview" in page and "Draft" in page
    assert "Test release" in page and "測試公報" in page
    assert response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    cache_control = response["Cache-Control"]
    for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
        assert directive in cache_control


def test_chinese_preview_is_labelled_in_chinese(editor_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    page = page_of(editor_client.get(f"/zh-hant/releases/preview/{draft.pk}/"))

    assert "預覽" in page and "草稿" in page
    assert "Preview" not in page


@pytest.mark.parametrize("status", [Release.Status.DRAFT, Release.Status.PUBLISHED])
def test_readers_and_non_staff_get_404_for_a_preview(
    client, django_user_model, release_factory, status
):
    release = release_factory(status=status, publish_at=timezone.now() + timedelta(days=1))

    assert client.get(f"/en/releases/preview/{release.pk}/").status_code == 404
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(f"/en/releases/preview/{release.pk}/").status_code == 404


def article(page: str) -> str:
    return re.search(r"<article class=\"release\">.*</article>", page, re.S).group(0)


def test_preview_renders_exactly_the_public_page(editor_client, release_factory):
    release = release_factory()
    add_change_note(release)

    for language in ["zh-hant", "en"]:
        preview = page_of(editor_client.get(f"/{language}/releases/preview/{release.pk}/"))
        public = page_of(editor_client.get(public_url(release, language)))
        # All but the link to the public comparison, which a draft does not have yet.
        compare_link = r'\n    <p class="release__compare">.*?</p>'
        assert article(preview) == re.sub(compare_link, "\n    ", article(public))
        assert "notice--preview" in preview and "notice--preview" not in public


def test_change_page_links_to_the_preview_in_both_languages(editor_client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)

    page = page_of(editor_client.get(change_url(draft)))

    assert f'href="/zh-hant/releases/preview/{draft.pk}/"' in page
    assert f'href="/en/releases/preview/{draft.pk}/"' in page


# Admin actions


def action(client, name: str, releases: list[Release], **extra):
    return client.post(
        "/admin/releases/release/",
        {"action": name, "_selected_action": [str(release.pk) for release in releases], **extra},
    )


def test_publish_selected_publishes_complete_drafts_and_names_what_is_missing(
    publisher_client, release_factory
):
    complete = release_factory(status=Release.Status.DRAFT)
    incomplete = release_factory(status=Release.Status.DRAFT, body_en="")

    response = action(publisher_client, "publish_selected", [complete, incomplete])

    complete.refresh_from_db()
    incomplete.refresh_from_db()
    assert complete.status == Release.Status.PUBLISHED
    assert incomplete.status == Release.Status.DRAFT
    page = page_of(publisher_client.get(response["Location"]))
    assert "1 press release published or scheduled." in page
    assert "English: body is missing" in page


def test_withdraw_selected_asks_for_the_reason_first(publisher_client, release_factory):
    releases = [release_factory(), release_factory()]

    ask = action(publisher_client, "withdraw_selected", releases)

    assert ask.status_code == 200
    assert "Withdrawal reason (English)" in page_of(ask)
    assert all(release.status == Release.Status.PUBLISHED for release in Release.objects.all())

    incomplete = action(
        publisher_client, "withdraw_selected", releases, confirm="yes", reason_en="Duplicate."
    )
    assert incomplete.status_code == 200
    assert "errorlist" in page_of(incomplete)

    done = action(
        publisher_client,
        "withdraw_selected",
        releases,
        confirm="yes",
        reason_zh_hant="重複發出。",
        reason_en="Issued twice.",
    )

    assert done.status_code == 302
    for release in Release.objects.all():
        assert release.status == Release.Status.WITHDRAWN
        assert release.safe_translation_getter("withdrawal_reason", language_code="en") == (
            "Issued twice."
        )
