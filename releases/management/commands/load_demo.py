import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from releases import publishing
from releases.models import Contact, Release

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "aeo-expert-mission-2023.json"


class Command(BaseCommand):
    help = (
        "Load the AEO Expert Mission release and its contact as the default contact. "
        "Running it again updates them in place."
    )

    @transaction.atomic
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

        release = Release.objects.filter(slug=demo["slug"]).first()
        created = release is None
        release = release or Release(slug=demo["slug"])
        release.publish_at = parse_datetime(demo["publish_at"])
        release.contact = contact
        for language_code, fields in demo["translations"].items():
            release.set_current_language(language_code)
            for name, value in fields.items():
                setattr(release, name, value)
        # Through the entry point, as staff publish: kept as a version, announced.
        step = publishing.Step(Release.Status.PUBLISHED)
        publishing.save(release, step, user=None, now=timezone.now())

        verb = "Loaded" if created else "Updated"
        url = release.get_absolute_url()
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo release: {url}"))
