"""A synthetic news stream for the scale benchmarks: events that flare up and fade, written
in a fake vocabulary, dates moving forward. Not run by itself (`bench/run.py` skips `_`)."""

import math
import random
from datetime import UTC, datetime, timedelta

from newsfold.pipeline.cluster import StoryDoc


class SyntheticStream:
    """Events that flare up and fade, written in a fake vocabulary, dates moving forward."""

    def __init__(self, seed: int = 7, per_day: int = 20000) -> None:
        self.rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "ren", "tus", "vo", "shi", "dar", "ne", "pel", "gor", "ix"]
        self.common = ["".join(self.rng.choices(syllables, k=3)) for _ in range(3000)]
        self.syllables = syllables
        self.step = timedelta(days=1) / per_day
        self.clock = datetime(2030, 1, 1, tzinfo=UTC)
        self.events: list[dict] = []
        self.serial = 0

    def _word(self, k: int = 3) -> str:
        return "".join(self.rng.choices(self.syllables, k=k)) + str(self.rng.randrange(1000))

    def _new_event(self) -> dict:
        self.serial += 1
        return {
            "words": [self._word() for _ in range(12)],
            "names": [self._word(2).capitalize() for _ in range(3)],
            "born": self.clock,
            "life": timedelta(hours=self.rng.uniform(2, 72)),
        }

    def __iter__(self):
        n = 0
        weights = None
        while True:
            self.clock += self.step
            if not self.events or self.rng.random() < 0.03:
                self.events.append(self._new_event())
                weights = None
            if n % 200 == 0 or weights is None:
                self.events = [e for e in self.events if self.clock - e["born"] < e["life"]]
                self.events = self.events or [self._new_event()]
                # Young events are written about most.
                weights = [math.exp(-(self.clock - e["born"]) / e["life"] * 3) for e in self.events]
            event = self.rng.choices(self.events, weights=weights)[0]
            pick = self.rng.sample
            title = pick(event["words"], 4) + pick(event["names"], 1) + pick(self.common, 3)
            body = pick(event["words"], 8) + pick(event["names"], 2) + pick(self.common, 30)
            self.rng.shuffle(body)
            n += 1
            yield StoryDoc(
                id=f"syn{n}",
                title=" ".join(title).capitalize(),
                text="The " + " ".join(body) + ".",
                published_at=self.clock,
            )
