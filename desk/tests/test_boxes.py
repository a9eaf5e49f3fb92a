"""Boxes sized for their text: a headline wraps whole; alt text and captions are sentences."""

import pytest

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import add_image, make_release

pytestmark = pytest.mark.django_db

HEADLINE = (
    "Customs seizes about two million suspected illicit cigarettes worth about $9 million "
    "at Kwai Chung Customhouse Cargo Examination Compound"
)


def test_a_long_english_headline_is_shown_whole_and_kept_on_one_line(publisher_client):
    release = make_release(status=Release.Status.DRAFT)
    url = f"/admin/releases/release/{release.pk}/change/"

    typed = HEADLINE.replace(" at ", "\r\nat ")  # A line break pasted in the middle.
    publisher_client.post(url, release_form(release, "en", title=typed))
    page = publisher_client.get(url).content.decode()

    release.refresh_from_db()
    assert release.safe_translation_getter("title", language_code="en") == HEADLINE
    assert f">\n{HEADLINE}</textarea>" in page
    assert '<input type="text" name="title_en"' not in page


def test_alt_text_and_captions_are_boxes_of_two_lines_or_more(publisher_client):
    release = make_release()
    add_image(
        release, caption=("海關人員在葵涌檢查貨櫃。", "Customs officers examine a container.")
    )

    page = publisher_client.get(f"/admin/releases/release/{release.pk}/change/").content.decode()

    assert '<textarea name="images-0-alt_text_en"' in page
    assert '<textarea name="images-0-caption_zh_hant"' in page
    assert '<input type="text" name="images-0-caption_en"' not in page
