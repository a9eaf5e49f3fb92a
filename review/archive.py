"""The review app's part of the archive a site moves with (read by releases.backup_parts).

Every model of the app travels: review links, keeping their keys, and the
comments reviewers sent. A link's address is its key signed with the site's
secret key, so links already sent open on the new site only if it keeps
DJANGO_SECRET_KEY.

The task queue stays behind: a comment whose creator the old site had not yet
emailed is queued again by `restored()`.
"""

from alerts.tasks import enqueue_after_commit
from releases.backup_parts import Restore
from review import tasks
from review.models import ReviewComment


def restored(restore: Restore) -> list[str]:
    """Queue again the emails to link creators that the old site had not sent."""
    untold = ReviewComment.objects.filter(
        creator_told_at__isnull=True, link__created_by__isnull=False
    )
    comment_ids = list(untold.values_list("pk", flat=True))
    for comment_id in comment_ids:
        enqueue_after_commit(tasks.email_link_creator, comment_id)
    return [f"Review comments queued again for their creators' emails: {len(comment_ids)}."]
