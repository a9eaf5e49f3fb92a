"""Staff write releases and contacts in the admin, one language tab at a time."""

import pytest
from django.contrib.auth.models import User

from releases.models import Contact, Release
from testing.admin_forms import release_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "a-long-password")
    client.force_login(user)
    return client


def test_staff_creates_a_release_in_both_languages_and_readers_see_it(staff_client, demo_release):
    add = staff_client.post(
        "/admin/releases/release/add/?language=zh-hant",
        release_form(title="海關檢獲懷疑冒牌貨品", body="海關今日檢獲一批懷疑冒牌貨品。"),
    )
    assert add.status_code == 302
    release = Release.objects.exclude(pk=demo_release.pk).get()

    change = staff_client.post(
        f"/admin/releases/release/{release.pk}/change/?language=en",
        release_form(
            release,
            "en",
            status=Release.Status.PUBLISHED,
            title="Customs seizes suspected counterfeit goods",
            body="Customs today seized a batch of suspected counterfeit goods.",
            contact=str(demo_release.contact_id),
        ),
    )
    assert change.status_code == 302

    release.refresh_from_db()
    assert release.slug == "customs-seizes-suspected-counterfeit-goods"
    assert release.created_by.username == "editor"
    assert release.contact == Contact.default()
    for language in ["zh-hant", "en"]:
        home = staff_client.get(f"/{language}/").content.decode()
        detail = staff_client.get(release.get_absolute_url()).content.decode()
        assert "海關檢獲懷疑冒牌貨品" in home
        assert "Customs seizes suspected counterfeit goods" in home
        assert "海關今日檢獲一批懷疑冒牌貨品。" in detail
        assert "Customs today seized a batch of suspected counterfeit goods." in detail


def test_add_form_offers_the_chinese_column_first_and_the_default_contact(
    staff_client, demo_release
):
    page = staff_client.get("/admin/releases/release/add/").content.decode()

    chinese = page.index('<fieldset class="module desk-column" lang="zh-Hant-HK"')
    assert chinese < page.index('<fieldset class="module desk-column" lang="en"')
    assert "?language=" not in page
    assert f'<option value="{demo_release.contact_id}" selected>' in page


def test_add_form_refuses_a_release_without_a_title(staff_client):
    response = staff_client.post(
        "/admin/releases/release/add/?language=zh-hant", release_form(body="正文")
    )

    assert response.status_code == 200
    assert Release.objects.count() == 0
    assert "errorlist" in response.content.decode()


def test_change_list_shows_both_titles_status_and_time(staff_client, demo_release):
    page = staff_client.get("/admin/releases/release/").content.decode()

    assert "海關舉辦「東盟及中國香港AEO專家交流會及論壇」" in page
    assert "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China" in page
    assert "field-state" in page
    assert "field-publish_at" in page


@pytest.mark.parametrize("query", ["論壇", "symposium"])
def test_change_list_search_finds_releases_in_either_language(
    staff_client, demo_release, release_factory, query
):
    release_factory(title_zh="另一份公報", title_en="Another release")

    page = staff_client.get("/admin/releases/release/", {"q": query}).content.decode()

    assert "AEO Expert Mission and Symposium" in page
    assert "Another release" not in page


def test_change_list_query_count_is_constant(staff_client, demo_release, release_factory):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            staff_client.get("/admin/releases/release/")
        return len(queries)

    with_one = count_queries()
    for _ in range(20):
        release_factory()

    assert count_queries() == with_one


def test_staff_edits_the_contact_in_both_languages(staff_client, demo_release):
    contact = demo_release.contact
    response = staff_client.post(
        f"/admin/releases/contact/{contact.pk}/change/?language=en",
        {
            "office": "Press Office",
            "department": "Customs and Excise Department",
            "email": "press@customs.gov.hk",
            "phone": "+852 2815 7711",
            "is_default": "on",
        },
    )

    assert response.status_code == 302
    page = staff_client.get(demo_release.get_absolute_url().replace("zh-hant", "en"))
    assert "Press Office<br>Customs and Excise Department" in page.content.decode()
    assert 'href="tel:+85228157711"' in page.content.decode()


def test_only_one_contact_is_the_default(db):
    first = Contact.objects.create(email="a@example.org", is_default=True)
    second = Contact.objects.create(email="b@example.org", is_default=True)

    first.refresh_from_db()
    assert not first.is_default
    assert Contact.default() == second


@pytest.mark.parametrize(
    ("accept_language", "shown"),
    [
        ("en", "readers see “Updated [date]: [note]”."),
        ("zh-hk", "讀者會看到「更新於[日期]：[說明]」。"),
    ],
)
def test_the_change_note_help_shows_what_readers_see_with_its_placeholders(
    publisher_client, release_factory, accept_language, shown
):
    release = release_factory()
    publisher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = accept_language

    page = publisher_client.get(f"/admin/releases/release/{release.pk}/change/").content.decode()

    assert shown in page
