"""The embargo's rules: set, changed, lifted and cancelled through releases.publishing only.

Journalists have an embargoed release from its media time, readers from its
publish time; every change says what happened in the history, in words, and
announces the event the media app listens to.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from reversion.models import Version

from releases import events, publishing
from releases.embargoes import under_embargo
from releases.history import history_line
from releases.models import Embargo, Release
from releases.steps import PublishingRefused, Step
from testing.factories import committed, make_embargoed, make_release, publish_release

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


@pytest.fixture
def announced():
    """Record each event releases.events sends, as (event name, arguments), in order."""
    sent = []
    names = {
        getattr(events, name): name
        for name in dir(events)
        if name.startswith(("release_", "embargo_"))
    }

    def record(signal, sender, **arguments):
        sent.append((names[signal], {k: v for k, v in arguments.items() if k != "signal"}))

    for signal in names:
        signal.connect(record, weak=False, dispatch_uid="test-embargo-announced")
    yield sent
    for signal in names:
        signal.disconnect(dispatch_uid="test-embargo-announced")


def kinds(sent: list) -> list[str]:
    return [name for name, _ in sent]


def history(release: Release, language: str = "en") -> str:
    revision = Version.objects.get_for_object(release).first().revision
    with translation.override(language):
        return history_line(revision.comment)


def refusal(call, language: str = "en") -> str:
    """Why `call` is refused, in the words a reader of `language` gets."""
    with translation.override(language), pytest.raises(PublishingRefused) as refused:
        call()
    return str(refused.value)


@pytest.fixture
def scheduled():
    with committed():
        return publish_release(publish_at=timezone.now() + 3 * HOUR)


def test_a_publisher_puts_a_scheduled_release_under_embargo(scheduled, publisher, announced):
    now = timezone.now()
    version = scheduled.version
    with committed():
        publishing.embargo(
            scheduled, media_at=now + HOUR, audience="beats", user=publisher, now=now
        )

    embargo = Embargo.objects.get(release=scheduled)
    assert (embargo.media_at, embargo.audience, embargo.revision) == (now + HOUR, "beats", 1)
    assert embargo.lifted_at is None
    assert Release.objects.get(pk=scheduled.pk).version == version + 1
    assert (
        "embargo_set",
        {"release_id": scheduled.pk, "media_at": now + HOUR, "publish_at": scheduled.publish_at},
    ) in announced
    assert history(scheduled).startswith(
        "Embargo set by pat: accredited media whose beats match its topics receive it at"
    )
    assert history(scheduled, "zh-hant").startswith("由pat設定禁止發布：採訪範疇")


def test_an_editor_cannot_put_a_release_under_embargo(scheduled, editor):
    now = timezone.now()
    message = refusal(
        lambda: publishing.embargo(
            scheduled, media_at=now + HOUR, audience="all", user=editor, now=now
        )
    )
    assert message == "Only publishers can put a release under embargo."
    assert not Embargo.objects.exists()


@pytest.mark.parametrize(
    "status, publish_in",
    [("draft", 3 * HOUR), ("withdrawn", -3 * HOUR), ("published", -3 * HOUR)],
)
def test_only_a_scheduled_release_can_be_under_embargo(publisher, status, publish_in):
    now = timezone.now()
    release = make_release(status=status, publish_at=now + publish_in)
    message = refusal(
        lambda: publishing.embargo(
            release, media_at=now + HOUR, audience="all", user=publisher, now=now
        )
    )
    assert message == "Only a scheduled release, not yet public, can be under embargo."
    chinese = refusal(
        lambda: publishing.embargo(
            release, media_at=now + HOUR, audience="all", user=publisher, now=now
        ),
        "zh-hant",
    )
    assert chinese == "只有已排定、尚未公開的新聞公報可以設定禁止發布。"


def test_the_media_time_must_come_before_the_publish_time_and_not_be_past(scheduled, publisher):
    now = timezone.now()
    after = refusal(
        lambda: publishing.embargo(
            scheduled, media_at=scheduled.publish_at, audience="all", user=publisher, now=now
        )
    )
    past = refusal(
        lambda: publishing.embargo(
            scheduled, media_at=now - HOUR, audience="all", user=publisher, now=now
        )
    )
    assert after.startswith("The media time must be before the publish time")
    assert past == "The media time has passed; choose a time to come."
    assert not Embargo.objects.exists()


def test_an_unknown_audience_is_refused(scheduled, publisher):
    now = timezone.now()
    message = refusal(
        lambda: publishing.embargo(
            scheduled, media_at=now + HOUR, audience="friends", user=publisher, now=now
        )
    )
    assert message == "Choose who receives it under embargo."


def test_under_embargo_from_the_media_time_until_the_publish_time(clock):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    other = make_release()

    assert not under_embargo(now).exists()
    assert not under_embargo(now + HOUR - timedelta(seconds=1)).exists()
    assert list(under_embargo(now + HOUR)) == [release]
    assert list(Embargo.objects.in_force(now + 2 * HOUR)) == [release.embargo]
    assert not under_embargo(now + 3 * HOUR).exists()
    assert other not in under_embargo(now + 2 * HOUR)


def test_under_embargo_reads_the_translations_with_the_releases(django_assert_num_queries):
    now = timezone.now()
    make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    with django_assert_num_queries(2):
        titles = [release.title for release in under_embargo(now + 2 * HOUR)]
    assert len(titles) == 2


def test_changing_the_media_time_before_it_comes_plans_it_again(publisher, announced):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    with committed():
        publishing.embargo(
            release, media_at=now + 2 * HOUR, audience="all", user=publisher, now=now
        )

    embargo = Embargo.objects.get(release=release)
    assert (embargo.media_at, embargo.revision) == (now + 2 * HOUR, 1)
    assert announced[0] == (
        "embargo_changed",
        {
            "release_id": release.pk,
            "media_at": now + 2 * HOUR,
            "publish_at": release.publish_at,
            "revision": 1,
            "what": "time",
        },
    )
    assert history(release).startswith("Embargo changed by pat: media receive it at ")


def test_once_journalists_have_it_the_media_time_is_fixed_but_the_audience_may_grow(
    publisher, announced, clock
):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR, audience="beats")
    announced.clear()
    later = now + 2 * HOUR
    clock.move_to(later)
    moved = refusal(
        lambda: publishing.embargo(
            release, media_at=later + HOUR / 2, audience="beats", user=publisher, now=later
        )
    )
    assert moved.startswith("Journalists received it at ")
    unchanged = refusal(
        lambda: publishing.embargo(
            release, media_at=now + HOUR, audience="beats", user=publisher, now=later
        )
    )
    assert unchanged == "The embargo is unchanged."

    with committed():
        publishing.embargo(release, media_at=now + HOUR, audience="all", user=publisher, now=later)

    assert Embargo.objects.get(release=release).revision == 2
    assert announced[-1][0] == "embargo_changed"
    assert announced[-1][1]["what"] == "audience"
    assert announced[-1][1]["revision"] == 2
    assert history(release) == (
        "Embargo changed by pat: now for all accredited media. "
        "Journalists who have it get update 2."
    )


def test_lifting_an_embargo_makes_the_release_public_at_once(publisher, announced, clock):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    lifted = now + 2 * HOUR
    clock.move_to(lifted)
    with committed():
        publishing.lift_embargo(release, user=publisher, now=lifted)

    release.refresh_from_db()
    assert (release.publish_at, release.first_public_at) == (lifted, lifted)
    assert Embargo.objects.get(release=release).lifted_at == lifted
    assert release in Release.objects.public(lifted)
    assert kinds(announced) == ["release_edited", "embargo_lifted", "release_published"]
    assert announced[1][1] == {"release_id": release.pk, "publish_at": lifted}
    assert history(release) == "Published by pat. Embargo lifted by pat: public at once."
    assert history(release, "zh-hant") == "由pat發布。由pat解除禁止發布：即時公開。"
    assert not under_embargo(lifted).exists()


def test_an_embargo_is_not_lifted_before_journalists_have_it(publisher):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    message = refusal(lambda: publishing.lift_embargo(release, user=publisher, now=now))
    assert message.endswith("not before: cancel the embargo instead.")
    assert Release.objects.public(now).count() == 0


def test_lifting_needs_an_embargo_and_a_publisher(scheduled, editor, publisher, clock):
    now = timezone.now()
    assert (
        refusal(lambda: publishing.lift_embargo(scheduled, user=publisher, now=now))
        == "This release is not under embargo."
    )
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    assert (
        refusal(lambda: publishing.lift_embargo(release, user=editor, now=now + 2 * HOUR))
        == "Only publishers can lift an embargo."
    )


def test_cancelling_before_the_media_time_keeps_the_release_scheduled(publisher, announced):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    with committed():
        publishing.cancel_embargo(release, user=publisher, now=now)

    assert not Embargo.objects.exists()
    release.refresh_from_db()
    assert (release.status, release.publish_at) == ("published", now + 3 * HOUR)
    assert kinds(announced) == ["embargo_cancelled"]
    assert history(release) == (
        "Embargo cancelled by pat before its media time; nothing was sent."
    )


def test_an_embargo_journalists_have_cannot_be_cancelled(publisher, clock):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    clock.move_to(now + 2 * HOUR)
    message = refusal(
        lambda: publishing.cancel_embargo(release, user=publisher, now=now + 2 * HOUR)
    )
    assert message.endswith("lift the embargo, or withdraw the release.")
    assert Embargo.objects.exists()


def test_a_text_corrected_after_the_media_time_is_a_new_revision(publisher, announced, clock):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    later = now + 2 * HOUR
    clock.move_to(later)
    release = Release.objects.get(pk=release.pk)
    release.set_current_language("en")
    release.body = "First paragraph, corrected.\n\nSecond paragraph."
    with committed():
        publishing.save(release, Step(Release.Status.PUBLISHED), user=publisher, now=later)

    assert Embargo.objects.get(release=release).revision == 2
    assert kinds(announced) == ["release_edited", "embargo_changed"]
    assert announced[1][1]["what"] == "text"
    assert announced[1][1]["revision"] == 2
    assert history(release) == (
        "Edited by pat. The text changed under embargo. Journalists who have it get update 2."
    )


def test_an_edit_before_the_media_time_leaves_the_embargo_as_it_is(publisher, announced):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    release = Release.objects.get(pk=release.pk)
    release.set_current_language("en")
    release.body = "First paragraph, corrected.\n\nSecond paragraph."
    with committed():
        publishing.save(release, Step(Release.Status.PUBLISHED), user=publisher, now=now)

    assert Embargo.objects.get(release=release).revision == 1
    assert kinds(announced) == ["release_edited"]


def test_a_new_publish_time_under_embargo_tells_journalists(publisher, announced, clock):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    later = now + 2 * HOUR
    clock.move_to(later)
    release = Release.objects.get(pk=release.pk)
    release.publish_at = now + 5 * HOUR
    with committed():
        publishing.save(release, Step(Release.Status.PUBLISHED), user=publisher, now=later)

    assert Embargo.objects.get(release=release).revision == 2
    assert kinds(announced) == ["release_edited", "embargo_changed", "release_scheduled"]
    assert announced[1][1]["what"] == "time"
    assert announced[1][1]["publish_at"] == now + 5 * HOUR
    assert history(release).startswith("Scheduled by pat for ")
    assert "Under embargo, readers now get it at " in history(release)


def test_the_publish_time_stays_after_the_media_time(publisher):
    now = timezone.now()
    release = make_embargoed(media_at=now + 2 * HOUR, publish_at=now + 3 * HOUR)
    release = Release.objects.get(pk=release.pk)
    release.publish_at = now + HOUR
    sooner = refusal(
        lambda: publishing.save(release, Step(Release.Status.PUBLISHED), user=publisher, now=now)
    )
    release.publish_at = now
    at_once = refusal(
        lambda: publishing.save(release, Step(Release.Status.PUBLISHED), user=publisher, now=now)
    )
    assert sooner.startswith("Under embargo, the publish time must be after the media time")
    assert at_once.endswith("cancel the embargo before publishing it sooner.")


def test_withdrawing_an_embargoed_release_keeps_its_embargo_for_the_media_app(
    publisher, announced, clock
):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    later = now + 2 * HOUR
    clock.move_to(later)
    reasons = {"zh-hant": "資料有誤。", "en": "The figures were wrong."}
    with committed():
        publishing.withdraw(release, reasons, user=publisher, now=later)

    embargo = Embargo.objects.get(release=release)
    assert (embargo.revision, embargo.lifted_at) == (2, None)
    assert kinds(announced) == ["release_edited", "release_withdrawn"]
    assert announced[1][1] == {"release_id": release.pk, "was_public": False}
    assert history(release) == (
        "Withdrawn by pat: The figures were wrong. "
        "Journalists who had it under embargo are to discard it."
    )
    assert not under_embargo(later).exists()


def test_back_to_draft_cancels_an_embargo_before_its_media_time(publisher, announced):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    announced.clear()
    with committed():
        publishing.save(release, Step(Release.Status.DRAFT), user=publisher, now=now)

    assert not Embargo.objects.exists()
    assert kinds(announced) == ["release_edited", "embargo_cancelled"]


def test_back_to_draft_is_refused_once_journalists_have_it(publisher, clock):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    clock.move_to(now + 2 * HOUR)
    message = refusal(
        lambda: publishing.save(
            release, Step(Release.Status.DRAFT), user=publisher, now=now + 2 * HOUR
        )
    )
    assert message.startswith("Journalists have this release under embargo")


def test_a_release_withdrawn_under_embargo_and_published_again_leaves_its_embargo_behind(
    publisher, announced, clock
):
    now = timezone.now()
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)
    later = now + 2 * HOUR
    clock.move_to(later)
    reasons = {"zh-hant": "資料有誤。", "en": "The figures were wrong."}
    with committed():
        publishing.withdraw(release, reasons, user=publisher, now=later)
    announced.clear()

    release.publish_at = later + 5 * HOUR
    with committed():
        publishing.publish(release, user=publisher, now=later)

    # Journalists were told to discard it: it is not back in their media rooms unannounced.
    assert not Embargo.objects.filter(release=release).exists()
    assert not under_embargo(later).exists()
    assert "embargo_cancelled" not in kinds(announced)
    assert history(release).endswith(
        "Its embargo ended with its withdrawal: published again without one."
    )
    chinese = history(release, "zh-hant")
    assert chinese.endswith("其禁止發布已隨撤回而結束：重新發布時不設禁止發布。")
