"""Rebuild the CV corpus: ``python -m tests.corpus.build [--force] [--answers-only] [--only SUBSTRING ...]``.

Renders every row of ``manifest.ROWS`` into ``tests/corpus/pdfs/<file id>.pdf`` with its producer
(TeX Live, RenderCV, LibreOffice, Chromium; a producer whose tool is missing is skipped with a message)
and writes ``answers.json``: per file, the answer key derived from the source person in ``people/``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import phonenumbers

from tests.corpus.manifest import ROWS, Row
from tests.corpus.people import PEOPLE, Person
from tests.corpus.render import docx_cv, html_cv, latex, rendercv_cv
from tests.corpus.render.latex import ToolMissing

HERE = Path(__file__).parent
PDFS = HERE / "pdfs"
ANSWERS = HERE / "answers.json"


def render(row: Row) -> bytes:
    """The PDF bytes of one manifest row; raises ToolMissing when its producer's tool is absent."""
    p, opts = PEOPLE[row.person], row.options
    if row.producer == "moderncv":
        return latex.compile_tex({"main.tex": latex.moderncv_source(p, opts["style"], opts["engine"])}, opts["engine"])
    if row.producer == "europasscv":
        return latex.compile_tex({"main.tex": latex.europass_source(p, opts["engine"])}, opts["engine"])
    if row.producer == "simplecv":
        return latex.compile_tex({"main.tex": latex.simplecv_source(p, opts["engine"])}, opts["engine"])
    if row.producer == "curve":
        return latex.compile_tex(latex.curve_sources(p, opts["engine"]), opts["engine"])
    if row.producer == "rendercv":
        return rendercv_cv.render_rendercv(p, opts["theme"], opts.get("headline", True))
    if row.producer == "docx":
        return docx_cv.render_docx(p, row.layout)
    if row.producer == "html":
        return html_cv.render_html(p, row.layout)
    raise ValueError(f"unknown producer {row.producer}")


def _printed_phone(row: Row, p: Person) -> str:
    return rendercv_cv.printed_phone(p) if row.producer == "rendercv" else p.phone


def answer(row: Row) -> dict:
    """The answer key of one file, from the source person (never from any reader's output)."""
    p = PEOPLE[row.person]
    headline = row.options.get("headline", True)
    current = p.jobs[0].title
    title = p.title if headline else current
    phone = _printed_phone(row, p)
    e164 = phonenumbers.format_number(phonenumbers.parse(phone, p.country), phonenumbers.PhoneNumberFormat.E164)
    return {
        "person": p.id, "producer": row.producer, "options": row.options, "layout": row.layout,
        "language": p.lang, "name": p.name, "printed_name": p.printed_name, "email": p.email,
        "phone": phone, "phone_e164": e164, "city": p.city, "country": p.country, "title": title,
        "title_alternatives": [t for t in (p.title, current) if t != title],
        "experience": [{"start": j.start, "end": j.end} for j in p.jobs],
        "skills": list(p.skills), "languages": [name for name, _ in p.languages],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers-only", action="store_true", help="write answers.json, render nothing")
    parser.add_argument("--force", action="store_true", help="render files that already exist again")
    parser.add_argument("--only", nargs="*", default=[], help="render only file ids containing one of these")
    args = parser.parse_args(argv)
    PDFS.mkdir(exist_ok=True)
    missing: set[str] = set()
    for row in ROWS:
        if args.answers_only or (args.only and not any(s in row.file_id for s in args.only)):
            continue
        if row.producer in missing or ((PDFS / f"{row.file_id}.pdf").exists() and not args.force):
            continue
        try:
            data = render(row)
        except ToolMissing as exc:
            print(f"skipping producer {row.producer}: {exc}", file=sys.stderr)
            missing.add(row.producer)
            continue
        (PDFS / f"{row.file_id}.pdf").write_bytes(data)
        print(f"{row.file_id}.pdf  {len(data) // 1024} KiB")
    answers = {row.file_id: answer(row) for row in ROWS}
    ANSWERS.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"answers.json: {len(answers)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
