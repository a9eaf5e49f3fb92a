"""What a cached public page depends on: the content's generation and the next release due.

Every app server reads the same entry from the shared cache (Redis in
production), so a change made through any server, or a scheduled release
coming due, makes every server's cached pages fresh at once. The entry, the
generation, is replaced whenever content changes (see `connect_signals`) and
holds:

- a new random id, with the time of the last change readers could see;
- when the last public release came due, and the times of the next scheduled
  ones: the later of the last release due and the change is the pages'
  Last-Modified and part of their keys, and the next release's time caps how
  long anything may be cached, so the pages' keys change the moment a
  scheduled release comes due, with no further read.

A draft's save starts a new generation too (pages are re-rendered and keep
their ETag), but it does not move Last-Modified: an outsider polling the home
page learns nothing of when the newsroom is working.
"""

import hashlib
import logging
import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation
from redis.exceptions import RedisError

from releases import events
from releases.models import Contact, Release, Topic

GENERATION_KEY = "pressroom:generation"
# The times of a generation's next scheduled releases, when more have come due than it kept.
RELEASE_TIMES_KEY = "pressroom:next-releases:{generation}"
PAGE_KEY = "pressroom:page:{version}:{language}:{url}"
# The page of a URL as last rendered, whatever the version, and who is rendering it now.
LAST_PAGE_KEY = "pressroom:last-page:{language}:{url}"
RENDERING_KEY = "pressroom:rendering:{page}"
# Changed whenever a topic or a contact is: what a release's page shows beside its own text.
LABELS_KEY = "pressroom:labels"

logger = logging.getLogger(__name__)

# What a shared cache that is down raises: the site then works on without it.
CACHE_ERRORS = (RedisError,)

PAGE_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS
# How many scheduled releases' times a generation keeps: more than a newsroom schedules
# between two changes; past them, the next ones are looked up (one query) and kept.
UPCOMING_KEPT = 50
PAGE_BROWSER_MAX_AGE = settings.PAGE_BROWSER_MAX_AGE


@dataclass(frozen=True)
class ContentVersion:
    """The state of the public content a page was rendered from."""

    generation: str
    last_modified: float
    next_release_at: float | None

    @property
    def key(self) -> str:
        # The epoch (when the content last changed, by an edit or by time) is part of
        # the key, so a page cached before a scheduled release came due is never reused.
        return f"{self.generation}.{int(self.last_modified)}"

    def seconds_left(self, now: float, limit: int) -> int:
        """Return how long, at most `limit`, something may be kept before the next release."""
        if self.next_release_at is None:
            return limit
        return max(0, min(limit, math.floor(self.next_release_at - now)))


def content_changed(**_signal_kwargs) -> None:
    """Start a new generation now, and again when the surrounding transaction commits.

    The second start drops any page another server rendered from the database
    between the first and the commit, which still showed the old content. Outside
    a transaction (a release's `changed` event, sent once its save committed) the
    generation moves once.
    """
    _new_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_generation)


def _new_generation(*, seen_by_readers: bool = True) -> None:
    """Start a new generation, dated now if readers saw the change, else as the last one."""
    now = timezone.now()
    changed_at = now.timestamp()
    if not seen_by_readers:
        previous = cache.get(GENERATION_KEY)
        changed_at = previous["changed_at"] if previous else changed_at
    try:
        # The release times are worked out here, once, so the first reader after a
        # change runs no extra query, and every reader finds them in the one entry.
        cache.set(GENERATION_KEY, _generation_state(changed_at, now), timeout=None)
    except CACHE_ERRORS:
        # An editor's save must not fail for the cache's sake; but a cache that comes
        # back with its data may show old pages until they expire, so say so loudly.
        logger.exception(
            "The page cache missed a change: pages cached before it may be served "
            "for up to %s seconds.",
            PAGE_CACHE_SECONDS,
        )


def _generation_state(changed_at: float, now: datetime) -> dict:
    return {"id": uuid.uuid4().hex, "changed_at": changed_at, **_release_times(now)}


def _generation() -> dict:
    state = cache.get(GENERATION_KEY)
    if state is None:
        # An empty or flushed cache: start one, unless another server just did.
        now = timezone.now()
        state = _generation_state(now.timestamp(), now)
        if not cache.add(GENERATION_KEY, state, timeout=None):
            state = cache.get(GENERATION_KEY, state)
    elif "coming" not in state:
        # Left by a version of the site whose generation held no release times: replaced.
        now = timezone.now()
        state = _generation_state(state["changed_at"], now)
        cache.set(GENERATION_KEY, state, timeout=None)
    return state


def _release_times(now: datetime) -> dict:
    """Return when the last public release came due and the times of the next ones: one query.

    `coming` holds the next UPCOMING_KEPT times, `more` whether others follow them.
    """
    published = Release.objects.filter(status=Release.Status.PUBLISHED).order_by()
    due = published.filter(publish_at__lte=now).order_by("-publish_at")[:1]
    coming = published.filter(publish_at__gt=now).order_by("publish_at")[: UPCOMING_KEPT + 1]
    # Each read along the publish_at index from `now`, both in one statement: a union of
    # the two (Django's union() refuses LIMIT in its parts on SQLite). An OR of the two
    # would have PostgreSQL walk every release in publish_at order to reach them.
    parts = [part.values("id", "publish_at").query.sql_with_params() for part in (due, coming)]
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS part{n}" for n, (part, _) in enumerate(parts)
    )
    rows = Release.objects.raw(sql, [param for _sql, params in parts for param in params])
    times = sorted(row.publish_at.timestamp() for row in rows)
    coming = [time for time in times if time > now.timestamp()]
    return {
        "last_due": times[0] if len(times) > len(coming) else None,
        "coming": coming[:UPCOMING_KEPT],
        "more": len(coming) > UPCOMING_KEPT,
    }


def current_version() -> ContentVersion:
    """Return the content version now.

    No query, but one when the cache has lost its generation, or when more
    scheduled releases have come due since the last change than a generation
    keeps the times of.
    """
    now = timezone.now()
    state = times = _generation()
    if _past_the_kept(times, now):
        key = RELEASE_TIMES_KEY.format(generation=state["id"])
        times = cache.get(key)
        if times is None or _past_the_kept(times, now):
            times = _release_times(now)
            cache.set(key, times, timeout=PAGE_CACHE_SECONDS)
    return _version(state, times, now.timestamp())


def _past_the_kept(times: dict, now: datetime) -> bool:
    """Tell whether every kept time has come due while later ones were not kept."""
    return times["more"] and times["coming"][-1] <= now.timestamp()


def _version(state: dict, times: dict, now: float) -> ContentVersion:
    """The version at `now`: releases in `coming` that have come due since count as due."""
    last_due = max([times["last_due"] or 0, *(t for t in times["coming"] if t <= now)])
    following = next((t for t in times["coming"] if t > now), None)
    return ContentVersion(
        generation=state["id"],
        last_modified=max(state["changed_at"], last_due),
        next_release_at=following,
    )


def reads_query(*names: str) -> Callable[[Callable], Callable]:
    """Declare the query parameters a view reads: the only ones its page is cached by.

    The page cache strips every other parameter (`fbclid`, `utm_source`, …) before
    the view runs, so such a parameter neither misses the cache nor adds an entry,
    and no page can echo one into what every later reader receives. A view that
    declares nothing reads no parameter at all. The view itself is left as it is:
    the declaration is made on a thin wrapper, so a library's view can be declared too.
    """

    def declare(view: Callable) -> Callable:
        @wraps(view)
        def page(request: HttpRequest, *args, **kwargs):
            return view(request, *args, **kwargs)

        page.query_parameters = tuple(sorted(set(names)))
        return page

    return declare


def canonical_query(query: QueryDict, names: Iterable[str]) -> QueryDict:
    """Return only the parameters in `names`, in that order, each once and none blank.

    A repeated parameter keeps its last value, the one `QueryDict.get()` gives a
    view; spaces around a value are dropped, and a blank value counts as none.
    """
    kept = [(name, value) for name in names if (value := query.get(name, "").strip())]
    return QueryDict(urlencode(kept))


def page_key(request: HttpRequest, version: ContentVersion) -> str:
    """Return the cache key of a page: content version, interface language and full URL.

    The request's query string is already canonical (see `canonical_query`) here.
    """
    return PAGE_KEY.format(
        version=version.key, language=translation.get_language(), url=_url_hash(request)
    )


def last_page_key(request: HttpRequest) -> str:
    """Return the key of the page as last rendered for this language and URL, any version."""
    return LAST_PAGE_KEY.format(language=translation.get_language(), url=_url_hash(request))


def _url_hash(request: HttpRequest) -> str:
    # Worked out once a request: its address is final once the page cache has taken off
    # the parameters its view does not read, before any key is asked for.
    if not hasattr(request, "_page_cache_url"):
        # The address as asked for (Django's own reading of the host headers), not checked
        # against ALLOWED_HOSTS: a host it refuses renders no page to keep, so it can only
        # miss, and the check cost more than the rest of a cached answer together.
        address = f"{request.scheme}://{request._get_raw_host()}{request.get_full_path()}"
        request._page_cache_url = hashlib.sha256(address.encode()).hexdigest()
    return request._page_cache_url


def _release_changed(sender, seen_by_readers: bool = True, **kwargs) -> None:
    # Sent once a save has committed: one new generation is all it takes.
    _new_generation(seen_by_readers=seen_by_readers)


def _on_change(sender, action: str = "post_save", **kwargs) -> None:
    # Many-to-many changes are announced before and after; the "after" is enough.
    if action.startswith("post_"):
        content_changed()
        _new_labels()
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(_new_labels)


def labels_stamp() -> str:
    """Return an id that changes whenever a topic or a contact changes.

    A release's page shows its topics' names and its contact beside its own
    text: what is kept of it per version of the release (website.release_pages)
    is kept under this id too.
    """
    stamp = cache.get(LABELS_KEY)
    if stamp is None:
        stamp = uuid.uuid4().hex
        if not cache.add(LABELS_KEY, stamp, timeout=None):
            stamp = cache.get(LABELS_KEY, stamp)
    return stamp


def _new_labels() -> None:
    try:
        cache.set(LABELS_KEY, uuid.uuid4().hex, timeout=None)
    except CACHE_ERRORS:
        logger.exception("The page cache missed a change of a topic or a contact.")


def connect_signals() -> None:
    """Start a new generation on every change that readers may see.

    A release changes only through releases.publishing, which announces
    `changed` once per save, after it commits. Topics and contacts, which
    every page naming them shows, are edited in the admin as plain models,
    so their saves and deletions are watched directly.
    """
    events.changed.connect(_release_changed, dispatch_uid="pagecache-release-changed")
    for model in (Topic, Contact):
        for watched in (model, model._parler_meta.root_model):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                uid = f"pagecache-{watched._meta.label_lower}-{name}"
                signal.connect(_on_change, sender=watched, dispatch_uid=uid)
