"""URL columns become WebURLField: the same varchar column, with the URL rule applied in
Python. State only: altering the field in the database would make SQLite rebuild
news_article and drop the search triggers of 0003_search."""

import newsfold.fields
from django.db import migrations


def _url_field(model_name, name):
    return migrations.AlterField(
        model_name=model_name,
        name=name,
        field=newsfold.fields.WebURLField(blank=True, max_length=2000),
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0004_term_postings")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                _url_field("article", "image_url"),
                _url_field("article", "url"),
                _url_field("articlecopy", "url"),
            ]
        )
    ]
