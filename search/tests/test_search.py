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

from pressroom.languages import is_cjk
from releases import publishing
from releases.models import Release
from search.models import SearchDocument
from search.passages import passage
from search.results import rounded
from search.terms import MAX_QUERY_TERMS, document_terms, query_terms
from testing.factories import announce_change, make_topic
from testing.statistics import planner_rows

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


def test_publishing_a_draft_makes_it_findable(
    client, release_factory, django_capture_on_commit_callbacks
):
    release = release_factory(title_en="Customs launches hotline", status=Release.Status.DRAFT)
    assert found(client, "hotline") == []

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(release, user=None, now=timezone.now())

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

    assert "Indexed 5 releases" in out.getvalue()
    assert found(client, "cocaine") == [COCAINE]


def test_seed_releases_leaves_the_index_complete(client):
    call_command("seed_releases", "30", "--batch", "7", stdout=io.StringIO())

    assert SearchDocument.objects.count() == 30
    results = client.get("/en/releases/", {"q": "海关"}).content.decode()
    assert "30 press releases" in results


# The tokenizer.


def test_document_terms_hold_chinese_characters_and_pairs_and_english_stems():
    assert document_terms("海關論壇 Customs' seized") == [
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
    assert query_terms(query) == terms


def test_query_terms_are_bounded():
    terms = query_terms(" ".join(f"word{i}" for i in range(500)))

    assert len(terms) == MAX_QUERY_TERMS


@pytest.mark.parametrize(
    "words",
    [
        pytest.param(["seize", "seizes", "seized", "seizing"], id="seize"),
        pytest.param(["traveller", "travellers"], id="traveller"),
        pytest.param(["activity", "activities"], id="activity"),
    ],
)
def test_inflections_meet_at_one_snowball_stem(words):
    stems = {term for word in words for term in query_terms(word)}

    assert len(stems) == 1
    assert document_terms(" ".join(words)) == [stems.pop()] * len(words)


@pytest.mark.parametrize("query", ["traveller", "Travellers", "seize", "seizes"])
def test_every_inflection_finds_the_release(client, release_factory, query):
    release_factory(
        title_en="Customs seized goods of a traveller", body_en="Two travellers were stopped."
    )
    release_factory(title_en="Customs holds seminar", body_en="A seminar on trade.")

    assert found(client, query) == ["Customs seized goods of a traveller"]


# Topic names are part of each release's document, in both languages.


@pytest.fixture
def on_drugs(release_factory):
    topic = make_topic("drug-enforcement", "緝毒", "Drug enforcement")
    release = release_factory(title_en="Customs seizes cannabis", title_zh="海關檢獲大麻")
    release.topics.add(topic)
    release_factory(title_en="Customs holds seminar", title_zh="海關舉辦研討會")
    return topic, release


@pytest.mark.parametrize(
    ("query", "language", "title"),
    [
        ("緝毒", "zh-hant", "海關檢獲大麻"),
        ("缉毒", "zh-hans", "海关检获大麻"),
        ("drug enforcement", "en", "Customs seizes cannabis"),
        ("緝毒 cannabis", "en", "Customs seizes cannabis"),
    ],
)
def test_a_release_is_found_by_its_topic_name_in_either_language(
    client, on_drugs, query, language, title
):
    assert found(client, query, language) == [title]
    assert found(client, "緝毒研討會") == []


def test_a_renamed_topic_is_found_by_its_new_name_only(client, on_drugs):
    topic, _release = on_drugs
    topic.set_current_language("en")
    topic.name = "Narcotics"
    topic.save()

    assert found(client, "narcotics") == ["Customs seizes cannabis"]
    assert found(client, "drug enforcement") == []
    assert found(client, "緝毒") == ["Customs seizes cannabis"]


def test_topic_names_follow_the_topics_of_a_release(client, on_drugs, release_factory):
    topic, release = on_drugs
    other = release_factory(title_en="Customs seizes cocaine")
    # From either side of the relation; the index follows the rows, the page cache is told.
    topic.release_set.add(other)
    release.topics.remove(topic)
    announce_change()

    assert found(client, "drug enforcement") == ["Customs seizes cocaine"]

    topic.release_set.clear()
    announce_change()
    assert found(client, "drug enforcement") == []


def test_a_deleted_topic_leaves_the_documents(client, on_drugs):
    topic, _release = on_drugs
    topic.delete()

    assert found(client, "drug enforcement") == []
    assert found(client, "cannabis") == ["Customs seizes cannabis"]


# Counting, and reading the results a page at a time.


@pytest.fixture
def many(release_factory):
    """45 releases saying 海關, newest first, and one that does not; 30 say it in the title.

    The first three are on a topic.
    """
    now = timezone.now()
    topic = make_topic("aeo", "認可經濟營運商", "Authorised Economic Operator")
    for n in range(45):
        release = release_factory(
            title_zh=f"海關公報 {n:02d}" if n % 3 != 2 else f"公報 {n:02d}",
            title_en=f"Release {n:02d}",
            body_zh="香港海關今日公布。",
            publish_at=now - timedelta(days=n + 1),
        )
        if n < 3:
            release.topics.add(topic)
    release_factory(title_en="Unrelated", body_zh="無關。", publish_at=now - timedelta(days=1))


IN_TITLE_FIRST = [f"Release {n:02d}" for n in range(45) if n % 3 != 2] + [
    f"Release {n:02d}" for n in range(45) if n % 3 == 2
]


def page_titles(client, query: str, page: int, **filters) -> list[str]:
    response = client.get("/en/releases/", {"q": query, "page": page, **filters})
    assert response.status_code == 200
    return [re.sub(r"</?mark>", "", t) for t in RESULT_TITLE.findall(response.content.decode())]


# 45 hits, counted; more than 20 hits, estimated, and the first page read by walking the
# release index (title hits are dense); further pages gather the hits from the search index.
@pytest.mark.parametrize("limit", [10_000, 20], ids=["counted", "estimated"])
def test_results_are_ranked_the_same_on_every_page_counted_or_estimated(
    client, many, settings, limit
):
    settings.SEARCH_EXACT_COUNT_LIMIT = limit

    pages = [page_titles(client, "海關", page) for page in (1, 2, 3)]

    assert [len(titles) for titles in pages] == [20, 20, 5]
    assert pages[0] + pages[1] + pages[2] == IN_TITLE_FIRST
    assert client.get("/en/releases/", {"q": "海關", "page": 4}).status_code == 404


def test_up_to_the_limit_the_count_is_exact(client, many, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 45

    english = client.get("/en/releases/", {"q": "海關"}).content.decode()
    chinese = client.get("/zh-hant/releases/", {"q": "海關"}).content.decode()

    assert "45 press releases" in english
    assert "Page 1 of 3" in english
    assert "about" not in english
    assert "共 45 篇新聞公報" in chinese
    assert "約" not in chinese


def test_above_the_limit_the_count_is_an_estimate_worded_as_one(client, many, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 20

    english = client.get("/en/releases/", {"q": "海關"}).content.decode()
    chinese = client.get("/zh-hant/releases/", {"q": "海關"}).content.decode()

    # 21 hits among the first 21 of the 46 documents: all 46, by their share.
    assert "about 46 press releases" in english
    assert "Page 1 of about 3" in english
    assert "約 46 篇新聞公報" in chinese
    assert "第 1 頁，共約 3 頁" in chinese


def test_a_count_reads_a_sample_and_estimates_from_it_when_the_hits_are_many(
    client, many, settings
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 20
    settings.SEARCH_SAMPLE = 10

    english = client.get("/en/releases/", {"q": "海關"}).content.decode()
    chinese = client.get("/zh-hant/releases/", {"q": "海關"}).content.decode()
    pages = [page_titles(client, "海關", page) for page in (1, 2, 3)]

    # On PostgreSQL all 10 documents of the sample match, too many for the 46 to hold under
    # 40; on SQLite the first 21 hits are read, as FTS5 reads no document: about 46 either way.
    assert "about 46 press releases" in english
    assert "約 46 篇新聞公報" in chinese
    assert pages[0] + pages[1] + pages[2] == IN_TITLE_FIRST
    assert client.get("/en/releases/", {"q": "海關", "page": 4}).status_code == 404


def test_a_count_whose_sample_holds_few_hits_counts_them_exactly(client, many, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 20
    settings.SEARCH_SAMPLE = 10

    english = client.get("/en/releases/", {"q": "無關"}).content.decode()
    chinese = client.get("/zh-hant/releases/", {"q": "無關"}).content.decode()

    # The one release saying it is the last document, outside PostgreSQL's sample.
    assert "1 press release" in english
    assert "about" not in english
    assert "共 1 篇新聞公報" in chinese
    assert "約" not in chinese


def test_every_page_of_results_is_reached_however_far_below_the_estimate(
    client, release_factory, settings
):
    settings.SEARCH_EXACT_COUNT_LIMIT = 20
    now = timezone.now()
    # Among the first 42 documents every other one says 海關, then all the next 40 do.
    for n in range(82):
        release_factory(
            title_en=f"Release {n:02d}",
            body_zh="香港海關今日公布。" if n >= 42 or n % 2 == 0 else "無關。",
            publish_at=now - timedelta(days=n + 1),
        )
    matching = [f"Release {n:02d}" for n in range(82) if n >= 42 or n % 2 == 0]

    first = client.get("/en/releases/", {"q": "海關"}).content.decode()
    pages = [page_titles(client, "海關", page) for page in (1, 2, 3, 4)]
    last = client.get("/en/releases/", {"q": "海關", "page": 4}).content.decode()

    # 21 hits among the first 41 documents: about 42 of the 82, where there are 61.
    assert "about 42 press releases" in first
    assert pages[0] + pages[1] + pages[2] + pages[3] == matching
    assert "Page 4 of about 4" in last
    assert 'rel="next"' not in last
    assert client.get("/en/releases/", {"q": "海關", "page": 5}).status_code == 404


@pytest.mark.parametrize("limit", [10_000, 20], ids=["counted", "estimated"])
def test_hidden_releases_that_match_are_neither_counted_nor_shown(
    client, many, release_factory, settings, limit
):
    # Counted from the search index less what is hidden: a draft, a scheduled release and
    # a withdrawn one, each saying 海關 in its title, among the newest documents.
    settings.SEARCH_EXACT_COUNT_LIMIT = limit
    now = timezone.now()
    release_factory(title_zh="海關草稿", title_en="Hidden draft", status=Release.Status.DRAFT)
    release_factory(
        title_zh="海關預告", title_en="Hidden scheduled", publish_at=now + timedelta(days=1)
    )
    release_factory(
        title_zh="海關撤回",
        title_en="Hidden withdrawn",
        status=Release.Status.WITHDRAWN,
        withdrawn_at=now,
    )

    english = client.get("/en/releases/", {"q": "海關"}).content.decode()
    titles = [t for page in (1, 2, 3) for t in page_titles(client, "海關", page)]

    assert ("45 press releases" if limit > 45 else "about 46 press releases") in english
    assert titles == IN_TITLE_FIRST
    assert "Hidden" not in english


def test_a_remembered_count_changes_with_the_content_and_with_time(
    client, many, release_factory, clock
):
    def count() -> str:
        page = client.get("/en/releases/", {"q": "海關"}).content.decode()
        return re.search(r"(\d+) press releases", page).group(1)

    assert count() == "45"
    assert count() == "45"  # the same search again: remembered

    release_factory(title_zh="海關新聞", title_en="Newly published")
    assert count() == "46"

    release_factory(title_zh="海關預告", publish_at=timezone.now() + timedelta(hours=1))
    assert count() == "46"
    clock.shift(timedelta(hours=2))  # the scheduled release comes due
    assert count() == "47"


def test_an_estimate_is_rounded_to_two_figures():
    assert [rounded(n) for n in [46, 98_432, 123_456]] == [46, 98_000, 120_000]


def test_filters_that_leave_few_of_many_hits_are_counted_exactly(client, many, settings):
    settings.SEARCH_EXACT_COUNT_LIMIT = 20

    page = client.get("/en/releases/", {"q": "海關", "topic": "aeo"}).content.decode()

    assert "3 press releases" in page
    assert "about" not in page
    assert page_titles(client, "海關", 1, topic="aeo") == [
        "Release 00",
        "Release 01",
        "Release 02",
    ]


# Passages.


def test_a_chinese_passage_begins_at_a_clause_never_inside_a_date(client, demo_release):
    page = client.get("/zh-hant/releases/", {"q": "論壇"}).content.decode()
    passage = re.search(r'<p class="release-card__passage">(.*?)</p>', page, re.S).group(1)

    assert passage.startswith("…「東盟及中國香港AEO專家交流會及<mark>論壇</mark>」")
    assert "9至30日" not in passage


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        pytest.param(
            "截至2023年11月29日為止共有約1234567890名旅客經機場入境海關檢查",
            ["海关"],
            "…日為止共有約1234567890名旅客經機場入境<mark>海關</mark>檢查",
            id="no-clause-whole-number",
        ),
        pytest.param(
            "香港海關今日在記者會上表示，本年度的交流活動將於11月29至30日舉行論壇",
            ["论坛"],
            "…本年度的交流活動將於11月29至30日舉行<mark>論壇</mark>",
            id="after-a-comma",
        ),
        pytest.param(
            "Customs officers at the airport, on routine clearance, seized cocaine today",
            ["seiz"],
            "…on routine clearance, <mark>seized</mark> cocaine today",
            id="english-after-a-comma",
        ),
        pytest.param(
            "Customsofficersattheairportonroutineclearance examined and seized cocaine",
            ["seiz"],
            "…examined and <mark>seized</mark> cocaine",
            id="english-whole-word",
        ),
        pytest.param(
            "Goods worth $1,000,000 in total were seized",
            ["seiz"],
            "…$1,000,000 in total were <mark>seized</mark>",
            id="english-number-kept-whole",
        ),
    ],
)
def test_passages_begin_on_a_boundary(text, terms, expected):
    before = 24 if is_cjk(text[0]) else 30
    assert passage(text, terms, before, 200) == expected


def test_passages_are_cut_from_text_stored_at_index_time(client, corpus, monkeypatch):
    def no_rendering(*args, **kwargs):
        raise AssertionError("a results page rendered CommonMark")

    monkeypatch.setattr("releases.markup.Body.html", property(no_rendering))
    monkeypatch.setattr("releases.markup.Body.blocks", property(no_rendering))
    monkeypatch.setattr("releases.markup.plain_text", no_rendering)

    page = client.get("/en/releases/", {"q": "cocaine"}).content.decode()

    assert "about five kilograms of suspected <mark>cocaine</mark>." in page


def test_search_plan_computes_no_tsvector_per_row(client, corpus):
    if connection.vendor != "postgresql":
        pytest.skip("the plan checked here is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE releases_searchdocument")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/releases/", {"q": "海關 cocaine"})
    searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert len(searches) == 2  # the count, and both passes of the page

    with connection.cursor() as cursor:
        plans = []
        for sql in searches:
            cursor.execute(f"EXPLAIN (VERBOSE) {sql}")
            plans.append(" ".join(row[0] for row in cursor.fetchall()))

    assert all("to_tsvector" not in plan for plan in plans)
    assert all("vector @@" in plan for plan in plans)


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        pytest.param(
            "海關邀請各地代表出席。 論壇討論貿易便利。 會後參觀口岸。",
            ["论坛"],
            "海關邀請各地代表出席。<mark>論壇</mark>討論貿易便利。會後參觀口岸。",
            id="chinese-paragraphs-joined",
        ),
        pytest.param(
            "「交流會」 於今日舉行， 論壇明日開始",
            ["论坛"],
            "「交流會」於今日舉行，<mark>論壇</mark>明日開始",
            id="after-a-bracket-and-a-comma",
        ),
        pytest.param(
            "Cocaine was seized. Officers arrested two men.",
            ["seiz"],
            "Cocaine was <mark>seized</mark>. Officers arrested two men.",
            id="english-keeps-its-spaces",
        ),
    ],
)
def test_passages_put_no_space_after_full_width_punctuation(text, terms, expected):
    assert passage(text, terms, 60, 200) == expected


def test_rebuilding_the_index_leaves_the_planner_statistics_of_what_it_wrote(release_factory):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statistics: SQLite is left to its own rules")
    # PostgreSQL keeps statistics past a rolled-back test: write a number they cannot hold.
    count = 2 if planner_rows("releases_searchdocument") == 3 else 3
    for number in range(count):
        release_factory(title_en=f"Release {number}")

    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)

    assert planner_rows("releases_searchdocument") == count
    assert f"Indexed {count} releases; tables analysed." in output.getvalue()
