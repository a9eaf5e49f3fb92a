"""SearchDocument moves from the releases app to search: the table stays where it is.

Only Django's record of the model changes app (releases.0008 forgets it there);
the table, the FTS5 table and the PostgreSQL indexes keep their names. The
documents are then rewritten, as releases.0006 used to do, with the terms
today's tokenizer makes.
"""

import django.db.models.deletion
from django.db import migrations, models


def reindex(apps, schema_editor):
    """Rewrite every document from its release's text and topics' names, as the index does."""
    from search.index import INDEX_CHUNK, document_fields

    Release = apps.get_model("releases", "Release")
    ReleaseTranslation = apps.get_model("releases", "ReleaseTranslation")
    TopicTranslation = apps.get_model("releases", "TopicTranslation")
    SearchDocument = apps.get_model("search", "SearchDocument")
    ids = list(Release.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        translations = {pk: [] for pk in chunk}
        for translation in ReleaseTranslation.objects.filter(master_id__in=chunk):
            translations[translation.master_id].append(translation)
        names = {pk: [] for pk in chunk}
        topics = TopicTranslation.objects.filter(master__release__in=chunk)
        for release_id, name in topics.values_list("master__release", "name"):
            names[release_id].append(name)
        SearchDocument.objects.filter(release_id__in=chunk).delete()
        SearchDocument.objects.bulk_create(
            SearchDocument(release_id=pk, **document_fields(rows, names[pk]))
            for pk, rows in translations.items()
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("releases", "0007_translation_review_state"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        (
                            "release",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="search_document",
                                serialize=False,
                                to="releases.release",
                            ),
                        ),
                        ("title_terms", models.TextField()),
                        ("terms", models.TextField()),
                        ("topic_terms", models.TextField(blank=True, default="")),
                        ("passages", models.JSONField(default=dict)),
                    ],
                    options={
                        "verbose_name": "search document",
                        "db_table": "releases_searchdocument",
                    },
                ),
            ]
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
