"""What the API answers, as typed schemas: the OpenAPI document is made from these.

Text that exists in several languages is an object keyed by language code
("zh-hant", "en"; "zh-hans" when asked for), so a new language adds a key,
not a field.
"""

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext_noop
from ninja import Field, Schema
from pydantic import ConfigDict

Texts = dict[str, str]

# Examples in the OpenAPI document, as the API answers them (see docs/api.md).
EXAMPLE_SITE = "https://www.customs.gov.hk"
TOPIC_EXAMPLE = {
    "slug": "drug-enforcement",
    "name": {"zh-hant": "緝毒", "en": "Drug enforcement"},
    "releases": f"{EXAMPLE_SITE}/api/v1/releases?topic=drug-enforcement",
}
CONTACT_EXAMPLE = {
    "id": 1,
    "office": {
        "zh-hant": "貿易關係及公共傳訊科",
        "en": "Office of Trade Relations and Public Communication",
    },
    "department": {"zh-hant": "香港海關", "en": "Customs and Excise Department"},
    "email": "aeo@customs.gov.hk",
    "phone": None,
}
RELEASE_EXAMPLE = {
    "id": 1,
    "status": "published",
    "urls": {
        "zh-hant": f"{EXAMPLE_SITE}/zh-hant/releases/1/aeo-expert-mission/",
        "en": f"{EXAMPLE_SITE}/en/releases/1/aeo-expert-mission/",
        "zh-hans": f"{EXAMPLE_SITE}/zh-hans/releases/1/aeo-expert-mission/",
    },
    "published_at": "2023-11-30T10:00:00+08:00",
    "updated_at": "2023-11-30T10:00:00+08:00",
    "texts": {
        "zh-hant": {
            "title": "海關舉辦「東盟及中國香港AEO專家交流會及論壇」",
            "summary": "香港海關於本年11月29至30日舉行交流會及論壇。",
            "body": "香港海關於本年11月29至30日舉行交流會及論壇。",
            "body_html": "<p>香港海關於本年11月29至30日舉行交流會及論壇。</p>",
        },
        "en": {
            "title": "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China",
            "summary": "Hong Kong Customs held an expert mission and symposium.",
            "body": "Hong Kong Customs held an expert mission and symposium.",
            "body_html": "<p>Hong Kong Customs held an expert mission and symposium.</p>",
        },
    },
    "topics": [TOPIC_EXAMPLE],
    "contact": CONTACT_EXAMPLE,
    "images": [],
    "attachments": [],
    "change_notes": [],
    "withdrawal": None,
}


class ReleaseText(Schema):
    title: str
    summary: str = Field(
        description=gettext_noop("The lead: the summary, or the body's first paragraph.")
    )
    body: str = Field(description=gettext_noop("CommonMark source."))
    body_html: str = Field(
        description=gettext_noop("The body as the site shows it: sanitised HTML.")
    )


class Topic(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [TOPIC_EXAMPLE]})

    slug: str
    name: Texts
    releases: str = Field(description=gettext_noop("This API's list of the topic's releases."))


class Contact(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [CONTACT_EXAMPLE]})

    id: int
    office: Texts
    department: Texts
    email: str
    phone: str | None = Field(description=gettext_noop("Null when the office gives no number."))


class Rendition(Schema):
    url: str
    width: int
    height: int


class Image(Schema):
    width: int
    height: int
    renditions: list[Rendition] = Field(description=gettext_noop("From narrowest to widest."))
    alt_text: Texts
    caption: Texts


class Attachment(Schema):
    url: str
    content_type: str
    size: int = Field(description=gettext_noop("In bytes."))
    language: Literal["zh-hant", "en", "both"] = Field(
        description=gettext_noop("The language of the file.")
    )
    title: Texts


class ChangeNote(Schema):
    created_at: datetime
    note: Texts


class Withdrawal(Schema):
    withdrawn_at: datetime
    reason: Texts


class Release(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [RELEASE_EXAMPLE]})

    id: int
    status: Literal["published", "withdrawn"]
    urls: Texts = Field(description=gettext_noop("The release's page in each interface language."))
    published_at: datetime = Field(
        description=gettext_noop("When the release was issued (became public).")
    )
    updated_at: datetime = Field(
        description=gettext_noop(
            "Its last public change: issued, corrected (a change note) or withdrawn."
        )
    )
    texts: dict[str, ReleaseText]
    topics: list[Topic]
    contact: Contact | None
    images: list[Image]
    attachments: list[Attachment]
    change_notes: list[ChangeNote] = Field(description=gettext_noop("Newest first."))
    withdrawal: Withdrawal | None = Field(
        description=gettext_noop("Set when the release was withdrawn.")
    )


class ReleasePage(Schema):
    items: list[Release]
    next: str | None = Field(description=gettext_noop("The next page, or null on the last one."))


class ParameterError(Schema):
    parameter: str
    message: str


class Error(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "detail": "since: not a date (2023-11-30) or an ISO 8601 time",
                    "errors": [
                        {
                            "parameter": "since",
                            "message": "not a date (2023-11-30) or an ISO 8601 time",
                        }
                    ],
                }
            ]
        }
    )

    detail: str
    errors: list[ParameterError] = []
