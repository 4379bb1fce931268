"""RenderCV (Typst) producer: the person as RenderCV's YAML input, rendered by its ``rendercv render`` CLI.

RenderCV's own themes (classic, sb2nov, moderncv, engineeringresumes, engineeringclassic) are used as
shipped; section titles are the YAML keys, so they come out in the CV's language. RenderCV prints the
phone itself with ``phonenumbers`` in the locale's format, so the printed phone is that formatting.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import phonenumbers

from tests.corpus.people import Person
from tests.corpus.render.common import _ABBR, _MONTHS, city_country, heading, languages_line
from tests.corpus.render.latex import ToolMissing

_PRESENT = {"en": "present", "de": "heute", "fr": "aujourd'hui", "es": "actualidad", "pt": "atual",
            "it": "oggi", "nl": "heden"}


def printed_phone(p: Person) -> str:
    """The phone as RenderCV prints it: national format unless the person writes it with "+"."""
    number = phonenumbers.parse(p.phone, p.country)
    style = phonenumbers.PhoneNumberFormat.INTERNATIONAL if p.phone.startswith("+") \
        else phonenumbers.PhoneNumberFormat.NATIONAL
    return phonenumbers.format_number(number, style)


def _locale(p: Person) -> dict:
    return {
        "language": p.lang,
        "phone_number_format": "international" if p.phone.startswith("+") else "national",
        "present": _PRESENT[p.lang],
        "abbreviations_for_months": [m.rstrip(".") for m in _ABBR[p.lang].split()],
        "full_names_of_months": _MONTHS[p.lang].split(),
    }


def rendercv_input(p: Person, theme: str, headline: bool) -> dict:
    """RenderCV's input as a dict (JSON is YAML, so it is written out as is)."""
    e164 = phonenumbers.format_number(phonenumbers.parse(p.phone, p.country), phonenumbers.PhoneNumberFormat.E164)
    sections = {}
    if headline:
        sections[heading(p, "summary")] = [p.title, p.summary]
    else:
        sections[heading(p, "summary")] = [p.summary]
    sections[heading(p, "experience")] = [
        {"company": j.company, "position": j.title, "start_date": j.start, "end_date": j.end or "present",
         **({"highlights": list(j.bullets)} if j.bullets else {})} for j in p.jobs]
    sections[heading(p, "education")] = [
        {"institution": s.school, "area": s.degree, "date": s.period} for s in p.education]
    sections[heading(p, "skills")] = [{"label": heading(p, "skills"), "details": ", ".join(p.skills)},
                                     {"label": heading(p, "languages"), "details": ", ".join(languages_line(p))}]
    name = f"{p.prefix} {p.name}".strip()
    return {"cv": {"name": name.upper() if p.caps_name else name, "location": city_country(p),
                   "email": p.email, "phone": e164, "sections": sections},
            "design": {"theme": theme, "header": {"use_icons_for_connections": False}}, "locale": _locale(p)}


_STUB_TOML = '[package]\nname = "fontawesome"\nversion = "0.5.0"\nentrypoint = "lib.typ"\n'
_STUB_LIB = "#let fa-icon(name, ..args) = box[]\n"


def _offline_env(tmp: str) -> dict:
    """An environment whose Typst package folder holds a local stand-in for the icon package the
    themes import (icons are switched off, so it draws nothing): rendering needs no network."""
    pkg = Path(tmp, "data", "typst", "packages", "preview", "fontawesome", "0.5.0")
    pkg.mkdir(parents=True)
    (pkg / "typst.toml").write_text(_STUB_TOML)
    (pkg / "lib.typ").write_text(_STUB_LIB)
    return {**os.environ, "XDG_DATA_HOME": str(Path(tmp, "data")), "XDG_CACHE_HOME": str(Path(tmp, "cache"))}


def render_rendercv(p: Person, theme: str, headline: bool = True) -> bytes:
    """Render with the ``rendercv`` CLI of this interpreter's environment; returns the PDF bytes."""
    exe = Path(sys.executable).with_name("rendercv")
    if not exe.exists() and shutil.which("rendercv") is None:
        raise ToolMissing("rendercv is not installed (pip install -e '.[corpus]')")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp, "cv.yaml")
        source.write_text(json.dumps(rendercv_input(p, theme, headline), ensure_ascii=False), encoding="utf-8")
        out = Path(tmp, "cv.pdf")
        run = subprocess.run([str(exe if exe.exists() else "rendercv"), "render", str(source), "--pdf-path", str(out),
                              "-nomd", "-nohtml", "-nopng"], cwd=tmp, capture_output=True, text=True, timeout=300,
                             env=_offline_env(tmp))
        if not out.exists():
            raise RuntimeError(f"rendercv failed:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
        return out.read_bytes()
