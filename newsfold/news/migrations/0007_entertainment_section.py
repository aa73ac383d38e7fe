from django.db import migrations


def forwards(apps, schema_editor):
    apps.get_model("news", "Article").objects.filter(category="culture").update(
        category="entertainment"
    )


def backwards(apps, schema_editor):
    apps.get_model("news", "Article").objects.filter(category="entertainment").update(
        category="culture"
    )


class Migration(migrations.Migration):
    """The "Culture" section is "Entertainment" now, as news sites and readers call it."""

    dependencies = [("news", "0006_insights")]
    operations = [migrations.RunPython(forwards, backwards)]
