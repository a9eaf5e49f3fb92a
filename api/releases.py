"""/releases: every public release, newest first, filtered and paged; /releases/{id}: one."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext_noop
from ninja import Path, Query, Router, Status

from api import cursor
from api.errors import BadParameter
from api.loading import load_related
from api.parameters import ACCEPTED, LanguageParameters, ReleaseParameters
from api.representations import release_data
from api.schemas import Error, Release, ReleasePage
from releases.models import Release as ReleaseModel
from releases.models import ReleaseQuerySet, Topic
from search.results import matching
from search.terms import clean_query

router = Router(tags=["releases"])


def visible() -> ReleaseQuerySet:
    """What the API shows: the public releases, and the withdrawn ones that had been public.

    A withdrawn release stays, with its withdrawal, so a mirror learns of it;
    drafts and releases not yet due never appear.
    """
    return ReleaseModel.objects.visible_at_url(timezone.now()).with_last_public_change()


def filtered(releases: ReleaseQuerySet, parameters: ReleaseParameters) -> ReleaseQuerySet:
    if parameters.topic is not None:
        releases = releases.filter(topics__slug=parameters.topic)
    if parameters.since:
        releases = releases.filter(publish_at__gte=parameters.since)
    if parameters.until:
        releases = releases.filter(publish_at__lte=parameters.until)
    if parameters.updated_since:
        releases = releases.changed_publicly_since(parameters.updated_since)
    query = clean_query(parameters.q or "")
    if query:
        # The site's search finds them; the API lists them in its one order, newest first,
        # so that its cursors hold.
        releases = matching(releases, query)
    if parameters.cursor:
        try:
            releases = releases.filter(cursor.after(parameters.cursor))
        except cursor.BadCursor:
            raise BadParameter("cursor", "not a cursor this API gave; start without one") from None
    return releases.order_by("-publish_at", "-pk")


def next_link(request: HttpRequest, last: ReleaseModel) -> str:
    """Return the address of the page after `last`, keeping the parameters this API reads."""
    query = QueryDict(mutable=True)
    for name in ACCEPTED:
        if name != "cursor" and name in request.GET:
            query[name] = request.GET[name]
    query["cursor"] = cursor.encode(last.publish_at, last.pk)
    return request.build_absolute_uri(f"{reverse('api:list_releases')}?{query.urlencode()}")


@router.get(
    "",
    response={200: ReleasePage, 400: Error},
    summary=gettext_noop("List releases"),
    description=gettext_noop(
        "Public releases, newest first, each in both languages with everything it holds."
    ),
)
def list_releases(request: HttpRequest, parameters: Query[ReleaseParameters]) -> dict:
    """Public releases, newest first, each in both languages with everything it holds."""
    if parameters.topic is not None and not Topic.objects.filter(slug=parameters.topic).exists():
        raise BadParameter("topic", f"there is no topic {parameters.topic!r}; see /topics")
    now = timezone.now()
    # The public and the withdrawn separately: each reads the (status, publish time)
    # index in order and stops at the page's end, where one query joining them with OR
    # would sort every visible release.
    page = []
    for releases in (
        ReleaseModel.objects.public(now),
        ReleaseModel.objects.withdrawn_after_being_public(now),
    ):
        page += filtered(releases.with_last_public_change(), parameters)[: parameters.limit + 1]
    page.sort(key=lambda release: (release.publish_at, release.pk), reverse=True)
    page = page[: parameters.limit + 1]
    more = len(page) > parameters.limit
    page = page[: parameters.limit]
    load_related(page)
    languages = parameters.languages()
    return {
        "items": [release_data(request, release, languages) for release in page],
        "next": next_link(request, page[-1]) if more else None,
    }


@router.get(
    "/{release_id}",
    response={200: Release, 400: Error, 404: Error},
    summary=gettext_noop("One release"),
    description=gettext_noop("One public or withdrawn release, by its id."),
)
def get_release(
    request: HttpRequest,
    response: HttpResponse,
    release_id: Path[int],
    parameters: Query[LanguageParameters],
) -> Status:
    """One public or withdrawn release, by its id."""
    found = list(visible().filter(pk=release_id)) if 0 < release_id <= cursor.MAX_ID else []
    if not found:
        return Status(404, {"detail": f"there is no public release {release_id}"})
    release = found[0]
    load_related(found)
    # Dated by the release's last public change, like its page.
    response["Last-Modified"] = http_date(release.last_public_change_at.timestamp())
    return Status(200, release_data(request, release, parameters.languages()))
