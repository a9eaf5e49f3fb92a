"""Publishing holds a release whose two languages disagree, on every entry point."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from reversion.models import Version

from releases import preflight, publishing
from releases.history import history_line
from releases.models import CheckedFinding, Release
from testing.factories import make_release, staff_member

pytestmark = pytest.mark.django_db

ZH = "海關檢獲約900萬支懷疑私煙，估計市值約250萬元。"
EN = "Customs seized about 9 million suspected illicit cigarettes worth about $25 million."
BOTH_VALUES = "English: about $25 million · 中文：約250萬元"


def disagreeing(**fields) -> Release:
    return make_release(body_zh=ZH, body_en=EN, status=Release.Status.DRAFT, **fields)


def refusal(change) -> str:
    with pytest.raises(publishing.PublishingRefused) as refused, translation.override("en"):
        change()
    return str(refused.value)


def test_publishing_is_held_naming_both_values():
    release = disagreeing()

    said = refusal(lambda: publishing.publish(release, user=None, now=timezone.now()))

    assert BOTH_VALUES in said
    release.refresh_from_db()
    assert release.status == Release.Status.DRAFT


def test_scheduling_is_held_too():
    release = disagreeing(publish_at=timezone.now() + timedelta(days=1))

    assert BOTH_VALUES in refusal(
        lambda: publishing.publish(release, user=None, now=timezone.now())
    )


def test_a_correction_of_a_published_release_is_held_too():
    release = make_release(body_zh=ZH.replace("250萬", "2,500萬"), body_en=EN)
    release.set_current_language("zh-hant")
    release.body = ZH
    notes = {"zh-hant": "更正市值。", "en": "The value is corrected."}

    said = refusal(lambda: publishing.correct(release, notes, user=None, now=timezone.now()))

    assert BOTH_VALUES in said


def test_a_draft_is_saved_with_its_findings():
    release = disagreeing()

    publishing.save(release, publishing.Step(Release.Status.DRAFT), user=None, now=timezone.now())

    assert [f.message() for f in preflight.findings(release)] != []


def test_a_withdrawal_is_not_held():
    release = make_release(body_zh=ZH, body_en=EN)

    publishing.withdraw(
        release, {"zh-hant": "錯誤。", "en": "Wrong."}, user=None, now=timezone.now()
    )

    assert release.status == Release.Status.WITHDRAWN


def test_a_publisher_marks_a_finding_as_intended_and_the_release_goes_out():
    publisher = staff_member("pat", "Publishers")
    publisher.first_name, publisher.last_name = "Pat", "Lee"
    release = disagreeing()
    (finding,) = preflight.findings(release)
    step = publishing.Step(Release.Status.PUBLISHED, checked_findings=frozenset({finding.key}))

    now = timezone.now()

    comment = publishing.save(release, step, user=publisher, now=now)

    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED
    checked = CheckedFinding.objects.get(release=release)
    assert (checked.key, checked.checked_by, checked.checked_at) == (
        finding.key,
        publisher,
        now,
    )
    line = json.loads(comment)["en"]
    assert f"Checked as intended by Pat Lee: Figures differ. {BOTH_VALUES}" in line
    assert "Pat Lee已核對為原意：數字不一致。" in json.loads(comment)["zh-hant"]
    version = Version.objects.get_for_object(release).first()
    with translation.override("en"):
        assert "Checked as intended by Pat Lee" in history_line(version.revision.comment)


def test_an_edit_of_the_text_asks_again():
    release = disagreeing()
    (finding,) = preflight.findings(release)
    step = publishing.Step(Release.Status.DRAFT, checked_findings=frozenset({finding.key}))
    publishing.save(release, step, user=None, now=timezone.now())
    assert preflight.unchecked(release, preflight.findings(release)) == []

    release.set_current_language("en")
    release.title = "Customs seizes cigarettes"

    assert BOTH_VALUES in refusal(
        lambda: publishing.publish(release, user=None, now=timezone.now())
    )


def test_an_editor_cannot_mark_a_finding_as_intended():
    editor = staff_member("eddie", "Editors")
    release = disagreeing()
    (finding,) = preflight.findings(release)
    step = publishing.Step(Release.Status.DRAFT, checked_findings=frozenset({finding.key}))

    said = refusal(lambda: publishing.save(release, step, user=editor, now=timezone.now()))

    assert said == "Only publishers can mark a finding as intended."
    assert not CheckedFinding.objects.exists()


def test_a_consistent_release_publishes_with_no_finding():
    release = make_release(
        body_zh=ZH.replace("250萬", "2,500萬"), body_en=EN, status=Release.Status.DRAFT
    )

    publishing.publish(release, user=None, now=timezone.now())

    assert release.status == Release.Status.PUBLISHED
