"""The catalogues cover the code: every msgid extracted from it (Babel's extractor, in-process, as
``python -m i18n.update`` runs it) is translated in German, French and Spanish, keeps its placeholders
and compiles."""
from string import Formatter

import pytest
from babel.messages.mofile import write_mo
from io import BytesIO

from i18n.update import TRANSLATED, extract_template, read_catalogue, to_do

TEMPLATE = extract_template()


def ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_the_code_has_sentences_to_translate():
    assert len(TEMPLATE) > 250  # extraction ran over bot/, services/, domain/ and pipeline/


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_msgid_of_the_code_is_in_the_catalogue_translated_and_not_fuzzy(language):
    catalogue = read_catalogue(language)
    missing = [message.id for message in TEMPLATE if message.id and catalogue.get(message.id) is None]
    assert missing == [], f"run python -m i18n.update and translate: {missing}"
    assert to_do(catalogue) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_keeps_the_placeholders_of_its_msgid(language):
    wrong = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        expected = set().union(*(placeholders(text) for text in ids(message)))
        wrong += [(message.id, text) for text in forms(message) if placeholders(text) != expected]
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_passes_babels_checks_and_compiles(language):
    catalogue = read_catalogue(language)
    assert [(message.id, errors) for message, errors in catalogue.check()] == []
    assert catalogue.num_plurals == len(forms(next(m for m in catalogue if isinstance(m.id, tuple))))
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    assert compiled.tell() > 10_000
