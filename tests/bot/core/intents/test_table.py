"""Every row of the main intent table is understood fully right (kind and every argument)."""
from __future__ import annotations

from collections import Counter

import pytest

from bot.core.intents import reason_of, understand
from tests.bot.core.intents.expect import mismatches
from tests.bot.core.intents.table import ROWS


def test_table_covers_four_languages():
    per_language = Counter(lang for lang, _, _ in ROWS)
    assert len(ROWS) >= 150
    assert all(per_language[lang] >= 30 for lang in ("en", "de", "fr", "es")), per_language
    assert len({text for _, text, _ in ROWS}) == len(ROWS), "a row is repeated"


@pytest.mark.parametrize(("lang", "text", "expected"), ROWS, ids=[f"{lang}:{text}" for lang, text, _ in ROWS])
def test_utterance(lang, text, expected):
    assert mismatches(understand(text), expected) == []


@pytest.mark.parametrize(("text", "language"), [
    ("hello, can you find me marketing jobs in London?", "en"),
    ("Ich suche eine Stelle als Krankenpflegerin in Berlin", "de"),
    ("je cherche un poste de comptable à Lyon", "fr"),
    ("busco trabajo de enfermera en Madrid", "es"),
    ("zeig mir mehr", "de"),
    ("merci beaucoup", "fr"),
    ("muéstrame más", "es"),
    ("show me more please", "en"),
    ("60k", None),
    ("Jobs als Buchhalter in Köln", "de"),  # "Jobs" and "in" are English and German: "als" tells
    ("Softwareentwickler in München", "de"),  # a German compound and "ü"
    ("Pflegefachkraft in Hamburg", "de"),
    ("Stellen als Erzieherin in Koeln", "de"),
    ("un poste de comptable à Lyon", "fr"),
    ("trabajo de enfermera en Madrid", "es"),
    ("software developer in Munich", "en"),
    ("remote or not, doesnt matter", "en"),
    ("es una agencia", "es"),
    ("gibt es Jobs in Berlin?", "de"),  # "es" is Spanish too, but only as a word that tells nothing here
])
def test_written_in_tells_the_language_of_the_words(text, language):
    assert understand(text).written_in == language


@pytest.mark.parametrize(("text", "suggestion"), [
    ("", "/help"),
    ("   ", "/help"),
    ("🙂🙂🙂", "/help"),
    ("blah blah nurse blah blah", "/jobsearch nurse"),
    ("hmm", "/help"),
    ("Tell me about Amazon", "/help"),
    ("¡Hola! ¿Qué tal? Soy enfermera pero hoy no sé qué decir, la verdad es que estoy cansada de todo esto y"
     " de buscar sin parar durante semanas y semanas sin ninguna respuesta de nadie", "/jobsearch enfermera"),
    ("purple monkey dishwasher", "/help"),
    ("the quick brown fox jumps over the lazy nurse", "/jobsearch nurse"),
    ("details for 0", "/details 1"),  # no list has a job 0: the first job's command, to edit
    ("Details zu 0", "/details 1"),
    ("detalles de la 0", "/details 1"),
    ("show me 77", "/details 1"),
    ("letter for 0", "/apply 1"),
    ("lettre pour le 0", "/apply 1"),
    ("60", "/help"),  # a number alone above the list may be a salary: nothing to suggest
    ("pythn develper berln", "/jobsearch python developer in Berlin"),  # typos read back to role and place
    ("accountnt in Lodnon", "/jobsearch accountant in London"),
    ("Pyhton", "/jobsearch Python"),
    ("Buchhaltr in Münchn", "/jobsearch Buchhalter in München"),
    ("Entwicklr in Hambrg", "/jobsearch Entwickler in Hamburg"),
    ("comptble à Pairs", "/jobsearch comptable in Paris"),
    ("infirmire Lyonn", "/jobsearch infirmière in Lyon"),
    ("enfermra en Madird", "/jobsearch enfermera in Madrid"),
    ("desarollador en Barcelna", "/jobsearch desarrollador in Barcelona"),
    ("qwertz asdf", "/help"),  # nothing near enough: no guess
    ("xy", "/help"),  # never from a letter or two
    # The job left behind is never suggested; the place wished for is, else /help
    ("i used to work in retail for like 6 years but im kinda tired of it… something in an office, maybe around "
     "manchester or leeds", "/jobsearch in manchester"),
    ("I worked in retail for years and I'm fed up with it, I'd love something with animals maybe around Bristol",
     "/jobsearch in Bristol"),
    ("sick of retail", "/help"),
    ("früher war ich Verkäuferin, das will ich nicht mehr", "/help"),
    ("j'en ai marre de la vente", "/help"),
    ("harta de la hostelería", "/help"),
])
def test_unclear_suggests_one_command_from_what_was_understood(text, suggestion):
    intent = understand(text)
    assert intent.kind == "unclear"
    assert intent.suggestion == suggestion


@pytest.mark.parametrize("text", ["Buchhalter", "python", "Pflege", "nurse", "Marketing", "Vertrieb", "ventas"])
def test_a_role_or_skill_alone_is_a_search(text):
    assert (understand(text).kind, understand(text).query) == ("search", text)


def test_the_issue_example_is_a_search_not_an_echo():
    intent = understand("hello, can you find me marketing jobs in London?")
    assert (intent.kind, intent.query, intent.location, intent.suggestion) == ("search", "marketing", "London", None)


def test_a_pasted_page_is_unclear_and_not_echoed():
    text = ("I have worked for ten years in logistics and I am now looking for something different, maybe "
            "in an office, where I can use what I learnt about planning and people. ") * 30
    intent = understand(text)
    assert intent.kind == "unclear"
    assert len(intent.suggestion) < 60 and text[:40] not in intent.suggestion


def test_slash_free_words_that_look_like_places_stay_roles():
    assert understand("trabajo en ventas en Madrid").query == "ventas"
    assert understand("jobs in sales in Reading").location == "Reading"
    assert understand("no Amazon or Google").refinement.excluded_companies == ("Amazon", "Google")


@pytest.mark.parametrize(("text", "reason"), [
    ("too senior", "too_senior"), ("not my field", "not_my_field"), ("it's an agency", "agency"),
    ("wrong place", "wrong_place"), ("zu senior", "too_senior"), ("pas mon domaine", "not_my_field"),
    ("es una agencia", "agency"), ("demasiado senior", "too_senior"), ("not for me, too senior", "too_senior"),
    ("senior", None), ("senior jobs", None), ("less senior", None), ("only remote", None),
    ("3 is too senior", None), ("marketing jobs in London", None), ("", None), ("location", None),
])
def test_reason_of_names_the_reason_of_a_bare_answer(text, reason):
    assert reason_of(text) == reason
