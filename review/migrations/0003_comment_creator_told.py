from django.db import migrations, models
from django.db.models import F


def comments_before_were_told(apps, schema_editor):
    # Every comment made before this field was emailed about as it arrived.
    ReviewComment = apps.get_model("review", "ReviewComment")
    ReviewComment.objects.update(creator_told_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_link_language_and_comments_seen"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcomment",
            name="creator_told_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="creator emailed at"
            ),
        ),
        migrations.RunPython(comments_before_were_told, migrations.RunPython.noop),
    ]
