"""A small story written for these tests: three fictional outlets on one ferry accident.

The figures disagree on purpose (the dead: 12 or 15), one fact is told by all three, and
one outlet quotes two people. Nothing here is taken from a real article.
"""

from newsfold.pipeline.enrich.types import Doc

LEDGER = Doc(
    key="1",
    outlet="Harbour Ledger",
    url="https://ledger.example/ferry",
    title="Ferry capsizes off Port Ellis",
    text=(
        "A passenger ferry capsized off Port Ellis on Monday night, killing 12 people, "
        "the coastguard said.\n"
        "The Kessel Star was carrying 140 passengers from Northgate when it struck rocks in "
        "heavy fog near the harbour mouth.\n"
        "Rescue boats pulled 128 survivors from the water before dawn.\n"
        "\u201cThe fog came down in minutes and the captain lost sight of the light,\u201d "
        "coastguard chief Amara Diallo said on Tuesday.\n"
        "\u201cWe will find out why the radar did not warn them,\u201d she said.\n"
        "The operator, Quayline Ferries, suspended all crossings until Friday."
    ),
)
COURIER = Doc(
    key="2",
    outlet="Northgate Courier",
    url="https://courier.example/kessel-star",
    title="Fifteen dead as Kessel Star ferry sinks in fog",
    text=(
        "The Kessel Star, a passenger ferry, sank in thick fog off Port Ellis on Monday night, "
        "killing 15 people, the coastguard said.\n"
        "Most of the passengers had boarded in Northgate for the evening crossing.\n"
        "Quayline Ferries said on Tuesday that it had suspended all crossings until Friday.\n"
        "Families waited at the harbour gates through the night for news."
    ),
)
EASTWIND = Doc(
    key="3",
    outlet="Eastwind Herald",
    url="https://eastwind.example/ferry",
    title="Questions over radar after Port Ellis ferry disaster",
    text=(
        "Investigators will examine the radar of the Kessel Star, the ferry that sank off "
        "Port Ellis on Monday night.\n"
        "The vessel was built in 1994 and passed its last inspection in March.\n"
        "Quayline Ferries has suspended all crossings until Friday while the inquiry "
        "begins.\n"
        "Divers reached the wreck on Wednesday morning."
    ),
)
STORY = [LEDGER, COURIER, EASTWIND]


def sentence_of(doc: Doc, index: int) -> str:
    from newsfold.pipeline.enrich.sentences import split

    return split(doc.text)[index]
