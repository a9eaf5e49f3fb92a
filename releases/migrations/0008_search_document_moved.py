"""SearchDocument now belongs to the search app (search.0001): forget it here, keep its table."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0007_translation_review_state"),
        ("search", "0001_search_document_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchDocument")]
        ),
    ]
