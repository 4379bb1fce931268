"""Repairs of faults that PDF producers leave in the text layer, each a small pure function.

``repair_text`` applies them all, in an order where each sees the previous one's result:
glyph-name digits (pdfTeX), one word per line (Google Docs), hyphenation at line ends,
addresses wrapped in a narrow sidebar, lost word spaces (LuaTeX/XeTeX). Each is conservative:
it changes nothing in text that does not show its fault.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PUNCT_NAMES = {"period": ".", "comma": ",", "hyphen": "-", "slash": "/", "endash": "–", "emdash": "—",
                "colon": ":", "plus": "+", "parenleft": "(", "parenright": ")", "space": " ", "at": "@"}
_UNAMBIGUOUS = {"endash", "emdash", "parenleft", "parenright", "hyphen", "period", "comma"}  # never words
_GLYPH = rf"/(?:{'|'.join(_DIGIT_NAMES + tuple(_PUNCT_NAMES))})(?:\.[A-Za-z]+)*"
_GLYPH_RUN_RE = re.compile(rf"(?<![\w/.:]){_GLYPH}(?:{_GLYPH})*")
_GLYPH_NAME_RE = re.compile(r"/([a-z]+)")


def normalise_unicode(text: str) -> str:
    """NFKC (ligatures ﬁ → fi, full-width forms, no-break spaces) without NUL characters: what
    every reader (PDF text layer, Word/OpenDocument, OCR) does first, so skills and e-mails match.
    Other control characters stay: they are the garbled-text check's evidence of an unmapped font
    (``text_quality``); ``build_profile`` takes them out of what it keeps (``printable``)."""
    return unicodedata.normalize("NFKC", text).replace("\x00", "")


# Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF):
# a CV's text layer can hold them (a BEL in a PDF string), and python-docx refuses to write them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_CONTROL_BETWEEN_WORDS = re.compile("(?<=\\S)[\x01-\x08\x0b\x0c\x0e-\x1f]+(?=\\S)")


def printable(text: str) -> str:
    """``text`` without the characters a Word or XML document cannot hold (see ``_NOT_XML``): a
    control character between two words becomes a space, any other one goes, as do NUL, surrogates and
    non-characters."""
    text = _CONTROL_BETWEEN_WORDS.sub(" ", text)
    return _NOT_XML.sub("", text)


def glyph_name_digits(text: str) -> str:
    """``/two.pnum/zero.pnum/one.pnum/nine.pnum`` -> ``2019``.

    pdfTeX fonts with a custom ``/Differences`` encoding (proportional or old-style figures,
    ``.pnum``/``.oldstyle``/``.osf`` glyph variants per the Adobe Glyph List naming rules) have
    no ToUnicode entry for those glyphs, so extractors emit the glyph names. A run is replaced
    only when it holds a digit or a name that is no word (``/endash``), so ``/at`` in prose stays.
    """
    def digits(match: re.Match) -> str:
        names = _GLYPH_NAME_RE.findall(match.group(0))
        if not any(name in _DIGIT_NAMES or name in _UNAMBIGUOUS for name in names):
            return match.group(0)
        return "".join(str(_DIGIT_NAMES.index(n)) if n in _DIGIT_NAMES else _PUNCT_NAMES.get(n, "") for n in names)
    return _GLYPH_RUN_RE.sub(digits, text)


def join_word_per_line(text: str, *, min_lines: int = 15, share: float = 0.6) -> str:
    """Rejoin text that came out one word per line (Google Docs exports read by position-blind
    extractors). Applies only when at least ``share`` of the non-empty lines (and ``min_lines``)
    are single words; consecutive single words are joined until a blank line or a word ending
    a sentence or a label (``.``, ``:``, ``;``). Other lines are kept as they are."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    single = [line for line in filled if len(line.split()) == 1]
    if len(single) < min_lines or len(single) < share * len(filled):
        return text
    out: list[str] = []
    joining = False
    for line in lines:
        word = line.strip()
        if joining and len(word.split()) == 1:
            out[-1] += " " + word
        else:
            out.append(line)
        joining = len(word.split()) == 1 and not word.endswith((".", ":", ";"))
    return "\n".join(out)


_EMAIL_TAIL_RE = re.compile(r"^[\w.+-]+@[\w.-]*$")
_LOCAL_HEAD_RE = re.compile(r"^[a-z0-9._+-]+$")
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.-]+\.[a-z]{2,}/\S*$", re.I)
_FRAGMENT_RE = re.compile(r"^[a-z0-9._%/#?=&~+-]+$")
_ADDRESSISH_RE = re.compile(r"@|^(?:https?://|www\.)|\.[a-z]{2,}/", re.I)


def _continues_address(head: str, tail: str) -> bool:
    """True when ``head`` (a line's last token) is cut inside an e-mail or URL that ``tail``
    (the next line's first token) completes."""
    if _EMAIL_TAIL_RE.match(head):
        domain = head.rpartition("@")[2]
        if not domain or "." not in domain or domain.endswith((".", "-")):
            return bool(re.match(r"^[A-Za-z0-9.-]+$", tail))
        return bool(re.fullmatch(r"[a-z]{1,3}", tail))  # "anna@example.co" + "m"
    if "@" in tail and _LOCAL_HEAD_RE.match(head) and head.endswith((".", "_", "-")) \
            and re.search(r"[a-z]", head) and _EMAIL_TAIL_RE.match(tail):
        return True  # local part wrapped: "anna.maria." + "kowalska@example.com"
    if _URL_RE.match(head) and _FRAGMENT_RE.match(tail) and not _ADDRESSISH_RE.search(tail):
        return True
    return False


def rejoin_wrapped_addresses(text: str) -> str:
    """Rejoin an e-mail or URL that a narrow column wrapped over two lines
    (``anna.kowalska@exa`` / ``mple.com`` -> ``anna.kowalska@example.com``).

    Joins only when the first line ends with the address fragment and the next line is that
    fragment's single-token continuation, so a city or a phone on the next line stays."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and out[-1].split() and len(line.split()) == 1:
            head = out[-1].split()[-1]
            if _continues_address(head, line.strip()):
                out[-1] = out[-1].rstrip() + line.strip()
                continue
        out.append(line)
    return "\n".join(out)


SOFT_HYPHEN = "\u00ad"  # the layout reader ends a line with it where PDFium saw a line-end hyphen
_HYPHEN_RE = re.compile(r"(\S*[^\W\d_])(-|\u00ad)\n[ \t]*([^\W\d_]\S*)([ \t]*\n?)")
_KEEP_BEFORE = {"und", "oder", "bzw", "sowie", "and", "or", "et", "ou", "y", "e", "o", "en", "of", "to"}
_ADDRESS_RE = re.compile(r"@|/|^www\.|\.[a-z]{2,}\b", re.I)


def dehyphenate(text: str, *, tex: bool = False) -> str:
    """Undo hyphenation at line ends: ``develop-`` / ``ment of APIs`` -> ``development`` /
    ``of APIs``; the whole next token moves up, the rest of its line stays.

    The hyphen stays when the second part starts with a capital (``Python-`` / ``Django``),
    is a conjunction (German ``Gesundheits-`` / ``und``), the hyphenated form occurs
    elsewhere in the text (``cross-functional``), or either side is an address
    (``anna@example-`` / ``company.com``). A soft mark (U+00AD from the layout reader) is a
    discretionary hyphen only in TeX output (``tex``); Word, LibreOffice and browsers do
    not hyphenate by default, so there the hyphen is real and stays.
    """
    def join(match: re.Match) -> str:
        left, mark, right = match.group(1), match.group(2), match.group(3)
        if mark == SOFT_HYPHEN and not tex:
            keep = True
        else:
            keep = (right[0].isupper() or right.lower() in _KEEP_BEFORE
                    or (mark == "-" and bool(_ADDRESS_RE.search(left) or _ADDRESS_RE.search(right)))
                    or f"{left}-{right}".lower() in lowered and f"{left}{right}".lower() not in lowered)
        at_end = match.end() == len(text) and not match.group(4)
        return f"{left}{'-' if keep else ''}{right}{'' if at_end else chr(10)}"
    lowered = re.sub(r"[-\u00ad]\n", "\x00", text.lower())
    return _HYPHEN_RE.sub(join, text).replace(SOFT_HYPHEN, "-")


_KNOWN_CAMEL = (
    "JavaScript TypeScript CoffeeScript PostgreSQL MySQL NoSQL GraphQL SQLite MongoDB DynamoDB CouchDB "
    "InfluxDB MariaDB CockroachDB GitHub GitLab BitBucket iPhone iPad iOS iPadOS macOS tvOS watchOS iCloud "
    "iTunes eBay McDonald McKinsey MacBook LinkedIn PowerPoint PowerShell PowerBI OneDrive OneNote SharePoint "
    "WordPress WooCommerce YouTube PayPal DevOps DevSecOps MLOps DataOps FinOps GitOps SecOps AIOps OpenAI "
    "OpenShift OpenStack OpenCV OpenGL OpenAPI PyTorch TensorFlow FastAPI NumPy SciPy PySpark PyTest "
    "RabbitMQ ZeroMQ ActiveMQ BigQuery CloudFormation CloudFront CloudWatch AutoCAD SolidWorks QuickBooks "
    "HubSpot MailChimp ServiceNow SuccessFactors WebSocket WebSockets WebGL WebRTC WebAssembly JUnit TestNG "
    "PHPUnit XCode IntelliJ PyCharm WebStorm PhpStorm VSCode CircleCI TravisCI TeamCity DigitalOcean NetSuite "
    "SalesForce FreeBSD OpenBSD LaTeX XeTeX LuaTeX BibTeX ChatGPT SaaS PaaS IaaS OAuth CompTIA ScrumMaster "
    "SketchUp InDesign FileMaker ArcGIS QGIS MATLAB LabVIEW SolidEdge AutoDesk BlackBerry DeepMind HuggingFace "
    "LangChain LlamaIndex DataDog NewRelic AppDynamics SonarQube ElasticSearch LogStash OpenSearch NextJS NestJS "
    "NodeJS VueJS ReactJS AngularJS ExpressJS ASP.NET VB.NET ObjectiveC SwiftUI UIKit CoreData JetBrains "
    "PagerDuty StackOverflow SoundCloud DreamWeaver FrameMaker AdWords AdSense DoubleClick SemRush MongoDB"
).split()
_SKILLS_JSON = Path(__file__).with_name("data") / "skills.json"
_BOUNDARY_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2,})")
_CAMEL_PREFIX_RE = re.compile(r"^(?:[a-z]|Mc|Mac|O'|De|Di|La|Le|Van|Von)$")
_RUN_TOGETHER_RE = re.compile(r"[A-Za-z]{4,}(?:[a-z][A-Z][a-z]+){2,}")


@lru_cache(maxsize=1)
def _protected_words() -> tuple[str, ...]:
    """Real camelCase names that must not be split: a built-in list plus every name and
    synonym in the skills vocabulary with an inner capital; longest first."""
    words = set(_KNOWN_CAMEL)
    try:
        words |= {s for s in _strings(json.loads(_SKILLS_JSON.read_text("utf-8"))) if _BOUNDARY_RE.search(s)}
    except (OSError, ValueError):
        pass  # the vocabulary is optional evidence here
    return tuple(sorted(words, key=len, reverse=True))


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node] if len(node) <= 40 else []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    out: list[str] = []
    for key, value in items:
        out += _strings(key) + _strings(value)
    return out


def split_run_together(word: str) -> str:
    """Split a token whose words lost their spaces at case changes: ``DevOpsEngineer`` ->
    ``DevOps Engineer``, ``APIDesign`` -> ``API Design``. Known camelCase names (JavaScript,
    PostgreSQL, GitHub, iPhone, McDonald) and name prefixes (Mc, Mac, O', i, e) are kept."""
    keep: list[tuple[int, int]] = []
    for name in _protected_words():
        for match in re.finditer(re.escape(name), word):
            if not any(a < match.end() and match.start() < b for a, b in keep):
                keep.append(match.span())
    pieces, start = [], 0
    for boundary in (m.start() for m in _BOUNDARY_RE.finditer(word)):
        inside = any(a < boundary < b for a, b in keep)
        if inside or _CAMEL_PREFIX_RE.match(word[start:boundary]):
            continue
        pieces.append(word[start:boundary])
        start = boundary
    return " ".join(pieces + [word[start:]])


def lost_spaces_likely(text: str, *, min_letters: int = 200, ratio: float = 12.0) -> bool:
    """True when the text's words ran together: more than ``ratio`` letters per space on
    average over lines with letters (ordinary prose has 5-7, whatever the language)."""
    letters = sum(ch.isalpha() for ch in text)
    spaces = sum(line.strip().count(" ") for line in text.split("\n"))
    return letters >= min_letters and letters / (spaces + text.count("\n") + 1) > ratio


def split_lost_spaces(text: str) -> str:
    """Put back word spaces lost by LuaTeX/XeTeX PDFs whose fonts have no space glyph.

    Without glyph positions only case changes are evidence, so this runs on the whole text
    only when ``lost_spaces_likely`` says spaces are missing everywhere; otherwise only on
    tokens that run three or more capitalised words together (``SeniorDevOpsEngineer``).
    All-capital runs (``RESTAPI``) need positions: the layout reader handles those."""
    if lost_spaces_likely(text):
        return re.sub(r"\S{6,}", lambda m: split_run_together(m.group(0)), text)
    return _RUN_TOGETHER_RE.sub(lambda m: split_run_together(m.group(0)), text)


_LETTER = r"[^\W\d_]"
_SPACED_WORD = rf"{_LETTER}(?: {_LETTER})+"  # "S K I L L S": single letters, single spaces
_WIDE_EDGE_BEFORE = re.compile(r"(?:^\s*| {2,})$")
_WIDE_EDGE_AFTER = re.compile(r"(?: {2,}\S|\s*$)")
_SPACED_PHRASE_RE = re.compile(rf"(?<!\S){_SPACED_WORD}(?: {{2,}}(?:{_SPACED_WORD}|{_LETTER}))*(?!\S)")


def join_letter_spaced(text: str) -> str:
    """Join headings spaced out by CSS ``letter-spacing`` or ``\\textls``:
    ``E X P E R I Ê N C I A  P R O F I S S I O N A L`` -> ``EXPERIÊNCIA PROFISSIONAL``.

    Extractors turn wide letter gaps into spaces, and the wider gap between words into two
    or more. A phrase is joined when it has a word of at least three spaced letters and its
    words are set apart by such wider gaps, or it is one spaced word alone on its line or
    segment (``S K I L L S``, set apart by 2+ spaces); "a b" in prose and initials stay."""
    def join(match: re.Match) -> str:
        words = re.split(r" {2,}", match.group(0))
        if max(len(word.replace(" ", "")) for word in words) < 3:
            return match.group(0)
        before, after = match.string[:match.start()], match.string[match.end():]
        if len(words) == 1 and not (_WIDE_EDGE_BEFORE.search(before) and _WIDE_EDGE_AFTER.match(after)):
            return match.group(0)  # one spaced word amid single-spaced text: word gaps unknown
        return " ".join(word.replace(" ", "") for word in words)
    return "\n".join(_SPACED_PHRASE_RE.sub(join, line) if " " in line else line for line in text.split("\n"))


def repair_text(text: str, *, tex: bool = False) -> str:
    """All repairs, in order; idempotent on text without their faults. ``tex``: the PDF
    came from a TeX engine (its line-end hyphens are discretionary; see ``dehyphenate``)."""
    text = glyph_name_digits(text)
    text = join_letter_spaced(text)
    text = join_word_per_line(text)
    text = dehyphenate(text, tex=tex)
    text = rejoin_wrapped_addresses(text)
    return split_lost_spaces(text)
