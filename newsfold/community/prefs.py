"""A reader's preferences: read, checked and saved in one place."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from newsfold.community.models import Profile
from newsfold.news.reader import MAX_MUTED, Reader

MAX_WORD = 60  # characters of one muted word or phrase


def profile_of(user: AbstractBaseUser) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def reader_for(user: AbstractBaseUser) -> Reader:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return Reader(user_id=user.pk, name=user.get_username())
    return Reader(
        user_id=user.pk,
        name=user.get_username(),
        edition=profile.edition,
        muted_words=tuple(profile.muted_words),
        muted_outlets=frozenset(profile.muted_outlets),
    )


def muted_words_from(text: str) -> list[str]:
    """One word or phrase a line (commas also separate), spacing tidied, duplicates and
    empty lines dropped, in the order given."""
    found: dict[str, None] = {}
    for line in text.replace(",", "\n").splitlines():
        phrase = " ".join(line.split())[:MAX_WORD]
        if phrase:
            found.setdefault(phrase.lower(), None)
    return list(found)[:MAX_MUTED]
