"""What happened to releases: the signals releases.publishing announces once a change commits.

Every entry point in releases.publishing checks, writes, then announces one of
these with `announce()`, which sends it after the surrounding transaction
commits (at once outside one), so a listener never acts on a change that was
rolled back, and reads the database as the change left it. The apps above
listen (alerts, the page cache, search); this app knows none of them.

Each signal is sent with sender=Release and these arguments:

- release_created, release_edited, release_deleted: `release_id`;
- release_published (public from now or earlier), release_scheduled (public
  at a time to come), both with `release_id` and `publish_at`;
- release_withdrawn: `release_id`, `was_public` (whether readers had seen it);
- release_corrected: `release_id`, `change_note_id`, `notify` (whether
  subscribers are to be emailed the correction);
- release_restored: `release_id`, `version` (the number of the version restored);
- correction_proposed, correction_declined: `release_id`, `proposal_id`, for an
  editor's proposed correction kept or declined (readers see no change, so no
  `changed` follows them: `announce_unseen()`);
- embargo_set: `release_id`, `media_at`, `publish_at`, for a new embargo (accredited
  media have the release at `media_at`, readers at `publish_at`);
- embargo_changed: `release_id`, `media_at`, `publish_at`, `revision`, `what` ("time",
  "text" or "audience"): what journalists have, or are to get, changed; `revision`
  grows when they already had it;
- embargo_lifted: `release_id`, `publish_at` (now): public at once, before its time
  (release_published follows);
- embargo_cancelled: `release_id`, before its media time: nothing was sent. A
  withdrawn embargoed release sends only release_withdrawn (was_public=False);
- releases_loaded: `release_ids`, written in bulk by a command (seeding,
  importing), which sends no model signals. Unlike the others it is sent at
  once, inside the transaction, by `loaded()`: it stands in for the post_save
  signals that keep derived data (the search index) in step with the rows.

A save that publishes and corrects at once announces each in turn; every
listener that only needs to know "something changed" listens to `changed`,
sent once per entry point after the specific ones, with `seen_by_readers`:
whether readers could see the release before the change or can after it (a
draft's save is not news, and public pages must not date themselves by it).
"""

from django.db import transaction
from django.dispatch import Signal

release_created = Signal()
release_edited = Signal()
release_published = Signal()
release_scheduled = Signal()
release_withdrawn = Signal()
release_corrected = Signal()
release_restored = Signal()
release_deleted = Signal()
releases_loaded = Signal()
correction_proposed = Signal()
correction_declined = Signal()
embargo_set = Signal()
embargo_changed = Signal()
embargo_lifted = Signal()
embargo_cancelled = Signal()
# Once per entry point, after its specific events: the public content may have changed.
changed = Signal()


def announce(*events: tuple[Signal, dict], seen_by_readers: bool) -> None:
    """Send each (signal, arguments) in order, then `changed`, once the transaction commits."""
    _send_after_commit(events, seen_by_readers)


def announce_unseen(*events: tuple[Signal, dict]) -> None:
    """Send each (signal, arguments) once the transaction commits, with no `changed`.

    For what readers never see (a proposed correction kept or declined), so the
    page cache keeps its pages.
    """
    _send_after_commit(events, seen_by_readers=None)


def _send_after_commit(events: tuple[tuple[Signal, dict], ...], seen_by_readers: bool | None):
    from releases.models import Release

    def send() -> None:
        for signal, arguments in events:
            signal.send(sender=Release, **arguments)
        if seen_by_readers is not None:
            changed.send(sender=Release, seen_by_readers=seen_by_readers)

    transaction.on_commit(send)


def loaded(release_ids: list[int]) -> None:
    """Say, at once, that these releases were written in bulk; then `changed`, after commit."""
    from releases.models import Release

    releases_loaded.send(sender=Release, release_ids=release_ids)
    transaction.on_commit(lambda: changed.send(sender=Release, seen_by_readers=True))
