"""An editor proposes a correction of a published release; a publisher applies or declines it."""

import html

import pytest
from django.test import Client
from reversion.models import Version

from releases.history import history_line
from releases.models import ChangeNote, CorrectionProposal, Release
from testing.factories import committed, make_release, signed_in, staff_member

pytestmark = pytest.mark.django_db

BODY_ZH = "海關於葵涌檢獲約二百萬支私煙。\n\n案件仍在調查中。"
BODY_ZH_CORRECTED = "海關於葵涌檢獲約二百一十萬支私煙。\n\n案件仍在調查中。"
# Both languages state the same figures, before and after (the check holds any that differ).
BODY_EN = (
    "Customs seized about 2 million cigarettes at Kwai Chung.\n\nThe case is under investigation."
)
BODY_EN_CORRECTED = BODY_EN.replace("2 million", "2.1 million")


@pytest.fixture
def published() -> Release:
    return make_release(
        title_zh="海關檢獲私煙",
        title_en="Customs seizes cigarettes",
        body_zh=BODY_ZH,
        body_en=BODY_EN,
    )


@pytest.fixture
def editor_client(editor) -> Client:
    return signed_in(Client(), editor)


@pytest.fixture
def publisher_client(publisher) -> Client:
    return signed_in(Client(), publisher)


def proposal_form(release: Release, **changes) -> dict:
    data = {
        "title_zh_hant": release.safe_translation_getter("title", language_code="zh-hant"),
        "summary_zh_hant": "",
        "body_zh_hant": release.safe_translation_getter("body", language_code="zh-hant"),
        "title_en": release.safe_translation_getter("title", language_code="en"),
        "summary_en": "",
        "body_en": release.safe_translation_getter("body", language_code="en"),
        "change_note_zh_hant": "更正檢獲數量。",
        "change_note_en": "The number seized was corrected.",
    }
    return {**data, **changes}


def propose(client: Client, release: Release, **changes):
    url = f"/admin/releases/release/{release.pk}/propose/"
    corrected = {"body_zh_hant": BODY_ZH_CORRECTED, "body_en": BODY_EN_CORRECTED, **changes}
    return client.post(url, proposal_form(release, **corrected))


def proposal_url(proposal: CorrectionProposal) -> str:
    return f"/admin/releases/release/{proposal.release_id}/proposals/{proposal.pk}/"


def test_an_editor_reads_a_published_release_as_text_and_is_offered_to_propose(
    editor_client, published
):
    page = editor_client.get(f"/admin/releases/release/{published.pk}/change/").content.decode()

    assert "海關於葵涌檢獲約二百萬支私煙。" in page
    assert 'name="body_zh_hant"' not in page
    assert 'name="checked_zh_hant"' not in page
    assert "Only publishers change a published release." in page
    assert f"/admin/releases/release/{published.pk}/propose/" in page


def test_a_publisher_edits_the_published_release_directly(publisher_client, published):
    page = publisher_client.get(f"/admin/releases/release/{published.pk}/change/").content.decode()

    assert 'name="body_zh_hant"' in page
    assert "/propose/" not in page


def test_an_editors_proposal_waits_without_changing_the_release(
    editor_client, publisher_client, published
):
    with committed():
        response = propose(editor_client, published)

    assert response.status_code == 302
    proposal = CorrectionProposal.objects.get()
    assert proposal.state == "pending"
    assert proposal.texts["zh-hant"]["body"] == BODY_ZH_CORRECTED
    assert proposal.change_note == {
        "zh-hant": "更正檢獲數量。",
        "en": "The number seized was corrected.",
    }
    published.refresh_from_db()
    assert published.safe_translation_getter("body", language_code="zh-hant") == BODY_ZH
    own = editor_client.get(response["Location"]).content.decode()
    assert "Your correction was sent to the publishers." in own
    assert "Your proposed corrections" in own
    change_page = publisher_client.get(response["Location"]).content.decode()
    assert "Proposed corrections waiting for a publisher" in change_page
    assert proposal_url(proposal) in change_page
    listed = publisher_client.get("/admin/releases/correctionproposal/", follow=True)
    assert "海關檢獲私煙" in listed.content.decode()
    home = publisher_client.get("/admin/").content.decode()
    assert "1 proposed correction waits for a publisher." in home


def test_a_proposal_identical_to_the_published_text_is_refused(editor_client, published):
    url = f"/admin/releases/release/{published.pk}/propose/"
    response = editor_client.post(url, proposal_form(published))

    assert response.status_code == 200
    assert "The proposed text is the same as the published text." in response.content.decode()
    assert not CorrectionProposal.objects.exists()


def test_a_proposal_needs_its_change_note_in_both_languages(editor_client, published):
    response = propose(editor_client, published, change_note_en="")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not CorrectionProposal.objects.exists()


def test_a_draft_is_edited_not_proposed_to(editor_client):
    draft = make_release(status=Release.Status.DRAFT)

    response = editor_client.get(f"/admin/releases/release/{draft.pk}/propose/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/releases/release/{draft.pk}/change/"


def test_the_publisher_compares_with_the_changed_characters_marked(
    editor_client, publisher_client, published
):
    propose(editor_client, published)
    proposal = CorrectionProposal.objects.get()

    page = html.unescape(publisher_client.get(proposal_url(proposal)).content.decode())

    assert "海關於葵涌檢獲約二百<ins>一十</ins>萬支私煙。" in page
    assert "海關於葵涌檢獲約二百萬支私煙。" in page
    assert "更正檢獲數量。" in page
    assert 'name="apply"' in page and 'name="decline"' in page


def test_applying_a_proposal_publishes_the_correction_with_note_and_history(
    editor_client, publisher_client, published
):
    propose(editor_client, published)
    proposal = CorrectionProposal.objects.get()

    with committed():
        response = publisher_client.post(
            proposal_url(proposal),
            {
                "apply": "1",
                "change_note_zh_hant": "更正檢獲數量。",
                "change_note_en": "The number seized was corrected.",
            },
        )

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.safe_translation_getter("body", language_code="zh-hant") == BODY_ZH_CORRECTED
    note = ChangeNote.objects.get(release=published)
    assert note.safe_translation_getter("note", language_code="en") == (
        "The number seized was corrected."
    )
    proposal.refresh_from_db()
    assert proposal.state == "applied"
    revision = Version.objects.get_for_object(published).first().revision
    assert history_line(revision.comment) == (
        "Correction published by pat: The number seized was corrected."
    )
    history = publisher_client.get(f"/admin/releases/release/{published.pk}/history/")
    assert "Correction proposed by eddie." in history.content.decode()
    public = Client().get(published.get_absolute_url().replace("/zh-hant/", "/en/"), follow=True)
    assert "The number seized was corrected." in public.content.decode()


def test_declining_a_proposal_keeps_the_release_and_the_editor_reads_why(
    editor_client, publisher_client, published
):
    propose(editor_client, published)
    proposal = CorrectionProposal.objects.get()

    refused = publisher_client.post(proposal_url(proposal), {"decline": "1", "decline_reason": ""})
    declined = publisher_client.post(
        proposal_url(proposal),
        {"decline": "1", "decline_reason": "The first figure was right."},
    )

    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()
    assert declined.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "declined"
    published.refresh_from_db()
    assert published.safe_translation_getter("body", language_code="zh-hant") == BODY_ZH
    assert not ChangeNote.objects.exists()
    page = editor_client.get(f"/admin/releases/release/{published.pk}/change/").content.decode()
    assert "Declined by pat: The first figure was right." in page
    history = editor_client.get(f"/admin/releases/release/{published.pk}/history/")
    assert "Proposed correction declined by pat: The first figure was right." in (
        history.content.decode()
    )


def test_an_editor_may_neither_apply_nor_decline(editor_client, published):
    propose(editor_client, published)
    proposal = CorrectionProposal.objects.get()

    page = editor_client.get(proposal_url(proposal))
    applied = editor_client.post(
        proposal_url(proposal),
        {"apply": "1", "change_note_zh_hant": "更正。", "change_note_en": "Corrected."},
    )

    assert page.status_code == 200
    assert 'name="apply"' not in page.content.decode()
    assert applied.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == "pending"


def test_a_decided_proposal_cannot_be_applied_again(editor_client, publisher_client, published):
    propose(editor_client, published)
    proposal = CorrectionProposal.objects.get()
    publisher_client.post(proposal_url(proposal), {"decline": "1", "decline_reason": "No."})

    again = publisher_client.post(
        proposal_url(proposal),
        {"apply": "1", "change_note_zh_hant": "更正。", "change_note_en": "Corrected."},
    )

    assert again.status_code == 403
    assert not ChangeNote.objects.exists()


def test_a_proposal_of_another_release_is_not_found(publisher_client, editor_client, published):
    propose(editor_client, published)
    proposal = CorrectionProposal.objects.get()
    other = make_release()

    response = publisher_client.get(f"/admin/releases/release/{other.pk}/proposals/{proposal.pk}/")

    assert response.status_code == 404


def test_the_chinese_desk_names_the_proposal_in_chinese(published):
    editor = staff_member("mei", "Editors")
    client = signed_in(Client(), editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"

    page = client.get(f"/admin/releases/release/{published.pk}/change/").content.decode()

    assert "建議更正" in page
