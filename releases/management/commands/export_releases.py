from django.core.management.base import BaseCommand, CommandParser

from releases.backup import export_archive


class Command(BaseCommand):
    help = (
        "Write every release, translation, topic, contact and every other record of the "
        "releases app, with their files, to one zip archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the zip archive to write")

    def handle(self, *args, file: str, **options) -> None:
        summary = export_archive(file)
        for label, count in summary.records.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(summary.records.values())} records and {summary.files} files "
                f"to {file}."
            )
        )
