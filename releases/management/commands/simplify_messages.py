from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from releases.simplified import to_simplified

SOURCE = Path("zh_Hant", "LC_MESSAGES", "django.po")
TARGET = Path("zh_Hans", "LC_MESSAGES", "django.po")


def simplify_catalogue(text: str) -> str:
    """Return a zh_Hant .po catalogue as zh_Hans: every msgstr converted, msgids untouched."""
    lines, in_msgstr = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if not lines and line.startswith("# "):
            line = "# Simplified Chinese interface of Pressroom, converted from zh_Hant.\n"
        lines.append(to_simplified(line) if in_msgstr else line)
    return "".join(lines).replace('"Language: zh_Hant\\n"', '"Language: zh_Hans\\n"')


class Command(BaseCommand):
    help = (
        "Write locale/zh_Hans/LC_MESSAGES/django.po from the Traditional Chinese catalogue, "
        "converted by OpenCC (Hong Kong Traditional to Simplified). `make messages` runs it."
    )

    def handle(self, *args, **options) -> None:
        locale = Path(settings.LOCALE_PATHS[0])
        catalogue = simplify_catalogue((locale / SOURCE).read_text(encoding="utf-8"))
        (locale / TARGET).parent.mkdir(parents=True, exist_ok=True)
        (locale / TARGET).write_text(catalogue, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {TARGET}."))
