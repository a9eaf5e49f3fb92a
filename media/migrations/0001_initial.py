# The media desk's first migration: its models arrive in those that follow, so the
# journalists' and the webhooks' tables can be built side by side.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = []
