"""The entry points of a proposed correction: kept, applied as a correction, or declined."""

import pytest
from django.utils import timezone, translation

from releases import events, publishing
from releases.models import ChangeNote, CorrectionProposal, Release
from releases.proposals import texts_of
from testing.factories import committed, make_release, staff_member

pytestmark = pytest.mark.django_db

NOTE = {"zh-hant": "更正數字。", "en": "A figure was corrected."}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def sent():
    """Each signal of a proposal or a correction sent, by name, in order."""
    names = {
        events.correction_proposed: "correction_proposed",
        events.correction_declined: "correction_declined",
        events.release_corrected: "release_corrected",
        events.changed: "changed",
    }
    received: list[str] = []

    def record(signal, sender, **arguments):
        received.append(names[signal])

    for signal in names:
        signal.connect(record, weak=False, dispatch_uid="test-proposals")
    yield received
    for signal in names:
        signal.disconnect(dispatch_uid="test-proposals")


def corrected_texts(release: Release) -> dict:
    texts = texts_of(release)
    texts["en"]["body"] = "First paragraph, corrected.\n\nSecond paragraph."
    return texts


def propose(release: Release, user) -> CorrectionProposal:
    return publishing.propose_correction(
        release, corrected_texts(release), NOTE, user=user, now=timezone.now()
    )


def test_a_proposal_is_kept_and_announced_without_changing_what_readers_see(sent):
    release = make_release()
    editor = staff_member("eddie", "Editors")
    sent.clear()

    with committed():
        proposal = propose(release, editor)

    assert proposal.state == CorrectionProposal.State.PENDING
    assert proposal.based_on_version == release.version
    assert sent == ["correction_proposed"]
    release.refresh_from_db()
    assert release.safe_translation_getter("body", language_code="en").startswith(
        "First paragraph."
    )


def test_applying_is_a_correction_with_its_note_and_alerts(sent):
    release = make_release()
    proposal = propose(release, staff_member("eddie", "Editors"))
    publisher = staff_member("pat", "Publishers")
    sent.clear()

    with committed():
        line = publishing.apply_proposal(
            proposal, NOTE, user=publisher, now=timezone.now(), notify=True
        )

    assert line.startswith('{"zh-hant": "由pat發布更正：更正數字。"')
    assert sent == ["release_corrected", "changed"]
    assert ChangeNote.objects.filter(release=release).count() == 1
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == (CorrectionProposal.State.APPLIED, publisher)
    # Both languages were written together: neither waits for review of the other.
    release = Release.objects.get(pk=release.pk)
    assert all(t.needs_review_since is None for t in release.translations.all())


def test_an_editor_can_neither_apply_nor_decline():
    release = make_release()
    editor = staff_member("eddie", "Editors")
    proposal = propose(release, editor)

    for attempt in (
        lambda: publishing.apply_proposal(proposal, NOTE, user=editor, now=timezone.now()),
        lambda: publishing.decline_proposal(proposal, "No.", user=editor, now=timezone.now()),
    ):
        with pytest.raises(publishing.PublishingRefused, match="Only publishers"):
            attempt()
    proposal.refresh_from_db()
    assert proposal.state == CorrectionProposal.State.PENDING


def test_declining_needs_a_reason_and_is_announced_without_a_change(sent):
    release = make_release()
    proposal = propose(release, staff_member("eddie", "Editors"))
    publisher = staff_member("pat", "Publishers")
    sent.clear()

    with pytest.raises(publishing.PublishingRefused, match="Say why"):
        publishing.decline_proposal(proposal, "  ", user=publisher, now=timezone.now())
    with committed():
        publishing.decline_proposal(
            proposal, "Right as it was.", user=publisher, now=timezone.now()
        )

    assert sent == ["correction_declined"]
    assert not ChangeNote.objects.exists()
    with pytest.raises(publishing.PublishingRefused, match="already been applied or declined"):
        publishing.apply_proposal(proposal, NOTE, user=publisher, now=timezone.now())


@pytest.mark.parametrize(
    ("status", "texts", "note", "refusal"),
    [
        (Release.Status.DRAFT, None, NOTE, "A draft is edited directly"),
        (Release.Status.PUBLISHED, "same", NOTE, "the same as the published text"),
        (Release.Status.PUBLISHED, None, {"zh-hant": "更正。"}, "write it in each"),
        (Release.Status.PUBLISHED, "no title", NOTE, "This field is required."),
    ],
)
def test_a_proposal_that_breaks_a_rule_is_refused(status, texts, note, refusal):
    release = make_release(status=status)
    proposed = corrected_texts(release)
    if texts == "same":
        proposed = texts_of(release)
    elif texts == "no title":
        proposed["zh-hant"]["title"] = ""

    with pytest.raises(publishing.PublishingRefused, match=refusal):
        publishing.propose_correction(release, proposed, note, user=None, now=timezone.now())

    assert not CorrectionProposal.objects.exists()
