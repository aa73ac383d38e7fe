"""What a reader asks of an article or a story beyond its text: summaries, key points,
names, quotes, conflicting figures, answers. Plain data in and out, no network (but the
optional `llm` module), so a laptop without one computes all of it.

Every claim is a sentence some article wrote (`types.Cited`): the page links it to its
article and outlet, and nothing is said that no outlet said.
"""
