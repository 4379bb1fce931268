"""Job descriptions arrive as HTML from most boards; chat messages and ranking want text."""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict

import lxml.html
from lxml import etree

_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote pre".split())
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
CACHED_TEXTS = 5000  # a board's whole list fits
MAX_CACHED_CHARS = 20_000  # a real description; a hostile board's megabytes are converted, not kept
_texts: OrderedDict[bytes, str] = OrderedDict()
_lock = threading.Lock()  # boards convert in their own threads


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: block elements become line breaks, list items "• ",
    scripts and styles vanish, entities are decoded. Text without tags comes back trimmed.

    Results are remembered by a digest of the markup (``CACHED_TEXTS`` of them): boards that list
    everything (Remotive, Arbeitnow) bring the same descriptions to every search.
    """
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    key = hashlib.blake2b(markup.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _lock:
        found = _texts.get(key)
        if found is not None:
            _texts.move_to_end(key)
            return found
    text = _convert(markup)
    if len(text) > MAX_CACHED_CHARS:
        return text
    with _lock:
        _texts[key] = text
        while len(_texts) > CACHED_TEXTS:
            _texts.popitem(last=False)
    return text


def _convert(markup: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "li":
            element.text = "• " + (element.text or "")
        if tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
