"""Create the Editors and Publishers groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = {
    "release": ["add", "change", "view"],
    "releaseimage": ["add", "change", "delete", "view"],
    "attachment": ["add", "change", "delete", "view"],
    "changenote": ["view"],
    "topic": ["view"],
    "contact": ["view"],
}
PUBLISHERS = {
    "release": ["add", "change", "delete", "view", "publish"],
    "releaseimage": ["add", "change", "delete", "view"],
    "attachment": ["add", "change", "delete", "view"],
    "changenote": ["add", "change", "delete", "view"],
    "topic": ["add", "change", "delete", "view"],
    "contact": ["add", "change", "delete", "view"],
}


def codenames(grants: dict[str, list[str]]) -> list[str]:
    return [f"{action}_{model}" for model, actions in grants.items() for action in actions]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; these groups need them now.
    app_config = apps.get_app_config("releases")
    if getattr(app_config, "models_module", None) is None:
        # Migration state has no models module; create_permissions skips such apps.
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in (("Editors", EDITORS), ("Publishers", PUBLISHERS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="releases", codename__in=codenames(grants)
            )
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("releases", "0003_workflow_versions_images_attachments"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
