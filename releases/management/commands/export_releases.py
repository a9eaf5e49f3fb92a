from django.core.management.base import BaseCommand, CommandError, CommandParser

from releases.backup import ArchiveError, export_archive, report


class Command(BaseCommand):
    help = (
        "Write everything a site would miss after a move to one zip archive: releases with "
        "their translations, files and saved versions, review links and comments, "
        "subscribers with their subscriptions and consent, and every table an app adds to "
        "the archive. Says table by table what it wrote, and what it left out on purpose."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the zip archive to write")

    def handle(self, *args, file: str, **options) -> None:
        try:
            summary = export_archive(file)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Wrote, table by table:")
        for line in report(summary):
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(summary.records.values())} records and {summary.files} files "
                f"to {file}."
            )
        )
