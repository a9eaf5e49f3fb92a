"""Every query parameter the API accepts, declared once.

The endpoints read their parameters through these schemas, the OpenAPI
document lists them from here, and `ACCEPTED` names them all: anything else in
a query string (a tracking tag, a cache buster) is ignored.
"""

from datetime import UTC, date, datetime, time
from typing import Annotated, Literal

from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema

from pressroom.languages import CHINESE, ENGLISH

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Longer than any real search; the site cuts its own search box there too.
MAX_QUERY_LENGTH = 200
LANGUAGE_CHOICES = Literal["zh-hant", "en", "zh-hans"]
TIME_FORMS = "a date (2023-11-30) or an ISO 8601 time (2023-11-30T10:00:00+08:00)"


def _moment(value: object, end_of_day: bool) -> object:
    """Read a date or an ISO 8601 time; a date or a time without an offset is Hong Kong's."""
    if not isinstance(value, str) or not value:
        return value or None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not {TIME_FORMS}") from None
    else:
        moment = datetime.combine(day, time.max if end_of_day else time.min)
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # The database keeps UTC: a time that has none (year 0 or 10,000) is refused here.
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValueError("out of range") from None
    return moment


def _start(value: object) -> object:
    return _moment(value, end_of_day=False)


def _end(value: object) -> object:
    return _moment(value, end_of_day=True)


# A form left empty sends "topic=": that asks for nothing, like leaving it out.
_BLANK_IS_ABSENT = BeforeValidator(lambda value: value or None)
Text = Annotated[str | None, _BLANK_IS_ABSENT]
# Documented as the text they are, since a plain date is welcome too.
_AS_TEXT = WithJsonSchema({"type": "string"})
Since = Annotated[datetime | None, BeforeValidator(_start), _AS_TEXT]
Until = Annotated[datetime | None, BeforeValidator(_end), _AS_TEXT]


class LanguageParameters(Schema):
    lang: Annotated[LANGUAGE_CHOICES | None, _BLANK_IS_ABSENT] = Field(
        None,
        description=gettext_noop(
            "Return the texts of one language only: zh-hant, en, or zh-hans (the Chinese "
            "text converted to Simplified characters). Both stored languages by default."
        ),
    )

    def languages(self) -> tuple[str, ...]:
        """The language codes whose texts the answer carries."""
        return (self.lang,) if self.lang else (CHINESE, ENGLISH)


class ReleaseParameters(LanguageParameters):
    topic: Text = Field(
        None, max_length=50, description=gettext_noop("A topic's slug (see /topics).")
    )
    since: Since = Field(
        None,
        description=gettext_noop(
            "Published at or after this: a date (2023-11-30) or an ISO 8601 time "
            "(2023-11-30T10:00:00+08:00); a date is its first moment."
        ),
    )
    until: Until = Field(
        None,
        description=gettext_noop(
            "Published at or before this: a date (2023-11-30) or an ISO 8601 time "
            "(2023-11-30T10:00:00+08:00); a date includes its day."
        ),
    )
    updated_since: Since = Field(
        None,
        description=gettext_noop(
            "Published, corrected or withdrawn at or after this: what a mirror asks for to "
            "catch up (see `updated_at`)."
        ),
    )
    q: Text = Field(
        None,
        max_length=MAX_QUERY_LENGTH,
        description=gettext_noop(
            "Words in either language, found as the site's own search finds them."
        ),
    )
    limit: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=gettext_noop("Releases per page.")
    )
    cursor: Text = Field(
        None,
        max_length=200,
        description=gettext_noop("Where a page starts: the `next` link gives it."),
    )


# The release list reads the most; the other endpoints read a subset of these.
ACCEPTED = tuple(ReleaseParameters.model_fields)
