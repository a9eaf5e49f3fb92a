"""What the public may see, and how lists read releases: ReleaseQuerySet (re-exported by
releases.models, the model's manager)."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from parler.managers import TranslatableQuerySet

from releases.change_notes import ChangeNote
from releases.contacts import ContactTranslation
from releases.prefetch import cache_prefetched, with_their_translations
from releases.topics import Topic

if TYPE_CHECKING:
    from releases.models import Release


class ReleaseQuerySet(TranslatableQuerySet):
    def public(self, now: datetime | None = None) -> "ReleaseQuerySet":
        """Return the releases a reader may see at `now`: published and due."""
        return self.filter(
            status=self.model.Status.PUBLISHED, publish_at__lte=now or timezone.now()
        )

    def hidden(self, now: datetime | None = None) -> "ReleaseQuerySet":
        """Return what public() leaves out at `now`: drafts, the withdrawn and the scheduled.

        Written as ranges of the status index, so it reads only the hidden releases
        (a few, however many are public).
        """
        others = [
            status for status in self.model.Status.values if status != self.model.Status.PUBLISHED
        ]
        return self.filter(
            models.Q(status__in=others)
            | models.Q(status=self.model.Status.PUBLISHED, publish_at__gt=now or timezone.now())
        )

    def withdrawn_after_being_public(self, now: datetime | None = None) -> "ReleaseQuerySet":
        """Return the withdrawn releases that readers had seen before they were withdrawn."""
        return self.filter(
            status=self.model.Status.WITHDRAWN,
            first_public_at__isnull=False,
            withdrawn_at__lte=now or timezone.now(),
        )

    def visible_at_url(self, now: datetime | None = None) -> "ReleaseQuerySet":
        """Return what answers at a release's URL: the public, and the withdrawn.

        A withdrawn release keeps its page (with the withdrawal notice) when it
        had been public before it was withdrawn. The detail page and the API use
        this; every list of the site uses public().
        """
        now = now or timezone.now()
        return self.public(now) | self.withdrawn_after_being_public(now)

    def years(self) -> list[int]:
        """Return the years from the newest of these releases back to the oldest, in one query.

        Reads only the first and the last release in publishing order (two index
        look-ups), not every row, so it costs the same at 100 or 100,000
        releases; a year in between with no release is still listed.
        """
        ordered = self.order_by("publish_at").values("publish_at")
        oldest, newest = (
            self.model.objects.order_by()
            .values_list(models.Subquery(ordered[:1]), models.Subquery(ordered.reverse()[:1]))
            .first()
        ) or (None, None)
        if oldest is None:
            return []
        newest_year = timezone.localtime(newest).year
        return list(range(newest_year, timezone.localtime(oldest).year - 1, -1))

    def with_last_public_change(self) -> "ReleaseQuerySet":
        """Annotate each release with `last_public_change_at` (see Release.last_public_change).

        One correlated look-up of the newest change note, so a list costs no more queries.
        """
        newest_note = (
            ChangeNote.objects.filter(release=models.OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        # Each term falls back to the publish time: SQLite's GREATEST is NULL if any term is.
        return self.annotate(
            last_public_change_at=Greatest(
                "publish_at",
                Coalesce(models.Subquery(newest_note), "publish_at"),
                Coalesce("withdrawn_at", "publish_at"),
            )
        )

    def changed_publicly_since(self, moment: datetime) -> "ReleaseQuerySet":
        """Return the releases whose last public change (see with_last_public_change) is at
        or after `moment`.

        The newest of three times is at or after `moment` when any one of them is, so the
        filter is written as three conditions, each read through an index (publish_at,
        withdrawn_at, the change notes' created_at), not by working out the newest of
        every release's times.
        """
        corrected = ChangeNote.objects.filter(created_at__gte=moment).values("release_id")
        return self.filter(
            models.Q(publish_at__gte=moment)
            | models.Q(withdrawn_at__gte=moment)
            | models.Q(pk__in=corrected)
        )

    def with_translations(self) -> "ReleaseQuerySet":
        """Fetch both translations of every release in one more query."""
        return self.prefetch_related("translations")

    def get_for_page(self, pk: int) -> "Release":
        """Fetch one of these releases with everything its page shows, in six queries.

        The release with its translations; its contact's; its topics', images',
        attachments' and change notes', each with their translations (one
        joined query each, see releases.prefetch). Raise Release.DoesNotExist
        when there is no such release among these.
        """
        return with_page_relations(self.get_with_translations(pk))

    def get_with_translations(self, pk: int) -> "Release":
        """Fetch one of these releases with its translations, in one query.

        The first of get_for_page()'s six: enough to tell which version of the
        release a kept page was rendered from. Raise Release.DoesNotExist when
        there is no such release among these.
        """
        found = with_their_translations(
            self.model._parler_meta.root_model.objects.filter(master__in=self.filter(pk=pk))
        )
        if not found:
            raise self.model.DoesNotExist
        return found[0]


def with_page_relations(release: "Release") -> "Release":
    """Fetch what a release's page shows beside its text, in five queries; return it.

    Its contact's translations; its topics', images', attachments' and change
    notes', each with their translations (one joined query each, see
    releases.prefetch).
    """
    contacts = with_their_translations(
        ContactTranslation.objects.filter(master_id=release.contact_id)
    )
    release.contact = contacts[0] if contacts else None
    topics = Topic._parler_meta.root_model.objects.filter(master__release=release)
    cache_prefetched(release, "topics", with_their_translations(topics, "slug"))
    for name in ("images", "attachments", "change_notes"):
        relation = release._meta.get_field(name)
        model = relation.related_model
        rows = model._parler_meta.root_model.objects.filter(
            **{f"master__{relation.field.name}": release}
        )
        cache_prefetched(release, name, with_their_translations(rows, *model._meta.ordering))
    return release
