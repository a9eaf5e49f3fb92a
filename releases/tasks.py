"""Background work of the releases app, written against the tasks framework's API only."""

from django_tasks import task


@task()
def open_files_when_due(release_id: int) -> None:
    """Give a release's files the access its visibility has now (its time has come)."""
    from releases.file_access import keep_file_access

    keep_file_access(release_id)
