"""OPML subscription lists in and out.

Reading goes through defusedxml: an OPML file is uploaded by a user and must not be able
to expand entities or make us read other files. Folders are nested outlines without an
`xmlUrl`; we flatten them to a path like "News/World" and rebuild the nesting on export.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # only to build documents; parsing goes through defusedxml

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from newsfold.pipeline.types import Outline
from newsfold.pipeline.xmlchars import xml_safe

__all__ = ["OPMLError", "parse_opml", "write_opml"]

# Attributes mapped to Outline fields; any other plain attribute goes to Outline.attrs.
_KNOWN = {"text", "title", "type", "xmlurl", "htmlurl"}


class OPMLError(ValueError):
    """The upload is not an OPML file we can read; the message is shown on the import."""


def parse_opml(content: bytes) -> list[Outline]:
    """Every feed of an OPML document, in document order, with its folder path."""
    if not content.strip():
        raise OPMLError("the file is empty")
    try:
        root = fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise OPMLError("refused: the file declares XML entities") from exc
    except ParseError as exc:
        raise OPMLError(f"not valid XML: {exc}") from exc
    except (ValueError, UnicodeError) as exc:
        raise OPMLError(f"not valid XML: {exc}") from exc
    name = _local(root.tag)
    if name != "opml":
        raise OPMLError(f"not an OPML file: the root element is <{name}>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OPMLError("not an OPML file: it has no <body>")
    outlines: list[Outline] = []
    _walk(body, [], outlines)
    return outlines


def _walk(element: ET.Element, path: list[str], out: list[Outline]) -> None:
    for child in element:
        if _local(child.tag) != "outline":
            continue
        attrs = {_local(key).lower(): value for key, value in child.attrib.items()}
        label = " ".join((attrs.get("title") or attrs.get("text") or "").split())
        xml_url = (attrs.get("xmlurl") or "").strip()
        if xml_url:
            out.append(
                Outline(
                    xml_url=xml_url,
                    title=label,
                    html_url=(attrs.get("htmlurl") or "").strip() or None,
                    folder="/".join(path),
                    attrs=_extra(child.attrib),
                )
            )
        _walk(child, [*path, label] if label else path, out)


def _extra(attrib: dict[str, str]) -> dict[str, str]:
    return {
        key: value
        for key, value in attrib.items()
        if "{" not in key and key.lower() not in _KNOWN and value.strip()
    }


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def write_opml(outlines: list[Outline], title: str = "newsfold subscriptions") -> bytes:
    """An OPML 2.0 document that `parse_opml` reads back to the same outlines."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _clean(title)
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}
    for outline in outlines:
        parent = _folder(folders, tuple(p for p in outline.folder.split("/") if p))
        attrib = {"type": "rss", "text": outline.title, "title": outline.title}
        attrib["xmlUrl"] = outline.xml_url
        if outline.html_url:
            attrib["htmlUrl"] = outline.html_url
        for key, value in outline.attrs.items():
            if key.lower() not in _KNOWN and re.fullmatch(r"[A-Za-z_][\w.-]*", key):
                attrib[key] = value
        ET.SubElement(parent, "outline", {k: _clean(v) for k, v in attrib.items()})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _folder(folders: dict[tuple[str, ...], ET.Element], path: tuple[str, ...]) -> ET.Element:
    if path not in folders:
        parent = _folder(folders, path[:-1])
        name = _clean(path[-1])
        folders[path] = ET.SubElement(parent, "outline", text=name, title=name)
    return folders[path]


def _clean(value: str) -> str:
    return xml_safe(value)
