"""Values typed into a PDF form (AcroForm), placed where the page shows them.

A filled-in form keeps its values in the field dictionaries (``/V``), drawn by the widget
annotations' appearance streams or, with ``/NeedAppearances true``, by the viewer; neither
is in the page's content stream, so text extraction (PDFium's and pypdf's) sees the printed
labels ("Name:") but not the values. PDF 32000-1:2008 §12.7 defines the fields: text
(``/Tx``), choice (``/Ch``), button (``/Btn``: check box, radio button, push button) and
signature (``/Sig``); ``/FT``, ``/V``, ``/Ff`` and ``/DA`` are inheritable from a
widget's ``/Parent`` chain.

Placement, decided for reading order: each value becomes a positioned run at its widget's
rectangle (``value_runs``), merged with the page's own runs before the layout orders lines,
so a form laid out in columns is read like any other page; a value whose box sits on the
line of a printed label just left of it is moved up to that label ("Name: Anna Schmidt" as
one line). The alternative, appending values after the page text labelled by field name,
loses which label a value answers and mixes a sidebar's fields into the main column. Field names (``/T``, "txtFullName") are never
text: they are a producer's identifiers, often in another language than the form, and the
label the person saw is printed on the page already. When no layout is available the values
are appended after the page's text in their order on the page (``page_text``).

Flattened forms (values drawn into the content stream, no fields left) need nothing here.
XFA forms (an XML form in ``/AcroForm /XFA``) draw their pages at view time; without
AcroForm values there is nothing but a "please wait" stub to read (``xfa_without_values``).
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from domain.cv.layout import Run

CHECKED = "✓"  # a ticked box whose export value is no word ("Yes", "On", "1")
_MAX_WIDGETS = 2_000  # a CV form has tens; more is no CV, and each costs parent walks
_MAX_PARENTS = 16
_HIDDEN = 1 << 1 | 1 << 5  # annotation flags Hidden and NoView (§12.5.3)
_RADIO, _PUSHBUTTON, _MULTILINE = 1 << 15, 1 << 16, 1 << 12  # field flags (§12.7.4.2-3)
_GENERIC_STATES = re.compile(r"^(?:yes|on|true|1|x|checked|ja|oui|si|sí|sim|tak|ano|choice\d*|\d+)$", re.IGNORECASE)
_DA_SIZE_RE = re.compile(r"([\d.]+)\s+Tf")
_AUTO_SIZE = 10.0  # "0 Tf" means auto size: viewers fit the text, about this for a form row
_LABEL_REACH = 150.0  # points between a label's end and its box: more is another column
_CHAR_EM = 0.5  # average advance of a Latin character, in font heights (for run widths)


@dataclass(frozen=True)
class FieldValue:
    """One widget's value: ``page`` 0-based; the widget rectangle in points (PDF user space,
    origin bottom-left); ``size`` the font size in points from ``/DA`` (estimated for auto
    size); ``multiline`` for text fields that wrap."""

    page: int
    text: str
    x0: float
    bottom: float
    x1: float
    top: float
    size: float
    multiline: bool = False


def form_values(reader, pages: list) -> dict[int, list[FieldValue]]:
    """Filled-in values of the form widgets on ``pages`` (pypdf pages of ``reader``), by
    0-based page index, top to bottom then left to right. Empty, unchecked ("/Off"),
    hidden, push-button and signature fields are left out. Malformed field dictionaries are
    skipped, never raised."""
    if not _acroform(reader):
        return {}
    default_da = str(_get(_acroform(reader), "/DA") or "")
    out: dict[int, list[FieldValue]] = {}
    seen = 0
    for index, page in enumerate(pages):
        annots = _get(page, "/Annots")
        if not isinstance(annots, ArrayObject):
            continue
        for ref in annots:
            seen += 1
            if seen > _MAX_WIDGETS:
                return out
            value = _widget_value(_resolve(ref), index, default_da)
            if value is not None:
                out.setdefault(index, []).append(value)
        if index in out:
            out[index].sort(key=lambda v: (-v.top, v.x0))
    return out


def xfa_without_values(reader, values: dict[int, list[FieldValue]]) -> bool:
    """True for an XFA form (``/AcroForm /XFA``) with no AcroForm value to read."""
    form = _acroform(reader)
    return bool(form) and "/XFA" in form and not values


def value_runs(values: list[FieldValue], page_runs: list[Run]) -> list[Run]:
    """Runs for the layout (``domain.cv.layout.Run``) drawing ``values`` where the viewer
    would: a single-line value centred vertically in its rectangle, a multi-line one from
    its top with a 1.15 line pitch, wrapped at the rectangle's width. Values already drawn
    there by the page itself (a form flattened but left with its fields) are skipped."""
    runs: list[Run] = []
    for value in values:
        if _drawn_already(value, page_runs):
            continue
        size = value.size
        width = max(value.x1 - value.x0 - 4.0, size)
        label = _label(value, page_runs)
        if value.multiline:
            chars = max(int(width / (_CHAR_EM * size)), 8)
            lines = [part for para in value.text.split("\n") for part in (textwrap.wrap(para, chars) or [""])]
            baseline = value.top - 2.0 - 0.8 * size
        else:
            lines = [" ".join(value.text.split())]
            baseline = (value.top + value.bottom) / 2 - 0.35 * size
        for number, line in enumerate(lines):
            if line.strip():
                x0 = value.x0 + 2.0
                if number == 0 and label is not None and label.bottom < baseline < label.top:
                    x0 = label.x1 + 0.3 * size  # one word space after its label
                runs.append(Run(line, x0, x0 + min(width, len(line) * _CHAR_EM * size),
                                baseline - 0.2 * size, baseline + 0.8 * size, size))
            baseline -= 1.15 * size
    return runs


def _label(value: FieldValue, page_runs: list[Run]) -> Run | None:
    """The printed run that ends nearest left of the widget on its first line, within
    ``_LABEL_REACH`` points: its label ("Name:"). A value placed one word space after its
    label reads as one line with it, however far the form designer put the box; otherwise
    a form whose every row is "label  [value]" would be read as two columns."""
    first = value.top - 2.0 - 0.4 * value.size if value.multiline else (value.top + value.bottom) / 2
    near = [run for run in page_runs
            if run.bottom <= first <= run.top and value.x0 - _LABEL_REACH <= run.x1 <= value.x0 + 1.0]
    return max(near, key=lambda run: run.x1, default=None)


def page_text(values: list[FieldValue]) -> str:
    """The values of one page as lines, in their order on the page (for text without layout)."""
    return "\n".join(value.text.strip() for value in values)


def _widget_value(annot, page: int, default_da: str) -> FieldValue | None:
    if not isinstance(annot, DictionaryObject) or _get(annot, "/Subtype") != "/Widget":
        return None
    if int(_get(annot, "/F") or 0) & _HIDDEN:
        return None
    kind = _inherited(annot, "/FT")
    flags = int(_inherited(annot, "/Ff") or 0)
    if kind == "/Tx":
        text = _text(_inherited(annot, "/V"))
    elif kind == "/Ch":
        text = _choice(_inherited(annot, "/V"), _inherited(annot, "/Opt"))
    elif kind == "/Btn" and not flags & _PUSHBUTTON:
        text = _ticked(annot, radio=bool(flags & _RADIO))
    else:
        return None  # signatures, push buttons, unknown kinds
    rect = _get(annot, "/Rect")
    if not text or not isinstance(rect, ArrayObject) or len(rect) != 4:
        return None
    x0, y0, x1, y1 = (float(_resolve(n)) for n in rect)
    x0, x1, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    multiline = kind == "/Tx" and bool(flags & _MULTILINE)
    size = _font_size(str(_inherited(annot, "/DA") or default_da))
    if not size:
        size = _AUTO_SIZE if multiline else max(min(0.7 * (top - bottom), 12.0), 6.0)
    return FieldValue(page, text, x0, bottom, x1, top, size, multiline)


def _text(value) -> str:
    if isinstance(value, StreamObject):  # long or rich text may be a stream (§12.7.4.3)
        try:
            value = value.get_data().decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - a broken value stream is no text
            return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip() if value is not None else ""


def _choice(value, options) -> str:
    """A list or combo box's selection(s); an export value shown as its display text from
    ``/Opt`` pairs ``[export display]``."""
    chosen = [_text(v) for v in value] if isinstance(value, ArrayObject) else [_text(value)]
    shown = {}
    if isinstance(options, ArrayObject):
        for option in options:
            option = _resolve(option)
            if isinstance(option, ArrayObject) and len(option) == 2:
                shown[_text(option[0])] = _text(option[1])
    return ", ".join(shown.get(c, c) for c in chosen if c)


def _ticked(annot, *, radio: bool) -> str:
    """A check box or radio button's text: its export name when that is a word ("German",
    "Full-time"), ``CHECKED`` for "Yes"/"On"-like names, nothing when off. A radio group's
    value is the chosen widget's state, so each widget reports only its own."""
    state = _get(annot, "/AS")
    if state is None and not radio:
        state = _inherited(annot, "/V")
    if not isinstance(state, NameObject) or state == "/Off":
        return ""
    if radio and _inherited(annot, "/V") not in (None, state):
        return ""
    name = str(state)[1:].replace("#20", " ").strip()
    return CHECKED if _GENERIC_STATES.match(name) else name


def _font_size(da: str) -> float:
    match = _DA_SIZE_RE.search(da)
    try:
        return float(match.group(1)) if match else 0.0
    except ValueError:
        return 0.0


def _drawn_already(value: FieldValue, page_runs: list[Run]) -> bool:
    probe = " ".join(value.text.split())[:20]
    return any(probe in " ".join(run.text.split()) and run.x1 > value.x0 and run.x0 < value.x1
               and run.top > value.bottom and run.bottom < value.top for run in page_runs)


def _acroform(reader):
    try:
        return _get(_get(reader.trailer, "/Root"), "/AcroForm")
    except Exception:  # noqa: BLE001 - a broken catalog has no form to read
        return None


def _inherited(annot, key: str):
    node = annot
    for _ in range(_MAX_PARENTS):
        if not isinstance(node, DictionaryObject):
            return None
        if key in node:
            return _resolve(node[key])
        node = _get(node, "/Parent")
    return None


def _get(obj, key: str):
    obj = _resolve(obj)
    return _resolve(obj.get(key)) if isinstance(obj, DictionaryObject) else None


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj
