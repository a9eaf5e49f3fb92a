"""Build the POST data of the release change form, as a browser would send it."""

from django.utils import timezone

from releases.models import Release

LANGUAGES = {"zh_hant": "zh-hant", "en": "en"}
SUFFIXES = {code: suffix for suffix, code in LANGUAGES.items()}
TEXTS = ("title", "summary", "body")
# The per-language text fields of each inline.
INLINE_TEXTS = {"images": ["alt_text", "caption"], "attachments": ["title"]}


def _management(prefix: str, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(initial),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def release_form(release: Release | None = None, language: str = "zh-hant", **fields) -> dict:
    """The change (or add) form of `release` as it stands, plus `fields`.

    Both languages' columns are filled from the saved release; a bare `title`,
    `summary` or `body` in `fields` goes into `language`'s column, any other
    name (`body_en`, `checked_en`, `status`…) is posted as given.
    """
    data = {
        **{f"{name}_{suffix}": "" for name in TEXTS for suffix in LANGUAGES},
        "status": Release.Status.DRAFT,
        "publish_at_0": "2024-01-15",
        "publish_at_1": "09:30:00",
        "slug": "",
        "contact": "",
        "version": "1",
        **_management("images", 0),
        **_management("attachments", 0),
    }
    if release is not None:
        release.refresh_from_db()
        publish_at = timezone.localtime(release.publish_at)
        data.update(
            status=release.status,
            publish_at_0=publish_at.strftime("%Y-%m-%d"),
            publish_at_1=publish_at.strftime("%H:%M:%S"),
            slug=release.slug,
            contact=str(release.contact_id or ""),
            version=str(release.version),
        )
        for suffix, code in LANGUAGES.items():
            translation = release.translations.filter(language_code=code).first()
            for name in (*TEXTS, "withdrawal_reason"):
                data[f"{name}_{suffix}"] = getattr(translation, name) if translation else ""
        inlines = (("images", release.images.all()), ("attachments", release.attachments.all()))
        for prefix, items in inlines:
            data.update(_management(prefix, len(items)))
            for index, item in enumerate(items):
                data[f"{prefix}-{index}-id"] = str(item.pk)
                data[f"{prefix}-{index}-release"] = str(release.pk)
                data[f"{prefix}-{index}-position"] = str(item.position)
                if prefix == "attachments":
                    data[f"{prefix}-{index}-language"] = item.language
                for field in INLINE_TEXTS[prefix]:
                    for suffix, code in LANGUAGES.items():
                        translation = item.translations.get(language_code=code)
                        data[f"{prefix}-{index}-{field}_{suffix}"] = getattr(translation, field)
    for name, value in fields.items():
        key = f"{name}_{SUFFIXES[language]}" if name in TEXTS else name
        data[key] = value
    return data
