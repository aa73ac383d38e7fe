"""Every setting newsfold reads from the environment is in the README's settings table: the
docs cannot drift from the code."""

import re

from django.conf import settings

from newsfold.envconf import READ
from tests.conftest import ROOT


def _documented() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Settings", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in re.findall(r"^\| (.+?) \|", table, flags=re.MULTILINE):
        found = re.findall(r"`([A-Z_]+)`", row)
        # "`NEWSFOLD_POLL_MIN`, `_DEFAULT`, `_MAX`": a suffix shares the first name's stem.
        stem = found[0].rsplit("_", 1)[0] if found else ""
        names |= {stem + n if n.startswith("_") else n for n in found}
    return names


def test_every_setting_read_from_the_environment_is_in_the_readme():
    assert settings.configured  # the settings module ran, so READ holds every name it read
    undocumented = set(READ) - _documented()
    assert len(READ) > 20
    assert not undocumented, f"undocumented in README.md: {sorted(undocumented)}"
