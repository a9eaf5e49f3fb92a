"""Bilingual search: what a reader finds, in what order, and that no query breaks it.

These run on SQLite, and on PostgreSQL when DATABASE_URL points at one: the
same cases exercise the FTS5 table and the GIN-indexed tsvector.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases import search
from releases.models import Release, SearchDocument

pytestmark = pytest.mark.django_db

RESULT_TITLE = re.compile(r'<h2 class="release-card__title"><a href="[^"]+">(.*?)</a></h2>')


def found(client, query: str, language: str = "en") -> list[str]:
    """Return the titles a reader sees for a query, in order, without highlighting."""
    response = client.get(f"/{language}/releases/", {"q": query})
    assert response.status_code == 200
    return [re.sub(r"</?mark>", "", t) for t in RESULT_TITLE.findall(response.content.decode())]


@pytest.fixture
def corpus(release_factory):
    now = timezone.now()
    release_factory(
        title_zh="海關舉辦東盟論壇",
        title_en="Customs holds ASEAN symposium",
        body_zh="香港海關與東盟舉辦論壇，約二百名代表出席。",
        body_en="Hong Kong Customs held a symposium with ASEAN.",
        publish_at=now - timedelta(days=30),
    )
    release_factory(
        title_zh="貿易便利新措施",
        title_en="New trade facilitation measures",
        body_zh="海關在論壇上介紹貿易便利新措施。",
        body_en="Customs presented the measures at a symposium.",
        publish_at=now - timedelta(days=2),
    )
    release_factory(
        title_zh="海關在機場檢獲懷疑可卡因",
        title_en="Customs seizes suspected cocaine at airport",
        body_zh="香港海關在香港國際機場檢獲約五公斤懷疑可卡因。",
        body_en="Hong Kong Customs seized about five kilograms of suspected cocaine.",
        publish_at=now - timedelta(days=10),
    )
    release_factory(
        title_zh="海關論壇草稿",
        title_en="Draft symposium cocaine release",
        status=Release.Status.DRAFT,
    )
    release_factory(
        title_zh="海關論壇預告",
        title_en="Scheduled symposium cocaine release",
        publish_at=now + timedelta(days=1),
    )


ASEAN = "Customs holds ASEAN symposium"
MEASURES = "New trade facilitation measures"
COCAINE = "Customs seizes suspected cocaine at airport"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("論壇", [ASEAN, MEASURES], id="two-character-chinese"),
        pytest.param("海關", [COCAINE, ASEAN, MEASURES], id="two-character-chinese-titles"),
        pytest.param("海关", [COCAINE, ASEAN, MEASURES], id="simplified-finds-traditional"),
        pytest.param("论坛", [ASEAN, MEASURES], id="simplified-forum"),
        pytest.param("東盟論壇", [ASEAN], id="longer-chinese-run"),
        pytest.param("可卡因", [COCAINE], id="three-characters"),
        pytest.param("COCAINE", [COCAINE], id="english-any-case"),
        pytest.param("seized", [COCAINE], id="english-inflection-seized"),
        pytest.param("Seizing", [COCAINE], id="english-inflection-seizing"),
        pytest.param("symposiums", [ASEAN, MEASURES], id="english-plural"),
        pytest.param("海关 cocaine", [COCAINE], id="mixed-chinese-and-english"),
        pytest.param("ｃｏｃａｉｎｅ", [COCAINE], id="full-width-latin"),
        pytest.param("symposium cocaine", [], id="all-terms-must-match"),
        pytest.param("澳門", [], id="no-match"),
    ],
)
def test_search_finds_public_releases_in_either_language(client, corpus, query, expected):
    assert found(client, query) == expected


def test_title_matches_rank_above_body_matches_newest_first_among_equals(client, corpus):
    # MEASURES is the newest, but only its text says 論壇; ASEAN has it in its title.
    assert found(client, "論壇") == [ASEAN, MEASURES]
    # All three say 海關 in a title: the newest comes first.
    assert found(client, "海關") == [COCAINE, ASEAN, MEASURES]


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
def test_drafts_and_scheduled_releases_are_never_found(client, corpus, language):
    page = client.get(f"/{language}/releases/", {"q": "symposium"}).content.decode()

    assert "Customs holds ASEAN <mark>symposium</mark>" in page
    assert "Draft symposium" not in page
    assert "Scheduled symposium" not in page
    assert "草稿" not in page


def test_results_lead_with_the_interface_language_and_mark_matches_in_both(client, corpus):
    chinese = client.get("/zh-hant/releases/", {"q": "海關 symposium"}).content.decode()
    english = client.get("/en/releases/", {"q": "海關 symposium"}).content.decode()

    assert '-asean-symposium/"><mark>海關</mark>舉辦東盟論壇</a></h2>' in chinese
    assert (
        '<p class="release-card__other-title">Customs holds ASEAN <mark>symposium</mark></p>'
        in (chinese)
    )
    assert "香港<mark>海關</mark>與東盟舉辦論壇" in chinese
    assert "Hong Kong Customs held a <mark>symposium</mark> with ASEAN." in english
    assert english.index("Customs holds ASEAN <mark>symposium</mark>") < english.index(
        "<mark>海關</mark>舉辦東盟論壇"
    )


def test_highlighting_escapes_the_release_text(client, release_factory):
    release_factory(title_en="Cocaine <b>bold</b> & co", body_en="Cocaine <script>x</script>")

    page = client.get("/en/releases/", {"q": "cocaine"}).content.decode()

    assert "<mark>Cocaine</mark> &lt;b&gt;bold&lt;/b&gt; &amp; co" in page
    assert "<mark>Cocaine</mark> &lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page


def test_simplified_search_page_shows_simplified_text_and_marks(client, corpus):
    page = client.get("/zh-hans/releases/", {"q": "論壇"}).content.decode()

    assert "<mark>论坛</mark>" in page
    assert "海关举办东盟<mark>论坛</mark>" in page
    assert "論壇" not in page


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        '" OR 1=1 --',
        "'; DROP TABLE releases_release; --",
        "NEAR(cocaine customs)",
        "title_terms : cocaine",
        "{terms} : cocaine",
        "cocaine*",
        "* ^ - + : ( ) { }",
        "AND OR NOT",
        "%_%",
        "\\",
        "\x00\x01\x1f\x7f cocaine",
        "c" * 1000,
        "海" * 1000,
        "論壇 " * 300,
        "😀 ✓ ﷺ",
    ],
)
def test_any_query_gets_a_page_never_an_error(client, corpus, query):
    response = client.get("/en/releases/", {"q": query})

    assert response.status_code == 200
    assert "Search results for" in response.content.decode()
    assert Release.objects.count() == 5


def test_control_characters_are_dropped_from_the_query(client, corpus):
    assert found(client, "\x00coc\x07aine") == []
    assert found(client, "cocaine\x00") == [COCAINE]


def test_search_uses_the_index_not_a_like_scan(client, corpus):
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/releases/", {"q": "海關 cocaine"})

    sql = " ".join(query["sql"] for query in queries.captured_queries).upper()
    assert " LIKE " not in sql
    assert ("MATCH" in sql) or ("@@" in sql)


# Keeping the index in step.


def test_a_new_release_is_found_at_once(client, release_factory):
    release_factory(title_en="Customs launches hotline", title_zh="海關推出熱線")

    assert found(client, "hotline") == ["Customs launches hotline"]
    assert found(client, "热线") == ["Customs launches hotline"]


def test_an_edited_translation_is_found_by_its_new_words_only(client, release_factory):
    release = release_factory(title_en="Customs launches hotline")
    release.set_current_language("en")
    release.title = "Customs opens office"
    release.save()

    assert found(client, "hotline") == []
    assert found(client, "office") == ["Customs opens office"]


def test_publishing_a_draft_makes_it_findable(client, release_factory):
    release = release_factory(title_en="Customs launches hotline", status=Release.Status.DRAFT)
    assert found(client, "hotline") == []

    release.status = Release.Status.PUBLISHED
    release.save()

    assert found(client, "hotline") == ["Customs launches hotline"]


def test_a_withdrawn_release_is_no_longer_found(client, release_factory):
    release = release_factory(title_en="Customs launches hotline")
    release.status = Release.Status.WITHDRAWN
    release.save()

    assert found(client, "hotline") == []


def test_a_deleted_release_leaves_the_index(client, release_factory):
    release = release_factory(title_en="Customs launches hotline")
    release_factory(title_en="Another release")

    release.delete()

    assert SearchDocument.objects.count() == 1
    assert found(client, "hotline") == []
    assert found(client, "another") == ["Another release"]


def test_a_deleted_translation_leaves_the_index(client, release_factory):
    release = release_factory(title_en="Customs launches hotline", title_zh="海關推出熱線")

    release.delete_translation("zh-hant")

    assert found(client, "熱線") == []
    assert found(client, "hotline") == ["Customs launches hotline"]


def test_rebuild_search_index_restores_a_lost_index(client, corpus):
    SearchDocument.objects.all().delete()
    assert found(client, "cocaine") == []

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert "Indexed 5 releases." in out.getvalue()
    assert found(client, "cocaine") == [COCAINE]


def test_seed_releases_leaves_the_index_complete(client):
    call_command("seed_releases", "30", "--batch", "7", stdout=io.StringIO())

    assert SearchDocument.objects.count() == 30
    results = client.get("/en/releases/", {"q": "海关"}).content.decode()
    assert "30 press releases" in results


# The tokenizer.


def test_document_terms_hold_chinese_characters_and_pairs_and_english_stems():
    assert search.document_terms("海關論壇 Customs' seized") == [
        "海",
        "关",
        "论",
        "坛",
        "海关",
        "关论",
        "论坛",
        "custom",
        "seiz",
    ]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("海關", ["海关"]),
        ("海", ["海"]),
        ("東盟論壇", ["东盟", "盟论", "论坛"]),
        ("Hong Kong's", ["hong", "kong"]),
        ("seizes SEIZING seized", ["seiz"]),
        ("stopped running", ["stop", "run"]),
        ("activities activity", ["activ"]),
        ('"); DROP --', ["drop"]),
        ("", []),
    ],
)
def test_query_terms(query, terms):
    assert search.query_terms(query) == terms


def test_query_terms_are_bounded():
    terms = search.query_terms(" ".join(f"word{i}" for i in range(500)))

    assert len(terms) == search.MAX_QUERY_TERMS
