"""The synthetic news of the site benchmark (`bench/_sitedata.py` puts it in a database):
stories of articles written from a fixed, Zipf-weighted vocabulary, so that a query word can
be common or rare as in real news, and the same seed always gives the same articles.

`make_chunk` runs in worker processes, so everything it reads is defined at import time.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

SEED = 20261120
END = datetime(2026, 11, 20, 12, tzinfo=UTC)
DAYS = 60
SOURCES = 40
TAGS = 2000


# ---------------------------------------------------------------------------------------
# The vocabulary: real English at the frequent end, made-up words in the tail, Zipf-weighted.

FUNCTION_WORDS = """the of and to in a that for is on was with said as at by he it from his
have be has are an its not but were had they who been this which after will their also
more than would about up over out when into there all could last some other first two
people can we new one year time her she what so if no just only them our while before
against because during where since under between them those then both these any such"""
NEWS_WORDS = """government minister police city country president state court market company
election official officials week report percent million security health water school
children women families workers people economy budget prices energy power oil gas climate
weather storm flood fire border army troops attack talks deal plan law vote party
leader leaders parliament council mayor village region province capital coast island
river bridge road railway airport port hospital doctors patients vaccine virus study
research scientists university students teachers prison judge trial case investigation
protest strike union farmers crops food trade exports imports bank rates inflation jobs
tax spending debt shares investors profits sales factory plant mine project contract
team match season coach players club league cup final goal win victory defeat record
film music festival museum book artist award show series gallery theatre church
minister's statement spokesman agency ministry committee commission authorities
residents victims survivors rescue aid refugees migrants camp ceasefire peace sanctions
summit treaty embassy diplomats allies rebels militants forces navy missile drone
satellite rocket launch space internet data software phones network technology startup
app users privacy court ruling appeal sentence charges arrest suspects evidence"""
_SYLLABLES = [
    onset + vowel + coda
    for onset in "b d f g k l m n p r s t v z br tr st sh ch gr".split()
    for vowel in ["a", "e", "i", "o", "u", "ai", "ou"]
    for coda in ["", "", "n", "r", "l", "s", "t"]
]


def _vocabulary() -> tuple[list[str], list[float], list[str]]:
    rng = random.Random(SEED)
    real = list(dict.fromkeys(FUNCTION_WORDS.split() + NEWS_WORDS.split()))
    seen = set(real)

    def made_up(k: int) -> str:
        while True:
            word = "".join(rng.choices(_SYLLABLES, k=k))
            if word not in seen and 4 <= len(word) <= 14:
                seen.add(word)
                return word

    words = real + [made_up(rng.choice([2, 2, 3])) for _ in range(30000 - len(real))]
    cum, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 2.7) ** 1.05
        cum.append(total)
    names = [made_up(rng.choice([2, 3])).capitalize() for _ in range(4000)]
    return words, cum, names


VOCAB, CUM, NAMES = _vocabulary()
TAG_NAMES = NAMES[:TAGS]  # hashtags are names the texts also mention


def _draw(rng: random.Random, k: int) -> list[str]:
    return rng.choices(VOCAB, cum_weights=CUM, k=k)


# ---------------------------------------------------------------------------------------
# Rows, made in worker processes: a chunk is a run of whole stories.


def story_sizes(n: int) -> list[int]:
    """1 + geometric (mean 3), capped at 30, until they sum to n."""
    rng, sizes, left = random.Random(SEED + 1), [], n
    while left > 0:
        size = 1
        while rng.random() < 2 / 3 and size < 30:
            size += 1
        size = min(size, left)
        sizes.append(size)
        left -= size
    return sizes


def chunks(sizes: list[int], batch: int):
    """(first story number, first article number, sizes) of runs of ~batch articles."""
    story, article = 0, 0
    while story < len(sizes):
        end, count = story, 0
        while end < len(sizes) and count < batch:
            count += sizes[end]
            end += 1
        yield story, article, sizes[story:end]
        story, article = end, article + count


def _article(rng: random.Random, topic: list[str], names: list[str]) -> tuple[str, str]:
    """A title of 8-12 words and 150-300 words of text in sentences and paragraphs; the
    story's topic words and names are sprinkled through both."""
    head = [*rng.sample(topic, 3), rng.choice(names), *_draw(rng, rng.randint(4, 8))]
    rng.shuffle(head)
    title = head[0].capitalize() + " " + " ".join(head[1:])
    words = _draw(rng, rng.randint(150, 300))
    paragraphs, sentences, start = [], [], 0
    while start < len(words):
        sentence = words[start : start + rng.randint(8, 20)]
        for _ in range(rng.randint(0, 3)):
            sentence[rng.randrange(len(sentence))] = rng.choice(topic)
        if rng.random() < 0.3:
            sentence[rng.randrange(len(sentence))] = rng.choice(names)
        start += len(sentence)
        sentences.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
        if len(sentences) >= rng.randint(3, 6) or start >= len(words):
            paragraphs.append(" ".join(sentences))
            sentences = []
    return title, "\n\n".join(paragraphs)


# The rows' fields, named as the models name them; an article's row comes with its hashtags,
# terms and republishing outlet (0: none).
STORY_FIELDS = (
    "id headline first_seen last_updated article_count outlet_count outlets lead_id".split()
)
ARTICLE_FIELDS = "id story_id source_id title text published_at category".split()


def make_chunk(job: tuple[int, int, list[int]]) -> tuple[list[tuple], list[tuple]]:
    """Story rows and article rows (with copies, hashtags, terms) of one run of stories."""
    from newsfold.pipeline.sections import CATEGORIES
    from newsfold.pipeline.textvec import term_weights

    categories = list(CATEGORIES)
    first_story, first_article, sizes = job
    stories, articles = [], []
    article_id = first_article + 1
    for offset, size in enumerate(sizes):
        story_id = first_story + offset + 1
        rng = random.Random(SEED * 1_000_003 + story_id)
        life = rng.uniform(2, 72) * 3600
        first_seen = END.timestamp() - life - rng.uniform(0, DAYS * 86400 - life)
        topic = [VOCAB[rng.randrange(150, 8000)] for _ in range(6)]
        names = [rng.randrange(len(NAMES)) for _ in range(2)]
        tags = {n for n in names if n < TAGS}
        while len(tags) < 4:
            tags.add(min(int(rng.paretovariate(0.8)) - 1, TAGS - 1))
        tags = sorted(tags)
        category = rng.choice(categories)
        times = sorted([0.0] + [rng.uniform(0, life) for _ in range(size - 1)])
        outlets = set()
        for k in range(size):
            title, text = _article(rng, topic, [NAMES[n] for n in names])
            weights = term_weights(title, text)
            # As related.remember_terms keeps them: the 12 strongest.
            terms = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
            source = rng.randrange(1, SOURCES + 1)
            republished = rng.randrange(1, SOURCES + 1) if rng.random() < 0.1 else 0
            if republished == source:
                republished = 0
            outlets.update(s for s in (source, republished) if s)
            linked = rng.sample(tags, rng.randint(2, min(4, len(tags))))
            at = when(first_seen + times[k])
            row = (article_id, story_id, source, title, text, at, category)
            articles.append((row, linked, terms, republished))
            if k == 0:
                lead, headline = article_id, title
            article_id += 1
        row = (story_id, headline, when(first_seen), when(first_seen + times[-1]), size)
        stories.append((*row, len(outlets), sorted(outlets), lead))
    return stories, articles


def when(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)
