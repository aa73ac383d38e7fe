"""Small RSS documents of our own writing for ingestion tests."""

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

PARAGRAPHS = [
    "The ferry company serving the northern islands cancelled every crossing on {day} after "
    "gales of up to ninety kilometres an hour swept across the strait.",
    "Passengers waiting at the terminal in {town} were offered hotel rooms, and the company "
    "said it would add two extra sailings once the wind dropped below the safety limit.",
    "Harbour officials in {town} said the breakwater had held, although several small boats "
    "broke their moorings and were found drifting near the lighthouse before dawn.",
    "Forecasters expect calmer weather by the end of the week, when the regional council plans "
    "to review the timetable with the islanders' association.",
]
TOWNS = ["Port Ellis", "Marrow Bay", "Kestrel Point", "Lindqvist", "Sandhaven", "Orford Reach"]


VOCABULARY = (
    "council budget museum orchard railway tunnel festival library vineyard glacier harvest "
    "observatory bakery shipyard cathedral marathon reservoir lighthouse archive quarry bridge "
    "school clinic theatre market canal stadium airport factory garden forest river valley "
    "mayor engineer farmer teacher nurse captain painter chemist baker fisherman architect "
    "opened repaired delayed approved rejected flooded restored expanded closed inspected "
    "copper timber granite wool cider salt honey amber cobalt linen barley walnut saffron"
).split()


def article_text(n: int) -> str:
    """Four paragraphs: two on a shared theme, two of words drawn for `n` alone, so that
    different reports are different texts and not republications of one another."""
    town = TOWNS[n % len(TOWNS)]
    day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][n % 5]
    rng = random.Random(n)
    own = [" ".join(rng.choice(VOCABULARY) for _ in range(45)).capitalize() + "." for _ in "ab"]
    theme = [p.format(town=town, day=day) + f" (report {n})" for p in PARAGRAPHS[:2]]
    return "\n\n".join([theme[0], own[0], theme[1], own[1]])


def rss(
    items: list[int],
    *,
    title: str = "Harbour Ledger",
    home: str = "https://ledger.example/",
    extra: str = "",
) -> bytes:
    base = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)
    entries = []
    for n in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in article_text(n).split("\n\n"))
        entries.append(
            f"<item><title>Storm report {n}</title><link>{home}news/{n}</link>"
            f"<guid>{home}news/{n}</guid>"
            f"<pubDate>{format_datetime(base + timedelta(hours=n))}</pubDate>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>{home}</link>{extra}"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()
