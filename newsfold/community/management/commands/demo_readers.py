"""`newsfold demo-readers`: a reader and a moderator to try the site with (`make demo`).

Their passwords are printed and fixed: for a demo on one's own machine only. The command
refuses to run when the site says it is served over HTTPS (NEWSFOLD_SECURE_COOKIES), the
sign of a production setup.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsfold.community.management.commands.moderators import moderators_group
from newsfold.community.prefs import profile_of

READERS = [
    ("demo-reader", "demo-reader@example.invalid", "harbour-lights-demo", False),
    ("demo-moderator", "demo-moderator@example.invalid", "quarry-road-demo", True),
]


class Command(BaseCommand):
    help = "Create a demo reader and a demo moderator with known passwords (demo only)."

    def handle(self, *args, **options):
        if settings.SESSION_COOKIE_SECURE:
            raise CommandError("demo accounts have known passwords: not on a production site")
        model = get_user_model()
        group = moderators_group()
        self.stdout.write("Demo accounts (DEMO ONLY: known passwords, never on a real site):")
        for name, email, password, moderator in READERS:
            user = model.objects.filter(username=name).first()
            if user is None:
                user = model.objects.create_user(name, email, password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            profile_of(user)
            if moderator:
                user.groups.add(group)
            role = "moderator" if moderator else "reader"
            self.stdout.write(f"  {role:<9} user {name:<15} password {password}")
