"""What the API answers, as typed schemas: the OpenAPI document is made from these.

Text that exists in several languages is an object keyed by language code
("zh-hant", "en"; "zh-hans" when asked for), so a new language adds a key,
not a field.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

Texts = dict[str, str]


class ReleaseText(Schema):
    title: str
    summary: str = Field(description="The lead: the summary, or the body's first paragraph.")
    body: str = Field(description="CommonMark source.")
    body_html: str = Field(description="The body as the site shows it: sanitised HTML.")


class Topic(Schema):
    slug: str
    name: Texts
    releases: str = Field(description="This API's list of the topic's releases.")


class Contact(Schema):
    id: int
    office: Texts
    department: Texts
    email: str
    phone: str


class Rendition(Schema):
    url: str
    width: int
    height: int


class Image(Schema):
    width: int
    height: int
    renditions: list[Rendition] = Field(description="From narrowest to widest.")
    alt_text: Texts
    caption: Texts


class Attachment(Schema):
    url: str
    content_type: str
    size: int = Field(description="In bytes.")
    language: Literal["zh-hant", "en", "both"] = Field(description="The language of the file.")
    title: Texts


class ChangeNote(Schema):
    created_at: datetime
    note: Texts


class Withdrawal(Schema):
    withdrawn_at: datetime
    reason: Texts


class Release(Schema):
    id: int
    status: Literal["published", "withdrawn"]
    urls: Texts = Field(description="The release's page in each interface language.")
    published_at: datetime = Field(description="When the release was issued (became public).")
    updated_at: datetime = Field(
        description="Its last public change: issued, corrected (a change note) or withdrawn."
    )
    texts: dict[str, ReleaseText]
    topics: list[Topic]
    contact: Contact | None
    images: list[Image]
    attachments: list[Attachment]
    change_notes: list[ChangeNote] = Field(description="Newest first.")
    withdrawal: Withdrawal | None = Field(description="Set when the release was withdrawn.")


class ReleasePage(Schema):
    items: list[Release]
    next: str | None = Field(description="The next page, or null on the last one.")


class ParameterError(Schema):
    parameter: str
    message: str


class Error(Schema):
    detail: str
    errors: list[ParameterError] = []
