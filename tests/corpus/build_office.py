"""Rebuild the Word/OpenDocument CVs: ``python -m tests.corpus.build_office [--force] [--only SUBSTRING ...]``.

For every ``docx`` row of ``manifest.ROWS`` (the people whose PDFs LibreOffice exported from a
python-docx file), writes into ``tests/corpus/office/``:

- ``<file id>.python-docx.docx``: the .docx as python-docx writes it (the same file the PDF came from);
- ``<file id>.libreoffice.docx``: that file opened and saved again as .docx by LibreOffice;
- ``<file id>.libreoffice.odt``: that file saved as OpenDocument text by LibreOffice.

Their answer keys are the PDF's, in ``answers.json`` under the same file id. Needs python-docx and
LibreOffice (``apt-get install libreoffice-writer-nogui``); the tests only read the committed files.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.corpus.manifest import ROWS, Row
from tests.corpus.people import PEOPLE
from tests.corpus.render.docx_cv import convert, write_docx
from tests.corpus.render.latex import ToolMissing

HERE = Path(__file__).parent
OFFICE = HERE / "office"
# variant name → (what makes it, file extension)
VARIANTS = {"python-docx": "docx", "libreoffice": "docx", "libreoffice-odt": "odt"}


def office_rows() -> list[Row]:
    return [row for row in ROWS if row.producer == "docx"]


def office_path(file_id: str, variant: str) -> Path:
    """``tests/corpus/office/<file id>.<variant>.<ext>`` (``libreoffice-odt`` is ``.libreoffice.odt``)."""
    maker = variant.removesuffix("-odt")
    return OFFICE / f"{file_id}.{maker}.{VARIANTS[variant]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="write files that already exist again")
    parser.add_argument("--only", nargs="*", default=[], help="only file ids containing one of these")
    args = parser.parse_args(argv)
    OFFICE.mkdir(exist_ok=True)
    for row in office_rows():
        if args.only and not any(s in row.file_id for s in args.only):
            continue
        paths = {v: office_path(row.file_id, v) for v in VARIANTS}
        if all(p.exists() for p in paths.values()) and not args.force:
            continue
        source = write_docx(PEOPLE[row.person], row.layout)
        try:
            made = {"python-docx": source, "libreoffice": convert(source, "docx", "docx"),
                    "libreoffice-odt": convert(source, "docx", "odt")}
        except ToolMissing as exc:
            print(f"skipping LibreOffice variants: {exc}", file=sys.stderr)
            made = {"python-docx": source}
        for variant, data in made.items():
            paths[variant].write_bytes(data)
            print(f"{paths[variant].name}  {len(data) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
