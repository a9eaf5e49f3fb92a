from django.db import migrations, models


def english_readers_keep_english_links(apps, schema_editor):
    """Subscribers from before the field had links in their emails' language: keep them so."""
    Subscriber = apps.get_model("alerts", "Subscriber")
    Subscriber.objects.filter(subscription__languages="en").update(language="en")


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_subscribers_content_changes_emails"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="language",
            field=models.CharField(
                choices=[
                    ("zh-hant", "Traditional Chinese"),
                    ("en", "English"),
                    ("zh-hans", "Simplified Chinese"),
                ],
                default="zh-hant",
                max_length=7,
                verbose_name="interface language",
            ),
        ),
        migrations.RunPython(english_readers_keep_english_links, migrations.RunPython.noop),
    ]
