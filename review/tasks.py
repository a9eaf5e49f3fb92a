"""Background work of review links, written against the tasks framework's API only."""

from django_tasks import task

from alerts.tasks import enqueue_after_commit
from review import notifications
from review.models import ReviewComment


@task()
def email_link_creator(comment_id: int) -> None:
    notifications.email_link_creator(comment_id)


def tell_link_creator(comment: ReviewComment) -> None:
    """Email the link's creator once the comment is saved for good."""
    enqueue_after_commit(email_link_creator, comment.pk)
