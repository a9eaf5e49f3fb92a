"""Every route to a change of state goes through releases.publishing: one rule, one event.

The desk's form, its list actions, the restore of a version and the commands
each call the same entry point, so each refuses for the same reason, records
the same line in the history and announces the same event once it commits.
"""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone, translation
from reversion.models import Version

from pagecache import versions as page_cache
from pressroom.languages import SUFFIXES
from releases import events, publishing
from releases.history import history_line
from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import add_attachment, add_image, committed

pytestmark = pytest.mark.django_db

REASONS = {"reason_zh_hant": "資料有誤。", "reason_en": "The figures were wrong."}
# A correction of a release with a photo and an attachment, through the desk: 80 queries
# and 16 page-cache generations before publishing had one owner (see docs/architecture.md).
CORRECTION_QUERIES = 70


@pytest.fixture
def announced():
    """Record each release event sent, as (event name, arguments), in order."""
    sent = []
    names = {getattr(events, name): name for name in dir(events) if name.startswith("release")}

    def record(signal, sender, **arguments):
        sent.append((names[signal], {k: v for k, v in arguments.items() if k != "signal"}))

    for signal in names:
        signal.connect(record, weak=False, dispatch_uid="test-announced")
    yield sent
    for signal in names:
        signal.disconnect(dispatch_uid="test-announced")


def kinds(sent: list) -> list[str]:
    return [name for name, _ in sent]


def change(client, release: Release, **fields):
    url = f"/admin/releases/release/{release.pk}/change/?language=en"
    return client.post(url, release_form(release, "en", **fields))


def action(client, name: str, release: Release, **extra):
    selected = {"action": name, "_selected_action": [str(release.pk)], **extra}
    return client.post("/admin/releases/release/", selected)


def history(release: Release, language: str = "en") -> str:
    """The newest line of the release's history, as a reader of `language` sees it."""
    revision = Version.objects.get_for_object(release).first().revision
    with translation.override(language):
        return history_line(revision.comment)


def messages_of(client, response) -> str:
    return client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("route", ["form", "action"])
def test_publishing_refuses_a_missing_translation_the_same_way_on_every_route(
    publisher_client, release_factory, announced, route
):
    draft = release_factory(status=Release.Status.DRAFT, body_en="")

    with committed():
        if route == "form":
            page = change(publisher_client, draft, status="published").content.decode()
        else:
            page = messages_of(
                publisher_client, action(publisher_client, "publish_selected", draft)
            )

    assert "English: body is missing" in page
    assert Release.objects.get(pk=draft.pk).status == Release.Status.DRAFT
    assert announced == []


@pytest.mark.parametrize("route", ["form", "action"])
def test_publishing_announces_once_and_says_so_in_the_history_on_every_route(
    publisher_client, release_factory, announced, route
):
    draft = release_factory(status=Release.Status.DRAFT)

    with committed():
        if route == "form":
            response = change(publisher_client, draft, status="published")
        else:
            response = action(publisher_client, "publish_selected", draft)

    assert response.status_code == 302
    release = Release.objects.get(pk=draft.pk)
    assert release.status == Release.Status.PUBLISHED
    assert release.first_public_at == release.publish_at
    assert kinds(announced) == ["release_edited", "release_published"]
    assert announced[1][1] == {"release_id": draft.pk, "publish_at": release.publish_at}
    assert history(release) == "Published by pat."
    assert history(release, "zh-hant") == "由pat發布。"


@pytest.mark.parametrize("route", ["form", "action", "command"])
def test_withdrawing_records_why_and_announces_on_every_route(
    publisher_client, release_factory, announced, route
):
    release = release_factory()
    reasons = {"zh-hant": REASONS["reason_zh_hant"], "en": REASONS["reason_en"]}

    with committed():
        if route == "form":
            fields = {"withdrawal_reason_zh_hant": reasons["zh-hant"]}
            fields["withdrawal_reason_en"] = reasons["en"]
            change(publisher_client, release, status="withdrawn", **fields)
        elif route == "action":
            action(publisher_client, "withdraw_selected", release, confirm="yes", **REASONS)
        else:
            publishing.withdraw(release, reasons, user=None, now=timezone.now())

    release = Release.objects.get(pk=release.pk)
    assert release.status == Release.Status.WITHDRAWN
    assert release.safe_translation_getter("withdrawal_reason", language_code="en") == (
        "The figures were wrong."
    )
    assert kinds(announced) == ["release_edited", "release_withdrawn"]
    assert announced[1][1] == {"release_id": release.pk, "was_public": True}
    who, who_zh = ("the system", "系統") if route == "command" else ("pat", "pat")
    assert history(release) == f"Withdrawn by {who}: The figures were wrong."
    assert history(release, "zh-hant") == f"由{who_zh}撤回：資料有誤。"


@pytest.mark.parametrize("route", ["form", "action"])
def test_only_a_published_release_is_withdrawn_on_every_route(
    publisher_client, release_factory, announced, route
):
    draft = release_factory(status=Release.Status.DRAFT)

    with committed():
        if route == "form":
            fields = {"withdrawal_reason_zh_hant": "錯誤。", "withdrawal_reason_en": "Error."}
            page = change(publisher_client, draft, status="withdrawn", **fields).content.decode()
        else:
            response = action(
                publisher_client, "withdraw_selected", draft, confirm="yes", **REASONS
            )
            page = messages_of(publisher_client, response)

    assert "Only a published release can be withdrawn." in page
    assert Release.objects.get(pk=draft.pk).status == Release.Status.DRAFT
    assert announced == []


def test_restoring_a_version_announces_it_and_names_it_in_the_history(
    publisher_client, release_factory, announced
):
    release = release_factory(status=Release.Status.DRAFT, title_en="First title")
    with committed():
        change(publisher_client, release, title="Second title")
    first = Version.objects.get_for_object(release).last()
    announced.clear()

    url = f"/admin/releases/release/{release.pk}/history/{first.pk}/"
    with committed():
        response = publisher_client.post(url, release_form(release, "en", title="First title"))

    assert response.status_code == 302
    restored = Release.objects.get(pk=release.pk)
    assert restored.safe_translation_getter("title", language_code="en") == "First title"
    assert kinds(announced) == ["release_edited", "release_restored"]
    assert announced[1][1] == {"release_id": release.pk, "version": first.field_dict["version"]}
    assert history(restored) == f"Restored version {first.field_dict['version']} by pat."


def test_the_demo_command_publishes_through_the_entry_point(announced):
    with committed():
        call_command("load_demo", stdout=io.StringIO())

    release = Release.objects.get()
    assert release.status == Release.Status.PUBLISHED
    # A new release keeps the time it is given; only a saved draft's past time means "now".
    assert timezone.localtime(release.publish_at).year == 2023
    assert kinds(announced) == ["release_created", "release_published"]


def test_a_correction_through_the_desk_runs_a_fixed_number_of_queries_and_moves_the_cache_once(
    publisher_client, demo_release, announced, django_assert_num_queries
):
    add_image(demo_release)
    add_attachment(demo_release)
    url = f"/admin/releases/release/{demo_release.pk}/change/"
    # Django keeps content types for the process: ask for all, so earlier tests do not count.
    ContentType.objects.get_for_models(*apps.get_models())
    publisher_client.get(url)
    correction = release_form(
        demo_release,
        "en",
        body_en="Hong Kong Customs held the symposium.\n\nAbout 50 experts attended.",
        # The Chinese says the same, or the two languages' check would hold the correction.
        body_zh_hant="香港海關舉行交流會。\n\n約50名專家出席。",
        change_note_zh_hant="更正出席人數。",
        change_note_en="The number who attended is corrected.",
    )

    with (
        mock.patch.object(
            page_cache, "_new_generation", wraps=page_cache._new_generation
        ) as moves,
        committed(),
        django_assert_num_queries(CORRECTION_QUERIES),
    ):
        response = publisher_client.post(url, correction)

    assert response.status_code == 302
    assert moves.call_count == 1
    assert kinds(announced) == ["release_edited", "release_corrected"]
    note = demo_release.change_notes.get()
    assert note.safe_translation_getter("note", language_code="en") == (
        "The number who attended is corrected."
    )
    page = publisher_client.get(demo_release.get_absolute_url().replace("zh-hant", "en"))
    assert "About 50 experts attended." in page.content.decode()


@pytest.mark.parametrize("route", ["form", "command"])
def test_a_correction_needs_its_note_in_both_languages_and_is_announced_on_every_route(
    publisher_client, release_factory, announced, route
):
    release = release_factory()

    def correct(note: dict[str, str]):
        with committed(), translation.override("en"):
            if route == "form":
                fields = {f"change_note_{s}": note.get(c, "") for c, s in SUFFIXES.items()}
                return change(publisher_client, release, notify_subscribers="on", **fields)
            try:
                publishing.correct(release, note, user=None, now=timezone.now(), notify=True)
            except publishing.PublishingRefused as refused:
                return str(refused)

    refusal = correct({"en": "Date corrected."})
    page = refusal if isinstance(refusal, str) else refusal.content.decode()
    assert "A change note is shown in both languages; write it in each." in page
    assert announced == []

    correct({"zh-hant": "更正日期。", "en": "Date corrected."})

    assert kinds(announced) == ["release_edited", "release_corrected"]
    note = release.change_notes.get()
    assert announced[1][1] == {"release_id": release.pk, "change_note_id": note.pk, "notify": True}
    who = "the system" if route == "command" else "pat"
    assert history(release) == f"Correction published by {who}: Date corrected."


def test_a_release_withdrawn_before_its_time_never_becomes_public_whatever_its_date(
    publisher_client, client, release_factory, api_client
):
    now = timezone.now()
    scheduled = release_factory(title_en="Never public", publish_at=now + timedelta(hours=2))
    reasons = {"zh-hant": "取消。", "en": "Cancelled."}
    with committed():
        publishing.withdraw(scheduled, reasons, user=None, now=now)

    with committed():
        response = change(
            publisher_client,
            scheduled,
            publish_at_0=(now - timedelta(days=1)).strftime("%Y-%m-%d"),
            publish_at_1="09:00:00",
        )

    assert response.status_code == 302
    release = Release.objects.get(pk=scheduled.pk)
    assert release.publish_at < now
    assert release.first_public_at is None
    path = f"/en/releases/{release.pk}/{release.slug}/"
    assert client.get(path).status_code == 404
    assert client.get(f"/api/v1/releases/{release.pk}").status_code == 404
    # A release readers did see keeps its page after its withdrawal.
    seen = release_factory(title_en="Seen by readers")
    with committed():
        publishing.withdraw(seen, reasons, user=None, now=now)
    answer = client.get(f"/en/releases/{seen.pk}/{seen.slug}/")
    assert answer.status_code == 200
    assert "Seen by readers" in answer.content.decode()


def test_the_history_page_says_each_save_in_the_readers_language(
    publisher_client, publisher, release_factory
):
    publisher.first_name, publisher.last_name = "美玲", "陳"
    publisher.save()
    draft = release_factory(status=Release.Status.DRAFT)
    with committed():
        action(publisher_client, "publish_selected", draft)
    url = f"/admin/releases/release/{draft.pk}/history/"

    english = publisher_client.get(url)
    chinese = publisher_client.get(url, headers={"accept-language": "zh-hant"})

    assert english.status_code == chinese.status_code == 200
    # A Chinese name is written family name first, in both languages.
    assert "Published by 陳美玲." in english.content.decode()
    assert "由陳美玲發布。" not in english.content.decode()
    assert "由陳美玲發布。" in chinese.content.decode()
