"""Extract the bot's sentences and merge them into every catalogue: ``python -m i18n.update``.

The same as ``pybabel extract -F i18n/babel.cfg -k t -o i18n/messages.pot .`` followed by
``pybabel update -i i18n/messages.pot -d i18n/locales --no-fuzzy-matching``, in-process (Babel's
``extract_from_dir``, ``Catalog.update``), so the tests extract exactly what the command does.
It then lists, per language, the entries a translator still has to fill in.
"""
from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from i18n import DEFAULT, LOCALES_DIR, SUPPORTED

ROOT = Path(__file__).resolve().parent.parent
MAPPING = Path(__file__).parent / "babel.cfg"
TEMPLATE = Path(__file__).parent / "messages.pot"
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None}  # t("…"): the Translator's call, like gettext
TRANSLATED = tuple(language for language in SUPPORTED if language != DEFAULT)


def extract_template() -> Catalog:
    """Every msgid marked in the code the mapping names (``i18n/babel.cfg``), with where it is used."""
    with MAPPING.open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    template = Catalog(project="job-agent", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def catalogue_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"


def read_catalogue(language: str) -> Catalog:
    """The language's ``.po``; an empty catalogue when it does not exist yet."""
    path = catalogue_path(language)
    if not path.exists():
        return Catalog(locale=language, project="job-agent", fuzzy=False)
    with path.open("rb") as source:
        return read_po(source, locale=language)


def to_do(catalogue: Catalog) -> list[str]:
    """The msgids of ``catalogue`` still untranslated or marked fuzzy."""
    return [str(message.id) for message in catalogue if message.id
            and (message.fuzzy or not all(message.string if isinstance(message.string, tuple) else [message.string]))]


def update() -> dict[str, list[str]]:
    """Write the template and merge it into each language's catalogue (new msgids empty, gone ones
    dropped); returns each language's entries still to translate."""
    template = extract_template()
    _write_if_changed(TEMPLATE, template)
    remaining = {}
    for language in TRANSLATED:
        catalogue = read_catalogue(language)
        catalogue.update(template, no_fuzzy_matching=True)
        _write_if_changed(catalogue_path(language), catalogue)
        remaining[language] = to_do(catalogue)
    return remaining


def _write_if_changed(path: Path, catalogue: Catalog) -> None:
    """Write ``catalogue`` as a .po/.pot unless only its creation date would change (no churn in git)."""
    out = BytesIO()
    write_po(out, catalogue, width=100, ignore_obsolete=True)
    new = out.getvalue()
    if path.exists() and _undated(path.read_bytes()) == _undated(new):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)


def _undated(po: bytes) -> bytes:
    return b"\n".join(line for line in po.split(b"\n") if not line.startswith(b'"POT-Creation-Date:'))


def main() -> int:
    remaining = update()
    for language, msgids in remaining.items():
        print(f"{language}: {len(msgids)} to translate")
        for msgid in msgids:
            print(f"  {msgid!r}")
    return 1 if any(remaining.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
