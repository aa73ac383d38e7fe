"""Feeds remember whether their outlet is settled. Feeds that exist already keep the outlet
they have (True for them); a feed added from now on without a name is filed by its title."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_feed_notice")]

    operations = [
        migrations.AddField(
            model_name="feed",
            name="outlet_settled",
            field=models.BooleanField(default=True),
        ),
        migrations.AlterField(
            model_name="feed",
            name="outlet_settled",
            field=models.BooleanField(default=False),
        ),
    ]
