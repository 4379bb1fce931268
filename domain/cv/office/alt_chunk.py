"""``w:altChunk``: a whole document imported into a Word file as HTML, MHTML or plain text.

Formats: ECMA-376 5th edition Part 1 §17.17.2.1 (``w:altChunk``) and Part 2 §10.1.2 (a part's
media type from ``[Content_Types].xml``); MHTML per RFC 2557; HTML parsed by libxml2's HTML parser
within the reading's budget (``domain.cv.office.package``).
"""
from __future__ import annotations

from lxml import etree

from domain.cv.office.blocks import Block, Para, collapse, lines_of
from domain.cv.office.package import MAX_PART_BYTES, Budget, Package, parse

_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# the media types read, each as the kind of reading it takes
CHUNK_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "message/rfc822": "mht",
               "multipart/related": "mht", "text/plain": "text"}
_CHUNK_EXTENSIONS = {"htm": "text/html", "html": "text/html", "xhtml": "application/xhtml+xml",
                     "mht": "message/rfc822", "mhtml": "message/rfc822", "txt": "text/plain"}
_HTML_SKIP = {"head", "script", "style", "template", "noscript", "title", "object", "iframe"}
_HTML_BLOCKS = {"p", "div", "li", "tr", "table", "section", "article", "header", "footer", "address",
                "blockquote", "pre", "dt", "dd", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "body"}
_HTML_HEADINGS = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 11.0, "h6": 11.0}


def part_media_type(package: Package, name: str) -> str:
    """A part's media type from ``[Content_Types].xml`` (OPC §10.1.2: an Override for the part,
    else the Default for its extension), else from its extension."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if package.has("[Content_Types].xml"):
        types = package.xml("[Content_Types].xml")
        for el in types.iter(f"{{{_CT_NS}}}Override"):
            if (el.get("PartName") or "").lstrip("/").casefold() == name.casefold():
                return (el.get("ContentType") or "").split(";")[0].strip().lower()
        for el in types.iter(f"{{{_CT_NS}}}Default"):
            if (el.get("Extension") or "").lower() == extension:
                return (el.get("ContentType") or "").split(";")[0].strip().lower()
    return _CHUNK_EXTENSIONS.get(extension, f"unknown/{extension}")


def chunk_blocks(package: Package, name: str, content_type: str, size: float) -> list[Block]:
    """The blocks of altChunk part ``name``, whose media type ``content_type`` is one of
    ``CHUNK_KINDS``: HTML (and MHTML's HTML part) through ``_html_blocks``, plain text as one
    paragraph; text at ``size`` points (the document's default), HTML headings larger.

    Raises ``DecompressionBombError`` past ``MAX_PART_BYTES`` or the reading's budget,
    ``CorruptDocumentError`` for a damaged part or HTML that does not parse.
    """
    budget = package.budget
    data = package.read(name, MAX_PART_BYTES)
    budget.inflated(len(data), name)
    kind = CHUNK_KINDS[content_type]
    if kind == "mht":
        data, kind = _mht_html(data), "html"
    if kind == "text":
        text = budget.gathered(data.decode("utf-8", "replace")[: budget.max_chars])
        return [Para(lines_of([(text, size, False)], size), size)]
    return _html_blocks(parse([data], f"docx: {name}", budget, html=True), budget, size)


def _mht_html(data: bytes) -> bytes:
    """The HTML part of an MHTML archive (RFC 2557, a MIME multipart/related message)."""
    import email  # stdlib; only an altChunk needs it
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else b""
    return b""


def _html_blocks(root: etree._Element, budget: Budget, size: float) -> list[Block]:
    """HTML as one paragraph a block element (``p``, ``li``, headings ...), table cells apart by
    the cell gap, headings at a heading size and bold, other text at ``size``; scripts, styles and
    the head are not text."""
    runs: list[tuple[str, float, bool]] = []

    def walk(el: etree._Element, size: float, bold: bool) -> None:
        budget.step()
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _HTML_SKIP:
            return
        if tag in _HTML_HEADINGS:
            size, bold = _HTML_HEADINGS[tag], True
        elif tag in ("b", "strong", "th"):
            bold = True
        if tag in _HTML_BLOCKS or tag == "br":
            runs.append(("\n", size, bold))
        elif tag in ("td", "th"):
            runs.append(("\t", size, bold))
        if el.text and tag:
            runs.append((budget.gathered(collapse(el.text)), size, bold))
        for child in el:
            if budget.full:
                return
            walk(child, size, bold)
            if child.tail:
                runs.append((budget.gathered(collapse(child.tail)), size, bold))
        if tag in _HTML_BLOCKS:
            runs.append(("\n", size, bold))

    walk(root, size, False)
    return [Para([line for line in lines_of(runs, size) if line.text], size)]
