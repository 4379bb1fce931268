"""A section's lines cut into entries around their date ranges (the CV outline's reading step).

An entry is found by its date range (``domain.cv.dates.find_spans``) — the one thing every
layout prints once per entry — and its heading rows are read around that line:

* the rows printed *above* the date line: as many as stand above the section's first date line
  (0 when the section opens with a date, 1 for "Role, Employer" / "dates", 2 for "Role" /
  "Employer" / "dates"), so one CV's entries are read alike;
* the rest of the date line ("03/2021 – Senior QA Engineer, Cascade Ledger Inc.");
* rows *below* it while the heading has one part only (Europass, RenderCV: "dates Role" then
  "Employer"), and a heading the layout wrapped onto the next line ("… Hospital San" / "Pedro",
  "… Soar Valley" / "Foods Ltd. Monthly accounts …", "Robert Gordon Univer-" / "sity.").

A date range split over two lines by a date column ("03/2021 –" … "present Built …", "sinds
okt." … "2019 Services …", "dal 2017 –" … "oggi Applicazioni …") is read whole and its end is
taken off the next line. A degree dated by its graduation alone ("Master …, Université …, 2019",
"2017   Licence …") is anchored by that one date — every entry of a section without ranges, and a
degree row among ranged entries. Without any date line, entries start at rows naming a role or a degree.
The description keeps the CV's wording: bullets stripped, line wraps rejoined, one item per
sentence. Which heading part is the role and which the employer is decided by the caller
(``domain.cv.outline``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from domain.cv.bullets import starts_with_bullet, strip_bullet
from domain.cv.dates import DateSpan, find_spans, parse_date
from domain.cv.experience import is_degree_line
from domain.cv.roles import has_role_word
from domain.cv.skill_entries import looks_like_place, looks_like_role
from domain.cv.skills import canonical_skill

# Heading parts: "Role, Employer", "Role — Employer", "Role | Employer", "Role   Employer", "Role at Employer".
_PART_SPLIT = re.compile(r"\s*(?:\s[—–|@-]\s|,\s|;\s|\s{3,}|\t|\s[•·]\s|\s(?:at|bei|chez|presso|bij)\s)\s*")
# Words a date range leaves behind ("dal 2018 – oggi" is read as "2018 – oggi"; "seit" stays in some forms).
# Lower-case short forms only: "De Montfort University" is a name.
_SINCE_WORD = re.compile(r"^(?:[Ss]ince|[Ss]eit|[Aa]b|[Dd]epuis|[Dd]esde|[Dd]al|[Dd]alla|[Dd]all['’]|[Ss]inds|[Vv]anaf|"
                         r"[Ff]rom|von|de|da|du|[Aaà]\s+partir\s+de)(?:\s+|$)")
# Separators and brackets left at a part's edges; a hyphen glued to a word stays ("Univer-" + "sity").
_EDGE_JUNK = re.compile(r"^[\s,;:|•·–—\-(]+|(?:[\s,;:|•·–—(]|(?<=[\s,;:|•·–—(])-)+$")
# Name particles that end no name: a heading ending in one was wrapped ("Hospital San" / "Pedro").
_PARTICLE_END = re.compile(r"(?:^|\s)(?:[A-ZÀ-Þ][a-zà-ÿ]{1,2}|[a-zà-ÿ]{1,3})$")
_LONG_LINE = 55  # characters: a line this long may have been wrapped by its column
# "– 2013" starting a line: the end of the range on the line above.
_LEADING_END = re.compile(r"^[–—-]\s*\S")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
# RenderCV prints a degree as "in BSc Computer Science" under the school.
_RENDERCV_IN = re.compile(r"^in\s+(?=[A-ZÀ-Þ])")
# Abbreviations whose full stop ends no sentence ("Soar Valley Foods Ltd. Monthly …" is split there
# on purpose: in a wrapped heading it ends the employer).
# Figures ("2 Mio.", "3 Mrd.", "approx.", "env.", "aprox."), references ("z. B.", "e.g.", "p. ex.",
# "ad es.", "bijv.") and titles; a single letter is an initial or "z." of "z. B." wrapped apart.
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Prof|Nr|No|St|Mr|Ms|Mrs|Mme|Jr|Sr|Sra|Dipl|Ing|Abt|Hr|Fr"
                           r"|(?i:ca|bzw|vgl|usw|etc|ecc|vs|inkl|incl|ggf|evtl|sog|resp|approx|aprox|env|cf|bijv"
                           r"|mio|mrd|mln|mld|tsd|std|max|min|p\.\s?ex|p\.\s?ej|ad\s+es))"
                           r"|\b[^\W\d_]|\b(?:[^\W\d_]{1,2}\.){1,3}[^\W\d_]{1,3})\.$")
# A legal form's full stop ends a heading row ("Desenvolvedora backend, Exemplo Ltda.") but no sentence.
_LEGAL_FORM = re.compile(r"\b(?:Ltd|Ltda|Lda|Inc|Corp|Co|Cia|Bros|Pty)\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"„“«(]?[A-ZÀ-Þ0-9])")
_TERMINAL = (".", "!", "?", ";", ":")
# A token holding a year: "2019", "06/2019", "2019)", "(2017".
_YEAR_TOKEN = re.compile(r"^[(\[]?(?:\d{1,2}[./])?(?:19|20)\d\d[)\].,;]?$")
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MAX_SINGLE_DATE_WORDS = 16
MAX_ROWS_BEFORE = 2
MAX_ROW_WORDS = 8
MAX_WRAP_WORDS = 4


@dataclass
class _Anchor:
    """A line holding an entry's date range. ``rest``: the line without it; ``tail``: the range's
    end as it starts the next line (a date column split the range), to be cut from that line."""

    index: int
    span: DateSpan
    rest: str
    tail: str = ""


@dataclass
class EntryBlock:
    """One entry before its heading is interpreted.

    ``heads``: the heading texts without dates, wraps rejoined (one per heading row). ``raw_head``:
    the heading rows as written. ``span``: the entry's date range (None when undated). ``lines``:
    the description, one bullet or sentence an item.
    """

    heads: list[str] = field(default_factory=list)
    raw_head: list[str] = field(default_factory=list)
    span: DateSpan | None = None
    lines: list[str] = field(default_factory=list)


def _anchors(texts: list[str], today: dt.date) -> dict[int, _Anchor]:
    """The date lines of a section, each with its first range."""
    found: dict[int, _Anchor] = {}
    for i, text in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        own = find_spans(text, today)
        crossing = _crossing_span(text, nxt, today) if nxt else None
        if crossing:
            span, head_part, tail = crossing
            found[i] = _Anchor(i, span, _rest(text.replace(head_part, " ", 1)), tail)
            continue
        if own:
            span = own[0]
            after = text[text.find(span.text) + len(span.text):]
            tail = _continued_end(span, after, nxt, today) if nxt else ""
            found[i] = _Anchor(i, span if not tail else _with_end(span, tail, today),
                               _rest(text.replace(span.text, " ", 1)), tail)
    return found


def _single_date_anchors(texts: list[str], ranged: dict[int, _Anchor], today: dt.date) -> dict[int, _Anchor]:
    """Lines dated by one date at their start or end ("Licence …, Université de Lyon 1, 2017",
    "06/2019 Master …", "Juin 2019 — Master …"): a graduation. The span starts and ends at that date.
    Not a bullet, a sentence or a line with a second year ("Best paper 2019" in a description is a
    bullet or a sentence; a range's line is in ``ranged``)."""
    found: dict[int, _Anchor] = {}
    for i, text in enumerate(texts):
        tokens = text.split()
        if (i in ranged or not tokens or len(tokens) > MAX_SINGLE_DATE_WORDS or starts_with_bullet(text)
                or len(_ANY_YEAR.findall(text)) != 1 or text.strip()[:1].islower()):
            continue
        date = _edge_date(tokens, today)
        if not date:
            continue
        rest = _rest(text.replace(date[1], " ", 1))
        if _ends_sentence(rest) and len(rest.split()) > MAX_ROW_WORDS:
            continue  # a description sentence that happens to end in a year
        found[i] = _Anchor(i, DateSpan(date[0], date[0], date[1]), rest)
    return found


def _edge_date(tokens: list[str], today: dt.date) -> tuple[tuple[int, int], str] | None:
    """((year, month), the date as written) of a date ending or starting a line's ``tokens``; a month
    name before the year is part of it ("Juin 2019"), as "since <month> <year>" would read it."""
    for year_at, month_at in ((len(tokens) - 1, len(tokens) - 2), (0, None), (1, 0)):
        if not 0 <= year_at < len(tokens) or not _YEAR_TOKEN.match(tokens[year_at]):
            continue
        year = tokens[year_at].strip("()[].,;")
        if month_at is None and len(tokens) > 1 and _YEAR_TOKEN.match(tokens[1]):
            continue
        words = [year]
        if month_at is not None and month_at >= 0:
            month = tokens[month_at].strip("(,;—–-")
            since = find_spans(f"seit {month} {year}", today)  # a month name when the "since" reader takes it
            if since and month in since[0].text:
                words = [month, year]
            elif year_at == 1:
                continue  # "Master 2019 …": a year inside, not at the edge
        value = parse_date(" ".join(words), today)
        if value:
            return value, " ".join(words)
    return None


def _crossing_span(text: str, nxt: str, today: dt.date) -> tuple[DateSpan, str, str] | None:
    """A range the layout split over two lines ("03/2021 – Role" / "present Did …", "sinds okt." /
    "2019 …", "2011 –" / "2013"): (span, its part on this line, its part starting the next)."""
    for span in find_spans(f"{text}\n{nxt}", today):
        if span.text in text or span.text in nxt:
            continue
        tokens = span.text.split()
        flat_text, flat_next = " ".join(text.split()), " ".join(nxt.split())
        for cut in range(1, len(tokens)):
            head, tail = " ".join(tokens[:cut]), " ".join(tokens[cut:])
            if flat_next.startswith(tail) and head in flat_text:
                return span, _raw_part(text, head), tail
    return None


def _raw_part(text: str, flat: str) -> str:
    """The stretch of ``text`` that reads ``flat`` once whitespace is collapsed."""
    pattern = r"\s+".join(re.escape(t) for t in flat.split())
    m = re.search(pattern, text)
    return m.group(0) if m else flat


def _continued_end(span: DateSpan, after: str, nxt: str, today: dt.date) -> str:
    """The end of an open "since" range whose line goes on with a dash ("dal 2017 – Role" / "oggi Did
    …"): the next line's first word(s) when they complete the range, else "". ``after``: the line
    after the range."""
    if span.end is not None or not re.match(r"\s*[–—-]\s", after):
        return ""
    date = _SINCE_WORD.sub("", span.text)
    words = nxt.split()
    for size in (2, 1):
        candidate = " ".join(words[:size])
        for found in find_spans(f"{date} – {candidate}", today):
            if found.text.endswith(candidate) and len(found.text) > len(date) + 3:
                return candidate
    return ""


def _with_end(span: DateSpan, tail: str, today: dt.date) -> DateSpan:
    spans = find_spans(f"{_SINCE_WORD.sub('', span.text)} – {tail}", today)
    return DateSpan(spans[0].start, spans[0].end, f"{span.text} – {tail}") if spans else span


def _clean(text: str) -> str:
    """A heading part without separators and empty brackets at its edges."""
    return " ".join(_EDGE_JUNK.sub("", _EMPTY_BRACKETS.sub(" ", text)).split(" ")).strip()


def _rest(text: str) -> str:
    """A date line without its range's leftovers ("dal", "seit", a dash)."""
    return _clean(_SINCE_WORD.sub("", _clean(text)))


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return text.endswith(_TERMINAL) and not _ABBREVIATION.search(text) and not _LEGAL_FORM.search(text)


def _row_like(text: str) -> bool:
    """A heading row: short, no sentence, no bullet ("Data Analyst — Midway Insurance Group")."""
    words = text.split()
    return (0 < len(words) <= MAX_ROW_WORDS and not starts_with_bullet(text) and not _ends_sentence(text)
            and not text.strip()[:1].islower())


def _capitalised(text: str) -> bool:
    """An employer or school row: its longer words mostly capitalised ("Consejería de Educación de
    Cantabria", "Universitätsklinikum Erlangen"), not a description ("Logo design for shops")."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", text) if len(w) > 3]
    if not long_words:
        return bool(re.match(r"[A-ZÀ-Þ0-9]", text.strip()))
    return sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def heading_parts(text: str) -> list[str]:
    """A heading's parts: "Data Analyst — Midway Insurance" -> ["Data Analyst", "Midway Insurance"]."""
    return [p for p in (_clean(p) for p in _PART_SPLIT.split(text)) if p]


def entry_blocks(texts: list[str], today: dt.date) -> list[EntryBlock]:
    """The entries of one section's lines (experience or education, as written) in CV order;
    ``today`` dates open ranges. Lines before the first entry's heading are left out."""
    texts = _joined_ends([t for t in texts if t.strip()], today)
    anchors = _anchors(texts, today)
    singles = _single_date_anchors(texts, anchors, today)
    anchors.update({i: a for i, a in singles.items() if not anchors or is_degree_line(texts[i])})
    if not anchors:
        return _undated_blocks(texts)
    order = sorted(anchors)
    cleaned = list(texts)
    for a in anchors.values():
        if a.tail and a.index + 1 < len(cleaned):
            cleaned[a.index + 1] = _cut_tail(cleaned[a.index + 1], a.tail)
    before = _rows_before(cleaned, order[0], -1, MAX_ROWS_BEFORE, anchors)
    blocks: list[EntryBlock] = []
    starts = []  # first line index of each entry
    for n, index in enumerate(order):
        floor = order[n - 1] if n else -1
        rows = _rows_before(cleaned, index, floor, before, anchors)
        starts.append(index - rows)
    for n, index in enumerate(order):
        anchor = anchors[index]
        end = starts[n + 1] if n + 1 < len(order) else len(cleaned)
        block = EntryBlock(span=anchor.span)
        for row in range(starts[n], index):
            block.heads.append(cleaned[row])
            block.raw_head.append(texts[row])
        body = [cleaned[i] for i in range(index + 1, end)]
        raw_body = [texts[i] for i in range(index + 1, end)]
        if anchor.rest:
            # "2019 – atual   Designer Gráfica, Mondego Estúdio. Identidades visuais e" / "embalagens."
            head, more = _first_sentence(anchor.rest)
            block.heads.append(head)
            if more:
                body, raw_body = [more, *body], [more, *raw_body]
        block.raw_head.append(texts[index])
        body_start = _head_after(block, body, raw_body)
        block.lines = _description(body[body_start:], raw_body[body_start:])
        blocks.append(block)
    return blocks


def _joined_ends(texts: list[str], today: dt.date) -> list[str]:
    """Lines with a range's end that wrapped onto the next line glued back ("Hénallux 2010" / "– 2013")."""
    out: list[str] = []
    for text in texts:
        if out and _LEADING_END.match(text.strip()) and len(find_spans(f"{out[-1]} {text}", today)) > len(
                find_spans(out[-1], today)):
            out[-1] = f"{out[-1]} {text.strip()}"
        else:
            out.append(text)
    return out


def _cut_tail(text: str, tail: str) -> str:
    m = re.match(r"\s*" + r"\s+".join(re.escape(t) for t in tail.split()) + r"\s*", text)
    return text[m.end():] if m else text


def _rows_before(texts: list[str], index: int, floor: int, limit: int, anchors: dict[int, _Anchor]) -> int:
    """How many heading rows stand right above the date line ``index`` (after line ``floor``)."""
    rows = 0
    while rows < limit:
        i = index - rows - 1
        if i <= floor or i in anchors or not _row_like(texts[i]):
            break
        rows += 1
    return rows


def _head_after(block: EntryBlock, body: list[str], raw_body: list[str]) -> int:
    """Take the heading rows printed under the date line off ``body``; returns where the
    description starts. Appends to ``block.heads`` and ``block.raw_head``."""
    i = 0
    while i < len(body) and not body[i].strip():
        i += 1  # a line that held only the range's end
    if i >= len(body):
        return i
    nxt = body[i]
    if not block.heads and not starts_with_bullet(raw_body[i]):
        # "09/18 – heute" / "Lehrer für Mathematik und Physik, Kepler-Gymnasium" / "Freiburg. Unterricht …"
        head, rest = _first_sentence(nxt)
        block.heads.append(head)
        block.raw_head.append(raw_body[i])
        if rest:
            body[i] = rest
            return i
        i += 1
        return _wrapped_head(block, body, raw_body, i)
    nxt = without_in(nxt.strip())
    one_part = len(heading_parts(" ".join(block.heads))) < 2
    if one_part and _row_like(nxt) and _capitalised(nxt) and not _is_skill_list(nxt):
        # "seit Okt. 2018   Pflegerin" / "Universitätsklinikum Erlangen"; RenderCV: "School   dates" / "in Degree"
        block.heads.append(_clean(nxt))
        block.raw_head.append(raw_body[i])
        i += 1
    return _wrapped_head(block, body, raw_body, i)


def _wrapped_head(block: EntryBlock, body: list[str], raw_body: list[str], i: int) -> int:
    """A heading the layout wrapped: a short continuation ("Pedro", "sity.") or a few words before
    the description's first sentence ("Foods Ltd. Monthly management accounts")."""
    if i >= len(body) or not block.heads or starts_with_bullet(raw_body[i]) or _ends_sentence(block.heads[-1]):
        return i
    nxt = body[i].strip()
    last = block.heads[-1]
    if last.endswith("-") and nxt[:1].islower() and len(nxt.split()) <= MAX_WRAP_WORDS:
        block.heads[-1] = last[:-1] + _strip_period(nxt.split()[0]) + (" " + " ".join(nxt.split()[1:])
                                                                      if len(nxt.split()) > 1 else "")
        block.raw_head.append(raw_body[i])
        return i + 1
    head, rest = _first_sentence(nxt)
    if rest and len(head.split()) <= MAX_WRAP_WORDS and head[:1].isupper():
        block.heads[-1] = f"{last} {head}"
        block.raw_head.append(raw_body[i])
        body[i] = rest
        return i
    words = nxt.split()
    wrapped = _PARTICLE_END.search(last) or len(block.raw_head[-1]) >= _LONG_LINE
    if (len(heading_parts(last)) >= 2 and len(words) <= 3 and _row_like(nxt) and _capitalised(nxt)
            and not has_role_word(nxt) and (wrapped or not looks_like_place(nxt)) and canonical_skill(nxt) is None):
        block.heads[-1] = f"{last} {nxt}"
        block.raw_head.append(raw_body[i])
        return i + 1
    return i


def _first_sentence(text: str) -> tuple[str, str]:
    """(first sentence without its full stop, the rest) — ("Freiburg", "Unterricht in …")."""
    for m in _SENTENCE_END.finditer(text):
        head = text[:m.start()].rstrip()
        if _ABBREVIATION.search(head) and not re.search(r"\.\.$", head):
            continue
        return _strip_period(head), text[m.end():].strip()
    return _strip_period(text.strip()), ""


def _strip_period(text: str) -> str:
    """"Steirische Werke AG." -> "Steirische Werke AG"; "Cascade Ledger Inc." and "S.A." keep theirs."""
    if text.endswith(".."):
        return text[:-1]
    if text.endswith(".") and not (_ABBREVIATION.search(text) or _LEGAL_FORM.search(text)):
        return text[:-1]
    return text


def _is_skill_list(text: str) -> bool:
    items = [i for i in re.split(r"[,;/|•·]", text) if i.strip()]
    return len(items) > 1 and sum(canonical_skill(i.strip()) is not None for i in items) * 2 >= len(items)


def _description(body: list[str], raw_body: list[str]) -> list[str]:
    """The entry's description: bullets and paragraphs with wraps rejoined, one item per sentence."""
    paragraphs: list[str] = []
    for text, raw in zip(body, raw_body):
        text = strip_bullet(text)
        if not text:
            continue
        if paragraphs and not starts_with_bullet(raw) and _continues(paragraphs[-1], text):
            prev = paragraphs[-1]
            joined = prev[:-1] + text if re.search(r"\w-$", prev) and text[:1].islower() else f"{prev} {text}"
            paragraphs[-1] = joined
        else:
            paragraphs.append(text)
    return [s for p in paragraphs for s in _sentences(p)]


def _continues(previous: str, text: str) -> bool:
    """A wrapped line: it starts in lower case, the line before ends in an abbreviation ("… täglich
    2 Mio." / "Anfragen verarbeitet"), or the line before ends mid-sentence and is long."""
    return (text[:1].islower() or ends_with_abbreviation(previous)
            or (not previous.rstrip().endswith(_TERMINAL) and len(previous) >= 40))


def ends_with_abbreviation(text: str) -> bool:
    """True when ``text``'s last full stop is an abbreviation's, not a sentence end: "2 Mio.", "ca.",
    "z. B.", "e.g.", "approx.", "Dr.", an initial ("J."). German, English, French, Spanish, Italian,
    Portuguese and Dutch short forms a CV line uses."""
    return bool(_ABBREVIATION.search(text.rstrip()))


def _sentences(paragraph: str) -> list[str]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        piece = paragraph[start:m.start()].rstrip()
        if _ABBREVIATION.search(piece):
            continue
        out.append(piece)
        start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def _undated_blocks(texts: list[str]) -> list[EntryBlock]:
    """Entries of a section without dates: each starts at a heading row naming a role or a degree."""
    blocks: list[EntryBlock] = []
    for text in texts:
        first = heading_parts(text)[:1]
        if _row_like(text) and first and (looks_like_role(first[0]) or is_degree_line(text)):
            blocks.append(EntryBlock(heads=[_clean(text)], raw_head=[text]))
        elif blocks:
            blocks[-1].lines.extend(_description([text], [text]))
    return blocks



def without_in(part: str) -> str:
    """RenderCV's "in BSc Computer Science" (a degree under its school) -> "BSc Computer Science"."""
    return _RENDERCV_IN.sub("", part)
