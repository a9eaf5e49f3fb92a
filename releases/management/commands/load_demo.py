import json
from pathlib import Path

import reversion
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_datetime

from releases.models import Contact, Release

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "aeo-expert-mission-2023.json"


class Command(BaseCommand):
    help = (
        "Load the AEO Expert Mission release and its contact as the default contact. "
        "Running it again updates them in place."
    )

    @transaction.atomic
    @reversion.create_revision()
    def handle(self, *args, **options) -> None:
        demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))

        contact, _created = Contact.objects.update_or_create(
            email=demo["contact"]["email"], defaults={"is_default": True}
        )
        for language_code, fields in demo["contact"]["translations"].items():
            contact.set_current_language(language_code)
            for name, value in fields.items():
                setattr(contact, name, value)
        contact.save()

        release, created = Release.objects.update_or_create(
            slug=demo["slug"],
            defaults={
                "status": Release.Status.PUBLISHED,
                "publish_at": parse_datetime(demo["publish_at"]),
                "contact": contact,
            },
        )
        for language_code, fields in demo["translations"].items():
            release.set_current_language(language_code)
            for name, value in fields.items():
                setattr(release, name, value)
        release.save()

        verb = "Loaded" if created else "Updated"
        # Kept as a version, so the admin history starts from what was loaded.
        reversion.set_comment(f"{verb} by load_demo.")
        url = release.get_absolute_url()
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo release: {url}"))
