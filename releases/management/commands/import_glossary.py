from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from releases import glossary


class Command(BaseCommand):
    help = (
        "Add and update glossary terms from a CSV file: columns zh_hant,en, then any of "
        "zh_hans,avoid_zh,avoid_en,note (several forms to avoid separated by |); UTF-8, "
        "with or without BOM. A malformed file changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the CSV file to read")

    def handle(self, *args, file: str, **options) -> None:
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        try:
            rows = glossary.read_csv(data)
        except glossary.MalformedGlossary as error:
            raise CommandError(f"{file}: {error} Nothing was changed.") from error
        added, updated = glossary.import_rows(rows)
        self.stdout.write(
            self.style.SUCCESS(f"Added {added} terms and updated {updated} from {file}.")
        )
