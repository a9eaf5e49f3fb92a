"""A release's photos are shown once, in the first column, before the issuing record."""

import pytest

from testing.factories import add_image, make_release
from testing.pages import column_of, detail_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def pictured(media_root):
    release = make_release()
    add_image(release, caption=("海關人員檢查貨物", "Officers check cargo"))
    return release


@pytest.mark.parametrize(
    ("language", "first", "second", "caption", "other_caption", "other_lang"),
    [
        ("en", "en", "zh-Hant-HK", "Officers check cargo", "海關人員檢查貨物", "zh-Hant-HK"),
        ("zh-hant", "zh-Hant-HK", "en", "海關人員檢查貨物", "Officers check cargo", "en"),
    ],
)
def test_one_photo_is_shown_once_before_the_issuing_record(
    client, pictured, language, first, second, caption, other_caption, other_lang
):
    page = client.get(detail_path(pictured, language)).content.decode()

    assert page.count("<figure") == 1
    lead = column_of(page, first)
    assert "<figure" in lead
    assert "<figure" not in column_of(page, second)
    assert lead.index("<figure") < lead.index('class="release__issued"')
    assert f'<span class="release__caption">{caption}</span>' in lead
    assert (
        f'<span class="release__caption release__caption--other" lang="{other_lang}">'
        f"{other_caption}</span>"
    ) in lead


def test_the_issuing_record_closes_each_column_after_its_attachments(client, pictured):
    page = client.get(detail_path(pictured, "en")).content.decode()

    for lang in ("en", "zh-Hant-HK"):
        column = column_of(page, lang)
        assert column.rstrip().removesuffix("</section>").rstrip().endswith("</footer>")
