from django.core.management.base import BaseCommand, CommandError, CommandParser

from pressroom import statistics
from releases.backup import ArchiveError, import_archive, report


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_releases into a database that holds none of "
        "its records yet (or exactly these), after migrate. Says table by table what it "
        "read. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the zip archive to read")

    def handle(self, *args, file: str, **options) -> None:
        try:
            summary = import_archive(file)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Read, table by table:")
        for line in report(summary):
            self.stdout.write(line)
        if summary.cleared:
            self.stdout.write(
                self.style.WARNING(
                    f"Cleared {summary.cleared_references} references to users this site "
                    "does not have (create them before importing to keep them):"
                )
            )
            for where, count in summary.cleared.items():
                self.stdout.write(self.style.WARNING(f"  {where}: {count}"))
        for note in summary.notes:
            self.stdout.write(note)
        # Thousands of rows written at once: PostgreSQL plans with statistics of them.
        analysed = statistics.analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sum(summary.records.values())} records and wrote "
                f"{summary.files_written} new files from {file}{analysed}."
            )
        )
