"""Documents of our own writing that carry the hostile shapes a review found breaking
ingestion: a control character inside an image's address (lxml refuses it in a tree), and
`<![` in an entry's author or HTML title (html.parser gives up on it)."""

from xml.sax.saxutils import escape

from tests.ingest.feedbuilder import article_text

CONTROL_IMAGE = '<img src=" \x0e  javascript:alert(\'XSS\');" alt="x" />'
CONTROL_IMAGE_ENTITY = "<IMG SRC=\" &#14;  javascript:alert('XSS');\">"
BROKEN_MARKUP = '<![><img src="]><img src=x onerror=alert(39)//">'


def page(n: int, *, hostile: bool = False, title: str = "") -> bytes:
    """An article page; a hostile one has the control-character images in its body."""
    paragraphs = [f"<p>{escape(p)}</p>" for p in article_text(n).split("\n\n")]
    if hostile:
        paragraphs.insert(1, f"<p>{CONTROL_IMAGE} {CONTROL_IMAGE_ENTITY}</p>")
        paragraphs.insert(3, f"<figure>{CONTROL_IMAGE}<figcaption>Quay</figcaption></figure>")
    title = title or f"Harbour report {n}"
    return (
        "<!doctype html><html><head>"
        f"<title>{escape(title)}</title>"
        f'<link rel="canonical" href="https://ledger.example/pages/{n}">'
        '<meta property="og:site_name" content="Harbour Ledger">'
        "</head><body><article>"
        f"<h1>{escape(title)}</h1>" + "".join(paragraphs) + "</article></body></html>"
    ).encode()


def atom(numbers: list[int], *, hostile: int | None = None, home: str = "") -> bytes:
    """An Atom feed; entry `hostile` has `<![` in its author and in its HTML title."""
    home = home or "https://ledger.example/"
    entries = []
    for n in numbers:
        title = f"Storm report {n}"
        kind = "text"
        author = "Desk"
        if n == hostile:
            title, kind, author = f"{BROKEN_MARKUP} Storm report {n}", "html", BROKEN_MARKUP
        body = "".join(f"<p>{escape(p)}</p>" for p in article_text(n).split("\n\n"))
        entries.append(
            f'<entry><title type="{kind}">{escape(title)}</title>'
            f'<link href="{home}news/{n}"/><id>{home}news/{n}</id>'
            f"<updated>2026-11-18T{n % 24:02d}:00:00Z</updated>"
            f"<author><name>{escape(author)}</name></author>"
            f'<content type="html">{escape(body)}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Ledger</title>'
        f'<link href="{home}"/><id>{home}</id><updated>2026-11-18T00:00:00Z</updated>'
        + "".join(entries)
        + "</feed>"
    ).encode()
