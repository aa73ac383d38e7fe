"""Politeness every process shares: a publisher host's connection slots and its robots.txt,
kept in the database, so eight workers on two machines open no more connections to one host
than one worker would, and read its robots.txt once an hour between them.

A slot is taken by a conditional UPDATE (free, or its holder's time ran out) and given back
when the request ends; a worker killed mid-request frees it when its time runs out. Never
from inside a transaction: the UPDATE would hold SQLite's write lock for the whole request,
so there the process's own slots stand in.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from newsfold.pipeline.errors import HostBusy
from newsfold.pipeline.fetch import local_host_slot
from newsfold.sources.models import HostSlot, RobotsFile

# How long a slot is held at most: a fetch's whole budget and a margin.
HOLD_MARGIN = 30.0


class DatabaseShared:
    """`pipeline.types.Shared`, in the database every process uses."""

    def __init__(self, budget: float) -> None:
        self.budget = budget  # a fetch's longest run, in seconds
        self.hold = timedelta(seconds=budget + HOLD_MARGIN)
        self._rows: set[tuple[str, int]] = set()

    @contextmanager
    def host_slot(self, host: str, limit: int, wait: float) -> Iterator[None]:
        if connection.in_atomic_block:
            with local_host_slot(host, limit):
                yield
            return
        self._ensure(host, limit)
        token = uuid.uuid4().hex
        slot = self._take(host, limit, token, time.monotonic() + wait)
        try:
            yield
        finally:
            HostSlot.objects.filter(host=host, slot=slot, holder=token).update(
                holder="", expires_at=None
            )

    def _ensure(self, host: str, limit: int) -> None:
        if (host, limit) not in self._rows:
            HostSlot.objects.bulk_create(
                [HostSlot(host=host, slot=n) for n in range(limit)], ignore_conflicts=True
            )
            self._rows.add((host, limit))

    def _take(self, host: str, limit: int, token: str, deadline: float) -> int:
        pause = 0.02
        while True:
            now = timezone.now()
            free = Q(holder="") | Q(expires_at__lt=now)
            for slot in random.sample(range(limit), limit):
                taken = HostSlot.objects.filter(free, host=host, slot=slot).update(
                    holder=token, expires_at=now + self.hold
                )
                if taken:
                    return slot
            if time.monotonic() >= deadline:
                raise HostBusy(
                    f"{host} had no free connection slot (of {limit}) before the time-out;"
                    " other fetches held them"
                )
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 0.5)

    def robots_get(self, robots_url: str) -> tuple[bool, str | None]:
        found = RobotsFile.objects.filter(url=robots_url[:300], expires_at__gt=timezone.now())
        texts = list(found.values_list("text", flat=True)[:1])
        return (True, texts[0]) if texts else (False, None)

    def robots_set(self, robots_url: str, text: str | None, seconds: int) -> None:
        RobotsFile.objects.update_or_create(
            url=robots_url[:300],
            defaults={"text": text, "expires_at": timezone.now() + timedelta(seconds=seconds)},
        )
