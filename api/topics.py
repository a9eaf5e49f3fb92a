"""/topics: every topic, named in both languages, with the address of its releases."""

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Query, Router

from api.parameters import LanguageParameters
from api.representations import topic_data
from api.schemas import Error, Topic
from releases.models import Topic as TopicModel

router = Router(tags=["topics"])


@router.get(
    "",
    response={200: list[Topic], 400: Error},
    summary=gettext_noop("List topics"),
    description=gettext_noop("Every topic, by slug, with its names and its releases' address."),
)
def list_topics(request: HttpRequest, parameters: Query[LanguageParameters]) -> list[dict]:
    """Every topic, by slug, in one query."""
    languages = parameters.languages()
    topics = sorted(TopicModel.with_names(), key=lambda topic: topic.slug)
    return [topic_data(request, topic, languages) for topic in topics]
