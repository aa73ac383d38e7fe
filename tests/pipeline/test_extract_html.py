"""The structured body we render: our tags only, absolute URLs, nothing executable."""

from html.parser import HTMLParser
from pathlib import Path

from newsfold.pipeline.extract import extract

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _extract(name: str, url: str):
    return extract((PAGES / f"{name}.html").read_bytes(), url)


def test_news_body_keeps_subheads_lists_quotes_and_links():
    result = _extract("harbour_ferry", "https://ledger.example/news/2024/05/14/night-ferry-returns")
    names = [tag for tag, _ in _tags(result.html)]
    assert names.count("h2") == 1
    assert names.count("li") == 3 and "ul" in names
    assert "blockquote" in names
    links = [attrs for tag, attrs in _tags(result.html) if tag == "a"]
    assert links == [
        {
            "href": "https://ledger.example/news/2023/11/02/electric-ferry-ordered",
            "rel": "nofollow noopener noreferrer",
        }
    ]
    assert "What changes for passengers" in result.html


def test_blog_body_has_absolute_images_and_no_scripts():
    result = _extract("orchard_festival", "https://valleynotes.example/2023/09/30/apple-harvest/")
    tags = _tags(result.html)
    images = [attrs for tag, attrs in tags if tag == "img"]
    assert images and images[0]["src"] == (
        "https://valleynotes.example/2023/09/30/apple-harvest/images/crates.jpg"
    )
    assert images[0]["alt"] == "Half-empty apple crates in an orchard"
    assert [tag for tag, _ in tags if tag == "ol"] == ["ol"]
    assert "<strong>old varieties</strong>" in result.html
    for tag, attrs in tags:
        assert tag != "script"
        assert not any(name.startswith("on") for name in attrs)
        assert "javascript:" not in " ".join(str(v) for v in attrs.values())
    assert "trackScroll" not in result.html
    # the link whose target was a script keeps its words
    assert "Her family" in result.html


def test_body_html_only_uses_our_vocabulary():
    allowed = {
        "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img", "figure",
        "figcaption", "strong", "em", "br", "code", "pre", "table", "tr", "td", "th",
    }  # fmt: skip
    for name, url in [
        ("harbour_ferry", "https://ledger.example/a"),
        ("orchard_festival", "https://valleynotes.example/b"),
    ]:
        used = {tag for tag, _ in _tags(_extract(name, url).html)}
        assert used <= allowed, used - allowed
