"""Images: checked by Pillow, stripped of metadata, shown as renditions in each language."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from releases.images import MAX_IMAGE_BYTES
from releases.models import Release, ReleaseImage
from testing.admin_forms import release_form
from testing.factories import add_image
from testing.files import decompression_bomb_png, image_bytes, upload
from testing.pages import column_of

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/releases/release/add/?language=en"


def with_image(content: bytes, name: str = "photo.jpg", **fields) -> dict:
    return release_form(
        None,
        "en",
        title="Customs seizes cigarettes",
        body="Customs seized cigarettes.",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": upload(name, content),
            "images-0-alt_text_zh_hant": "海關人員檢查貨物",
            "images-0-alt_text_en": "Customs officers inspect the cargo",
            "images-0-caption_zh_hant": "葵涌貨櫃碼頭",
            "images-0-caption_en": "Kwai Chung Container Terminal",
            "images-0-position": "0",
            **fields,
        },
    )


def stored(name: str) -> Image.Image:
    with default_storage.open(name) as file:
        return Image.open(io.BytesIO(file.read()))


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_editor_adds_an_image_and_gets_two_renditions(editor_client, image_format):
    response = editor_client.post(
        ADD_URL, with_image(image_bytes(image_format, (2000, 1000)), f"photo.{image_format}")
    )

    assert response.status_code == 302
    image = ReleaseImage.objects.get()
    assert (image.width, image.height) == (2000, 1000)
    assert stored(image.image.name).format == image_format
    assert stored(image.rendition_640.name).size == (640, 320)
    assert stored(image.rendition_1280.name).size == (1280, 640)
    assert image.image.name.startswith(f"releases/{image.release_id}/images/")
    assert image.filename == f"photo.{image_format.lower().replace('jpeg', 'jpg')}"


def test_an_image_named_with_100_chinese_characters_is_kept_under_a_shortened_name(
    editor_client, client
):
    name = "海關" * 50 + ".jpg"  # 300 bytes of name: more than a file system takes

    response = editor_client.post(ADD_URL, with_image(image_bytes(), name))

    assert response.status_code == 302
    image = ReleaseImage.objects.get()
    assert image.filename == "海關" * 39 + ".jpg"
    assert len(image.filename.encode()) <= 240
    served = editor_client.get(default_storage.url(image.image.name))
    assert served.status_code == 200
    assert "%E6%B5%B7%E9%97%9C" in served["Content-Disposition"]


def test_exif_and_gps_metadata_are_stripped(editor_client):
    original = image_bytes("JPEG", (1000, 800), with_gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    editor_client.post(ADD_URL, with_image(original))

    image = ReleaseImage.objects.get()
    for name in [image.image.name, image.rendition_640.name]:
        kept = stored(name)
        assert not kept.getexif()
        assert "exif" not in kept.info


def test_the_page_shows_renditions_with_size_lazy_loading_and_alt_text_per_language(
    client, release_factory
):
    release = release_factory()
    add_image(
        release,
        image_bytes("JPEG", (2000, 1000)),
        alt=("海關人員檢查貨物", "Customs officers inspect the cargo"),
        caption=("葵涌貨櫃碼頭", "Kwai Chung Container Terminal"),
    )

    for language, lang, alt, caption, other in [
        (
            "en",
            "en",
            "Customs officers inspect the cargo",
            "Kwai Chung Container Terminal",
            "葵涌貨櫃碼頭",
        ),
        (
            "zh-hant",
            "zh-Hant-HK",
            "海關人員檢查貨物",
            "葵涌貨櫃碼頭",
            "Kwai Chung Container Terminal",
        ),
    ]:
        page = client.get(f"/{language}/releases/{release.pk}/{release.slug}/").content.decode()
        # Shown once, in the page language's column, with both captions.
        column = column_of(page, lang)
        img = re.search(r"<img [^>]*>", column).group(0)
        assert f'alt="{alt}"' in img
        assert 'width="1280" height="640"' in img
        assert 'loading="lazy"' in img
        assert re.search(r'srcset="/media/\S+\.jpg 640w, /media/\S+\.jpg 1280w"', img)
        assert f'<span class="release__caption">{caption}</span>' in column
        assert f">{other}</span>" in column
        assert page.count("<img ") == 1


def test_a_small_image_is_served_as_it_is(client, release_factory):
    release = release_factory()
    image = add_image(release, image_bytes("PNG", (500, 300)))

    page = client.get(f"/en/releases/{release.pk}/{release.slug}/").content.decode()

    assert not image.rendition_640 and not image.rendition_1280
    assert f'srcset="{image.image.url} 500w"' in page
    assert 'width="500" height="300"' in page


def truncated_jpeg() -> bytes:
    whole = image_bytes("JPEG", (800, 600))
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("truncated.jpg", truncated_jpeg(), "not a JPEG, PNG or WebP image, or it is damaged"),
        ("notes.jpg", b"Meeting notes, not a photo.\n" * 20, "not a JPEG, PNG or WebP image"),
        ("bomb.png", decompression_bomb_png(), "too large in pixels"),
        ("animation.gif", image_bytes("GIF", (100, 100)), "not a JPEG, PNG or WebP image"),
    ],
    ids=["truncated", "text-named-jpg", "20000x20000-png", "gif"],
)
def test_a_bad_image_gets_a_form_error_and_nothing_is_saved(
    editor_client, media_root, name, content, message
):
    response = editor_client.post(ADD_URL, with_image(content, name))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Release.objects.count() == 0
    assert ReleaseImage.objects.count() == 0
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_the_decompression_bomb_is_tiny_on_disk():
    assert len(decompression_bomb_png()) < 2_000


def test_an_image_over_the_byte_limit_is_refused(editor_client):
    content = image_bytes("JPEG", (100, 100))
    too_big = content + b"\0" * (MAX_IMAGE_BYTES + 1 - len(content))

    response = editor_client.post(ADD_URL, with_image(too_big))

    assert "The image is 10.0 MB; the limit is 10.0 MB." in response.content.decode()
    assert Release.objects.count() == 0


@pytest.mark.parametrize("missing", ["images-0-alt_text_zh_hant", "images-0-alt_text_en"])
def test_alt_text_is_required_in_both_languages(editor_client, missing):
    response = editor_client.post(
        ADD_URL, with_image(image_bytes("JPEG", (800, 600)), **{missing: ""})
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Release.objects.count() == 0


def files_under(folder: str) -> list[str]:
    folders, files = default_storage.listdir(folder)
    return files + [name for sub in folders for name in files_under(f"{folder}/{sub}")]


def test_deleting_a_release_deletes_all_its_files(
    publisher_client, release_factory, django_capture_on_commit_callbacks
):
    release = release_factory()
    first = add_image(release, image_bytes("JPEG", (2000, 1000)))
    second = add_image(release, image_bytes("PNG", (700, 400)))
    names = [first.image.name, first.rendition_640.name, first.rendition_1280.name]
    names.append(second.image.name)
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(
            f"/admin/releases/release/{release.pk}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert not any(default_storage.exists(name) for name in names)
    assert files_under(f"releases/{release.pk}") == []


def test_images_go_through_the_storage_api_only(editor_client, settings, media_root):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }

    response = editor_client.post(ADD_URL, with_image(image_bytes("JPEG", (1500, 1000))))

    assert response.status_code == 302
    image = ReleaseImage.objects.get()
    assert default_storage.exists(image.rendition_1280.name)
    assert not media_root.exists()
