from django.core.management.base import BaseCommand, CommandError, CommandParser

from releases.backup import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_releases into a database that holds none of "
        "its records yet (or exactly these). Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the zip archive to read")

    def handle(self, *args, file: str, **options) -> None:
        try:
            summary = import_archive(file)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        if summary.cleared_references:
            self.stdout.write(
                self.style.WARNING(
                    f"Cleared {summary.cleared_references} references to users this site "
                    "does not have."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sum(summary.records.values())} records and wrote "
                f"{summary.files} new files from {file}."
            )
        )
