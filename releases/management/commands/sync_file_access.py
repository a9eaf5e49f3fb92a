from django.core.management.base import BaseCommand, CommandParser

from releases.file_access import keep_file_access, keeps_access_per_file
from releases.models import Release


class Command(BaseCommand):
    help = (
        "Give every release's files in the bucket the access its release has now: public-read "
        "once readers may see it, private before. For S3 storage; after an outage of the "
        "bucket, or a release that came due while no worker ran."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("release_ids", nargs="*", type=int, help="only these releases")

    def handle(self, *args, release_ids: list[int], **options) -> None:
        if not keeps_access_per_file():
            self.stdout.write("Files are served by the site, which decides at each request.")
            return
        ids = release_ids or list(Release.objects.order_by("pk").values_list("pk", flat=True))
        for release_id in ids:
            keep_file_access(release_id)
        self.stdout.write(f"Access set for the files of {len(ids)} releases.")
