"""Every sentence the chat core says goes through the catalogue: a literal that reads like words to a
person, outside ``t()``/``N_()``/``Phrase``, fails here (a simple AST check of the modules below)."""
import ast
import re
from pathlib import Path

import pytest

from i18n.update import extract_template

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ["bot/core/texts.py", "bot/core/notifications.py"]
MARKERS = {"t", "N_", "ngettext", "gettext", "Phrase"}  # calls whose string arguments are msgids
QUIET = {"debug", "info", "warning", "error", "exception", "getLogger"}  # logs are for operators, in English
WORDS = re.compile(r"[^\W\d_]{2,}[^\w{}]+[^\W\d_]{2,}")  # two words: "Cover letter", "✓ CV read"
CAPITALISED = re.compile(r"^\W*[A-Z][a-z]{2,}\W*$")  # one word a person reads: "Cancel", "Working"
WORD = re.compile(r"[^\W\d_]{2,}")  # any word in an f-string's text: f"{what} failed" (keys are no f-strings)


def unwrapped(source: str) -> list[tuple[int, str]]:
    """(line, text) of each literal that looks said to a person but is not marked for translation."""
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
                exempt.add(id(node.body[0].value))  # a docstring
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in MARKERS or name in QUIET:
                exempt.update(id(part) for arg in node.args for part in ast.walk(arg))
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            exempt.update(id(part) for part in node.values)
            if WORD.search(text):
                found.append((node.lineno, text))
                continue
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if WORDS.search(text) or CAPITALISED.match(text):
            found.append((node.lineno, text))
    return found


@pytest.mark.parametrize("path", CHECKED)
def test_every_sentence_of_the_chat_core_is_marked_for_translation(path):
    assert unwrapped((ROOT / path).read_text()) == []


@pytest.mark.parametrize("source, caught", [
    ('Message(title="Delete everything?")', True),
    ('Button("Cancel", "forget_cancel")', True),
    ('x = f"{what} failed"', True),
    ('return "✓ Letter ready", [letter], None', True),
    ('Message(title=t("Delete everything?"))', False),
    ('STAGES = {"reading": N_("Reading your CV")}', False),
    ('Button(t("Cancel"), "forget_cancel")', False),
    ('value = f"{ranking_id}:{number}"', False),
    ('job.get("company_name", "")', False),
    ('logger.info("status edit failed: %s", exc)', False),
    ('" · ".join(parts)', False),
])
def test_the_check_tells_a_bare_sentence_from_a_marked_one_and_from_keys(source, caught):
    assert bool(unwrapped(source)) is caught


def marked(source: str) -> list[str]:
    """The literal msgids of ``t("…")``, ``N_("…")`` and ``ngettext("…", "…", n)`` calls in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            count = 2 if name == "ngettext" else 1 if name in ("t", "N_", "gettext") else 0
            found += [arg.value for arg in node.args[:count] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return found


@pytest.mark.parametrize("path", CHECKED)
def test_every_marked_sentence_is_found_by_the_extractor(path):
    """A marker nested in another's arguments (``t(X.get(k, N_("…")))``) is skipped by Babel's extractor."""
    extracted = {part for message in extract_template() if message.id
                 for part in (message.id if isinstance(message.id, tuple) else (message.id,))}
    assert [text for text in marked((ROOT / path).read_text()) if text not in extracted] == []
