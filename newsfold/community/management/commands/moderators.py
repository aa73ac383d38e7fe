"""`newsfold moderators add|remove|list [USER …]`: who may hide and restore comments."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

GROUP = "moderators"


def moderators_group() -> Group:
    group, _ = Group.objects.get_or_create(name=GROUP)
    permission = Permission.objects.get(
        codename="moderate_comment", content_type__app_label="community"
    )
    group.permissions.add(permission)
    return group


class Command(BaseCommand):
    help = "Add, remove or list the readers who moderate comments."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "remove", "list"])
        parser.add_argument("users", nargs="*", metavar="USER", help="user names")

    def handle(self, *args, action: str, users: list[str], **options):
        group = moderators_group()
        if action == "list":
            for name in group.user_set.order_by("username").values_list("username", flat=True):
                self.stdout.write(name)
            return
        if not users:
            raise CommandError(f"name at least one user to {action}")
        model = get_user_model()
        found = {u.get_username(): u for u in model.objects.filter(username__in=users)}
        missing = [u for u in users if u not in found]
        if missing:
            raise CommandError(f"no such user: {', '.join(missing)}")
        for name in users:
            if action == "add":
                found[name].groups.add(group)
            else:
                found[name].groups.remove(group)
        verb = "now moderate" if action == "add" else "no longer moderate"
        self.stdout.write(f"{', '.join(users)} {verb} comments")
