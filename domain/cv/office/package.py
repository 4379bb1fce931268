"""An office document's package opened safely: the ZIP guard, capped part reads, safe XML and the
budget one reading may spend.

Formats: ECMA-376 5th edition Part 2 (Open Packaging Conventions: a ZIP of parts, named
case-insensitively) and OASIS ODF 1.3 Part 2 (the ODF package, also a ZIP); a flat ODF document
(ODF 1.3 Part 3 §2.2.1, one XML) stands in for a package's parts.

Safety, before any XML is parsed: the ZIP directory is checked for entry count, total declared
uncompressed size and per-entry compression ratio, and every part is read with a byte cap while it
is decompressed (a lying size header cannot get past it); XML is parsed without entity
substitution, DTD loading or network access, and with libxml2's default size limits.
"""
from __future__ import annotations

import io
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator

from lxml import etree

from domain.cv.errors import (
    CorruptDocumentError,
    DecompressionBombError,
    EncryptedDocumentError,
    TooComplexDocumentError,
)

MAX_TEXT_CHARS = 200_000  # characters kept from one document; the walk stops there
# A CV's package holds a few dozen parts and at most some MB of images; these caps leave a wide
# margin and still stop a bomb long before it costs memory.
MAX_ENTRIES = 1_000
MAX_DECLARED_BYTES = 100 * 1024 * 1024  # sum of the directory's uncompressed sizes
MAX_RATIO = 100  # uncompressed / compressed, for entries over RATIO_MIN_BYTES (XML packs ~5-20:1)
RATIO_MIN_BYTES = 1024 * 1024
MAX_PART_BYTES = 16 * 1024 * 1024  # one XML part, as inflated
# The cost of reading is in the XML, not the ZIP: a few MB of ``<w:p/>`` pack under every ratio cap
# and still make millions of paragraphs. A long real CV's parts hold 0.1-1 MB of XML and a few
# thousand (Word: up to ~30 000) elements, styles included; these caps are ten times that or more.
MAX_XML_BYTES = 16 * 1024 * 1024  # all XML parts read, inflated, together
MAX_ELEMENTS = 200_000  # all XML parts parsed, together
# Reading stops after this many paragraphs (empty ones too), as it stops after ``max_chars``
# characters: a 30-page CV has about 500, and each costs ~30 µs and ~1 kB to lay out.
MAX_PARAGRAPHS = 20_000
TIME_BUDGET_SECONDS = 10.0  # a real CV reads in well under a second
_READ_CHUNK = 256 * 1024
_TICK_EVERY = 256  # walk steps between clock readings


class Budget:
    """What one reading may spend, across all its parts: inflated XML bytes, parsed elements,
    characters and paragraphs gathered (the walk stops when it has ``max_chars`` characters or
    ``MAX_PARAGRAPHS`` paragraphs), and wall-clock time."""

    def __init__(self, kind: str, *, max_chars: int, time_budget: float):
        self.kind, self.max_chars = kind, max_chars
        self.xml_bytes = self.elements = self.chars = self.paragraphs = self.steps = 0
        self.deadline = time.monotonic() + time_budget

    def inflated(self, size: int, what: str) -> None:
        self.xml_bytes += size
        if self.xml_bytes > MAX_XML_BYTES:
            raise DecompressionBombError(
                detail=f"{self.kind}: XML inflates past {MAX_XML_BYTES} bytes in all (at {what})")

    def parsed(self, count: int, what: str) -> None:
        self.elements += count
        if self.elements > MAX_ELEMENTS:
            raise DecompressionBombError(detail=f"{self.kind}: over {MAX_ELEMENTS} XML elements (at {what})")
        self.check_time()

    def step(self) -> None:
        """One element walked; the clock is read every ``_TICK_EVERY`` steps."""
        self.steps += 1
        if self.steps % _TICK_EVERY == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TooComplexDocumentError(detail=f"{self.kind}: time budget spent after {self.steps} steps")

    def gathered(self, text: str) -> str:
        self.chars += len(text)
        return text

    @property
    def full(self) -> bool:
        return self.chars >= self.max_chars or self.paragraphs >= MAX_PARAGRAPHS


class Package:
    """A ZIP package opened behind the bomb guard; parts read by case-insensitive name (OPC)."""

    def __init__(self, data: bytes, kind: str, budget: Budget):
        self.kind, self.budget = kind, budget
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise CorruptDocumentError(detail=f"{kind}: not a readable ZIP: {exc}") from exc
        if len(infos) > MAX_ENTRIES:
            raise DecompressionBombError(detail=f"{kind}: {len(infos)} ZIP entries > {MAX_ENTRIES}")
        declared = sum(info.file_size for info in infos)
        if declared > MAX_DECLARED_BYTES:
            raise DecompressionBombError(detail=f"{kind}: {declared} bytes declared > {MAX_DECLARED_BYTES}")
        for info in infos:
            if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise DecompressionBombError(
                    detail=f"{kind}: {info.filename} packs {info.file_size} bytes into {info.compress_size}")
        self.names = {info.filename.casefold(): info for info in infos}

    def has(self, name: str) -> bool:
        return name.casefold() in self.names

    def size(self, name: str) -> int:
        info = self.names.get(name.casefold())
        return info.file_size if info else 0

    def chunks(self, name: str, limit: int = MAX_PART_BYTES) -> Iterator[bytes]:
        """The part's bytes as they inflate; stops with ``DecompressionBombError`` once they
        pass ``limit``, whatever the directory declares (zipfile also stops at the declared size
        and then fails the CRC)."""
        info = self.names.get(name.casefold())
        if info is None:
            raise CorruptDocumentError(detail=f"{self.kind}: part {name} missing")
        if info.flag_bits & 0x1:
            raise EncryptedDocumentError(detail=f"{self.kind}: ZIP entry {name} is encrypted")
        size = 0
        try:
            with self.zip.open(info) as part:
                # small reads: zipfile inflates up to the requested length before it trims the
                # output to the declared size, so one big read would cost the cap even for a liar
                while chunk := part.read(_READ_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise DecompressionBombError(detail=f"{self.kind}: {name} inflates past {limit} bytes")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                ValueError) as exc:
            raise CorruptDocumentError(detail=f"{self.kind}: {name}: {type(exc).__name__}: {exc}") from exc

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        return b"".join(self.chunks(name, limit))

    def xml(self, name: str) -> etree._Element:
        return parse(self.chunks(name), f"{self.kind}: {name}", self.budget)


class FlatPackage:
    """One flat ODF document standing in for the parts of a package."""

    def __init__(self, data: bytes, budget: Budget):
        self.budget = budget
        self.root = parse((data[i:i + _READ_CHUNK] for i in range(0, len(data), _READ_CHUNK)), "fodt", budget)

    def has(self, name: str) -> bool:
        return name in ("content.xml", "styles.xml")

    def xml(self, name: str) -> etree._Element:
        return self.root


_XML_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
                "remove_comments": True, "remove_pis": True}
# libxml2 (2.11+) stops nested internal entities by their amplification (CVE-2003-1564, "billion
# laughs") with these words; that is a bomb, not a damaged file.
_AMPLIFICATION = ("amplification", "entity reference loop", "entity loop")


def parse(chunks: Iterable[bytes], what: str, budget: Budget, *, html: bool = False) -> etree._Element:
    """XML (or HTML) fed as it inflates, without entity substitution, DTD loading or network
    (XXE and entity expansion are inert: an entity reference stays an unexpanded node), within
    libxml2's default limits; every byte and element counts against ``budget``, so parsing stops
    at the first element past the cap instead of building the whole tree."""
    parser = (etree.HTMLPullParser(events=("start",), no_network=True, remove_comments=True, remove_pis=True,
                                   huge_tree=False) if html
              else etree.XMLPullParser(events=("start",), **_XML_OPTIONS))
    try:
        for chunk in chunks:
            budget.inflated(len(chunk), what)
            parser.feed(chunk)
            budget.parsed(sum(1 for _ in parser.read_events()), what)
        root = parser.close()
        budget.parsed(sum(1 for _ in parser.read_events()), what)
    except (etree.XMLSyntaxError, ValueError) as exc:
        if any(words in str(exc).lower() for words in _AMPLIFICATION):
            raise DecompressionBombError(detail=f"{what}: {exc}") from exc
        raise CorruptDocumentError(detail=f"{what}: {exc}") from exc
    if root is None:
        raise CorruptDocumentError(detail=f"{what}: no root element")
    return root


def own_text(el: etree._Element) -> str:
    """An element's character data, without what unexpanded entity references stand for."""
    return (el.text or "") + "".join(child.tail or "" for child in el)


def elements(el: etree._Element) -> Iterator[etree._Element]:
    """An element's child elements, without comments, processing instructions and entity references."""
    return (child for child in el if isinstance(child.tag, str))
