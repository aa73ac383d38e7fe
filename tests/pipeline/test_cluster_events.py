"""Story grouping on small fictional streams: what a reader of the story pages would notice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsfold.pipeline.cluster import Features, StoryDoc, StoryIndex, features

T0 = datetime(2031, 5, 4, 8, 0, tzinfo=UTC)

KORVATH = [
    (
        "Magnitude 6.8 earthquake strikes Korvath province",
        "A magnitude 6.8 earthquake struck Korvath province early on Sunday, collapsing homes "
        "in the mountain town of Ostrel. Rescue teams from Velden searched the rubble. Governor "
        "Maret Sollis said the Ostrel hospital was treating dozens of injured miners.",
    ),
    (
        "Korvath earthquake: rescuers search Ostrel rubble for survivors",
        "Rescuers in Ostrel dug through collapsed homes after the Korvath earthquake. The "
        "governor of Korvath, Maret Sollis, said 40 people were confirmed dead and hundreds "
        "injured. Miners from the Ostrel pits joined the search with their own equipment.",
    ),
    (
        "Death toll from Korvath quake rises to 52",
        "The death toll from the earthquake in Korvath province rose to 52 as rescue teams "
        "reached villages near Ostrel cut off by landslides. Governor Maret Sollis asked Velden "
        "for helicopters to reach the mining villages above the town.",
    ),
    (
        "Aftershocks rattle Ostrel as Korvath mourns earthquake victims",
        "Strong aftershocks shook Ostrel on Monday while families in Korvath buried victims "
        "of the earthquake. Velden sent tents and water to the province, and the Ostrel miners' "
        "union opened its hall to families whose homes had collapsed.",
    ),
]

LINDMOOR = [
    (
        "Magnitude 7.1 earthquake hits Lindmoor coast, tsunami warning issued",
        "A magnitude 7.1 earthquake hit the Lindmoor coast near the port of Saltharrow, and "
        "authorities issued a tsunami warning. Rescue teams were sent to the harbour. Mayor "
        "Edda Quillon ordered ferries to stay in port and opened schools as shelters.",
    ),
    (
        "Saltharrow harbour damaged after Lindmoor earthquake",
        "The Lindmoor earthquake damaged the harbour of Saltharrow; fishing boats were thrown "
        "onto the quay. The tsunami warning was lifted after two hours. Mayor Edda Quillon said "
        "the ferry terminal would stay closed while engineers inspected the piers.",
    ),
    (
        "Lindmoor quake: Saltharrow residents sleep outdoors fearing aftershocks",
        "Residents of Saltharrow slept in parks after the Lindmoor earthquake, fearing "
        "aftershocks. Rescue teams checked damaged buildings along the coast, and Mayor Edda "
        "Quillon promised ferries would run again once the piers were declared safe.",
    ),
]


def _docs(stories: list[list[tuple[str, str]]], step_minutes: int = 20) -> list[StoryDoc]:
    """Interleave the stories' articles, as several outlets publish at once."""
    out = []
    rows = [(i, n, a) for i, story in enumerate(stories) for n, a in enumerate(story)]
    rows.sort(key=lambda r: (r[1], r[0]))
    for k, (i, n, (title, text)) in enumerate(rows):
        out.append(
            StoryDoc(
                id=f"s{i}-{n}",
                title=title,
                text=text,
                published_at=T0 + timedelta(minutes=step_minutes * k),
            )
        )
    return out


def _group(docs: list[StoryDoc], index: StoryIndex | None = None) -> dict[str, str]:
    """The caller's loop, exactly as `newsfold group` runs it."""
    index = StoryIndex() if index is None else index
    story_of: dict[str, str] = {}
    for doc in docs:
        feats = features(doc)
        decision = index.assign(feats)
        key = decision.story or f"story-{len(story_of)}"
        for other in decision.merge:
            index.merge(other, key)
            story_of = {a: (key if s == other else s) for a, s in story_of.items()}
        index.add(key, feats)
        story_of[doc.id] = key
    return story_of


def test_articles_about_one_event_join_one_story():
    story_of = _group(_docs([KORVATH]))
    assert len(set(story_of.values())) == 1


def test_two_earthquakes_in_different_places_stay_apart():
    story_of = _group(_docs([KORVATH, LINDMOOR]))
    korvath = {story_of[f"s0-{n}"] for n in range(len(KORVATH))}
    lindmoor = {story_of[f"s1-{n}"] for n in range(len(LINDMOOR))}
    assert len(korvath) == 1
    assert len(lindmoor) == 1
    assert korvath != lindmoor


def test_a_story_older_than_the_window_is_not_joined():
    index = StoryIndex()
    first, second = _docs([KORVATH])[:2]
    opened = features(first)
    index.add("korvath", opened)
    late = features(second)
    assert index.assign(late).story == "korvath"

    late.timestamp = opened.timestamp + 4 * 24 * 3600
    assert index.assign(late).story is None


def test_stories_expire_once_the_window_has_passed():
    index = StoryIndex()
    old, *_ = _docs([KORVATH])
    index.add("korvath", features(old))
    fresh = features(_docs([LINDMOOR])[0])
    fresh.timestamp = features(old).timestamp + 5 * 24 * 3600
    index.add("lindmoor", fresh)
    assert len(index) == 1


def test_without_dates_long_idle_stories_expire():
    index = StoryIndex()
    index.add("first", Features(id="a", terms={"korvath": 1.0}))
    for n in range(index.config.idle_arrivals + 1):
        index.add(f"other-{n % 3}", Features(id=f"x{n}", terms={f"word{n % 50}": 1.0}))
    assert index.assign(Features(id="b", terms={"korvath": 1.0})).story is None


def test_same_input_gives_the_same_stories():
    docs = _docs([KORVATH, LINDMOOR])
    assert _group(docs) == _group(docs)


def test_headlines_alone_are_grouped():
    docs = [
        StoryDoc(id=f"h{n}", title=title)
        for n, title in enumerate(
            [
                "Brannick Motors recalls 80,000 Vesta sedans over brake fault",
                "Orlan Airways pilots vote to strike over pay",
                "Brannick recall: Vesta owners told to stop driving",
                "Orlan Airways strike to ground flights next week",
                "Brannick Vesta brake recall widens to Europe",
            ]
        )
    ]
    story_of = _group(docs)
    assert story_of["h0"] == story_of["h2"] == story_of["h4"]
    assert story_of["h1"] == story_of["h3"]
    assert story_of["h0"] != story_of["h1"]


def test_features_survive_a_round_trip_through_plain_data():
    import json

    feats = features(_docs([KORVATH])[0])
    restored = Features.from_dict(json.loads(json.dumps(feats.to_dict())))
    assert restored == feats


def test_an_index_rebuilt_from_stored_features_decides_the_same():
    docs = _docs([KORVATH, LINDMOOR])
    live = StoryIndex()
    story_of = _group(docs, live)
    rebuilt = StoryIndex()
    for doc in docs:
        rebuilt.add(story_of[doc.id], Features.from_dict(features(doc).to_dict()))
    probe = features(StoryDoc(id="p", title="Saltharrow clears quay after Lindmoor earthquake"))
    assert rebuilt.assign(probe) == live.assign(probe)


def test_a_story_gone_quiet_pulls_less_but_a_strong_follow_up_still_joins():
    def decision(hours: float):
        index = StoryIndex()
        for n, (title, text) in enumerate(KORVATH[:2]):
            index.add("korvath", features(StoryDoc(f"k{n}", title, text, T0)))
        title, text = KORVATH[2]
        when = T0 + timedelta(hours=hours)
        return index.assign(features(StoryDoc("k2", title, text, when)))

    soon, days_later = decision(1), decision(48)
    assert soon.story == days_later.story == "korvath"
    assert days_later.score < soon.score
