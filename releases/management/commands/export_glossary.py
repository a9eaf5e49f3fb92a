from django.core.management.base import BaseCommand, CommandParser

from releases import glossary


class Command(BaseCommand):
    help = "Write every glossary term to a CSV file in the format import_glossary reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path of the CSV file to write")

    def handle(self, *args, file: str, **options) -> None:
        with open(file, "w", encoding="utf-8", newline="") as out:
            count = glossary.write_csv(out)
        self.stdout.write(self.style.SUCCESS(f"Exported {count} terms to {file}."))
