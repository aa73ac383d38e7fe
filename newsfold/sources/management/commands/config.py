import json

from django.conf import settings
from django.core.management.base import BaseCommand

from newsfold.envconf import READ, SECRETS


def _mask(name: str, value) -> object:
    if name not in SECRETS:
        return value
    text = str(value)
    if "://" in text and "@" in text:  # a URL with a password
        scheme, rest = text.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    if name == "DATABASE_URL":
        return text
    return "***" if text else ""


class Command(BaseCommand):
    help = "Print the effective settings (environment value or default), secrets masked."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        values = {name: _mask(name, value) for name, value in sorted(READ.items())}
        values["DATABASE_ENGINE"] = settings.DATABASES["default"]["ENGINE"]
        if options["json"]:
            self.stdout.write(json.dumps(values, indent=2, default=str))
            return
        for name, value in values.items():
            self.stdout.write(f"{name}={value}")
