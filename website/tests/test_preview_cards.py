"""Link previews: a release's first photo, else a card drawn for it; a default card elsewhere."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from releases.publishing import withdraw
from testing.factories import add_image, announce_change, committed, make_release
from testing.pages import detail_path
from website import cards

pytestmark = pytest.mark.django_db


def meta(page: str, name: str) -> str:
    return re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page)[1]


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def png_size(content: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG"
    return image.size


def test_release_with_photos_is_shared_with_its_first(client, media_root):
    release = make_release()
    add_image(release, alt=("海關人員", "Customs officers at the border"))
    add_image(release, alt=("第二張", "Second photo"))

    page = client.get(detail_path(release, "en")).content.decode()

    image = meta(page, "og:image")
    assert image.startswith("http://testserver/media/releases/")
    assert meta(page, "og:image:alt") == "Customs officers at the border"
    assert int(meta(page, "og:image:width")) > 0
    assert meta(page, "twitter:card") == "summary_large_image"
    assert "/card-" not in image


def test_release_without_photos_is_shared_with_a_card_of_its_titles(client, media_root):
    release = make_release(title_zh="海關檢獲毒品", title_en="Customs seize drugs")

    page = client.get(detail_path(release, "zh-hant")).content.decode()

    image = meta(page, "og:image")
    assert re.fullmatch(rf"http://testserver/zh-hant/releases/{release.pk}/card-\w+\.png", image)
    assert meta(page, "og:image:width") == "1200"
    assert meta(page, "og:image:height") == "630"
    assert meta(page, "og:image:alt") == "海關檢獲毒品"
    response = client.get(path_of(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert png_size(response.content) == (1200, 630)


def test_a_card_is_drawn_once_and_kept(client, media_root, monkeypatch):
    release = make_release()
    url = cards.release_card_url(release)
    first = client.get(url).content
    stored = default_storage.listdir(cards.FOLDER)[1]
    assert stored == [f"release-{release.pk}-{url.rsplit('card-', 1)[1]}"]

    def no_drawing(text):
        raise AssertionError("a kept card was drawn again")

    monkeypatch.setattr(cards, "draw_card", no_drawing)
    announce_change()  # a fresh page cache: the card must come from storage

    assert client.get(url).content == first


def test_a_new_title_makes_a_new_card_and_the_old_address_leads_to_it(client, media_root):
    release = make_release(title_en="Old title")
    old_url = cards.release_card_url(release)
    old = client.get(old_url).content
    release.set_current_language("en")
    release.title = "New title"
    release.save()
    announce_change()
    release.refresh_from_db()
    new_url = cards.release_card_url(release)

    redirect = client.get(old_url)
    new = client.get(new_url)

    assert new_url != old_url
    assert redirect.status_code == 301
    assert redirect["Location"] == new_url
    assert new.status_code == 200
    assert new.content != old


def test_a_withdrawn_release_keeps_its_card_and_a_draft_has_none(client, media_root):
    withdrawn = make_release()
    with committed():
        withdraw(withdrawn, {"zh-hant": "錯誤。", "en": "Wrong."}, user=None, now=timezone.now())
    draft = make_release(status="draft")

    assert client.get(cards.release_card_url(withdrawn)).status_code == 200
    assert client.get(cards.release_card_url(draft)).status_code == 404
    assert client.get("/en/releases/999/card-abc.png").status_code == 404


@pytest.mark.parametrize("path", ["/en/", "/zh-hant/topics/", "/en/releases/?year=2023"])
def test_other_pages_are_shared_with_the_default_card(client, media_root, db, path):
    page = client.get(path).content.decode()

    image = meta(page, "og:image")
    assert re.fullmatch(r"http://testserver/(en|zh-hant)/card-\w+\.png", image)
    assert meta(page, "og:image:width") == "1200"
    response = client.get(path_of(image))
    assert response.status_code == 200
    assert png_size(response.content) == (1200, 630)


def glyph(face, character: str) -> bytes:
    image = Image.new("L", (80, 80))
    cards.ImageDraw.Draw(image).text((0, 0), character, font=face, fill=255)
    return image.tobytes()


def test_cards_draw_chinese_with_a_cjk_font(media_root):
    if cards.font_file(False) is None:
        pytest.skip("no CJK font here: apt-get install fonts-noto-cjk")
    face = cards.font(56, bold=True)

    # Without a CJK font every Chinese character is the same empty box.
    assert glyph(face, "海") != glyph(face, "關")
    assert glyph(face, "海") != glyph(face, "\U0010fffd")  # a character no font has
    assert "CJK" in face.getname()[0]


def test_a_card_is_still_drawn_without_a_cjk_font(media_root, monkeypatch):
    monkeypatch.setattr(cards, "font_file", lambda bold: None)
    cards.font.cache_clear()
    try:
        drawn = cards.draw_card(cards.CardText("海關", "Customs", "香港海關", "Customs"))
    finally:
        cards.font.cache_clear()

    assert png_size(drawn) == (1200, 630)


def test_long_titles_wrap_within_the_card_and_end_with_an_ellipsis():
    draw = cards.ImageDraw.Draw(cards.Image.new("RGB", (10, 10)))
    face = cards.font(40)

    lines = cards.wrap(draw, "Customs seize " * 40, face, 1056, 3)

    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(draw.textlength(line, font=face) <= 1056 for line in lines)
    assert all(not line.startswith(" ") for line in lines)
