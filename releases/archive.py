"""The releases app's part of the archive a site moves with (read by releases.backup_parts).

Every model of the app travels (releases, translations, topics, contacts,
images, attachments, change notes, and any added later), and so does the
history of every save: django-reversion's revisions and versions, from which
the desk compares and restores. Versions name their release by id, kept.
"""

import json

import reversion
from reversion.models import Version

from releases.backup_parts import Restore

ALSO_KEEPS = ["reversion.Revision", "reversion.Version"]
BATCH = 500


def restored(restore: Restore) -> list[str]:
    """Point the ids of left-out rows (users) written inside versions at this site's rows.

    A version keeps its release as text, the author by the old site's user id:
    restoring it as it is would name another user, or one that is not there.
    """
    mapped = cleared = 0
    for model in reversion.get_registered_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model._meta.label in restore.natural_keys
        ]
        if not fields:
            continue
        changed = []
        for version in Version.objects.get_for_model(model).filter(format="json").iterator():
            data = json.loads(version.serialized_data)
            values = data[0]["fields"]
            before = dict(values)
            for field in fields:
                old = values.get(field.name)
                if old is None or isinstance(old, list):  # empty, or already a natural key
                    continue
                values[field.name] = restore.local_pk(field.related_model, old)
                mapped += values[field.name] is not None
                cleared += values[field.name] is None
            if values != before:
                version.serialized_data = json.dumps(data)
                changed.append(version)
        Version.objects.bulk_update(changed, ["serialized_data"], batch_size=BATCH)
    return [
        f"Saved versions: {mapped} references to users found here by user name, "
        f"{cleared} cleared (no such user here)."
    ]
