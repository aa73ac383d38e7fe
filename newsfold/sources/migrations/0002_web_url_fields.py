"""URL columns become WebURLField: the same varchar column, with the URL rule applied in
Python (state only); outlet homepages stored before the rule are cleaned by it."""

import newsfold.fields
from django.db import migrations


def clean_homepages(apps, schema_editor):
    # A javascript: homepage from an OPML file, say: saving the row through the new field
    # keeps only an http(s) URL without credentials.
    Source = apps.get_model("sources", "Source")
    for source in Source.objects.exclude(homepage="").only("id", "homepage"):
        source.save(update_fields=["homepage"])


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="feed",
                    name="url",
                    field=newsfold.fields.WebURLField(max_length=2000, unique=True),
                ),
                migrations.AlterField(
                    model_name="source",
                    name="homepage",
                    field=newsfold.fields.WebURLField(blank=True, max_length=2000),
                ),
            ]
        ),
        migrations.RunPython(clean_homepages, migrations.RunPython.noop),
    ]
