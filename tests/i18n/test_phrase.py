"""A worker's sentence is English now and the reader's language later: Phrase keeps msgid and params."""
import json
import pickle

from hypothesis import given
from hypothesis import strategies as st

from domain.cv.errors import TooManyPagesError
from domain.errors import PermanentError
from i18n import LanguageName, Phrase, Series, as_phrase, stored_phrase, translator
from services.errors import Refused

NESTED = Phrase("Missing from this list: {failures}.", failures=Series(
    [Phrase.ngettext("{boards} could not be reached", "{boards} could not be reached", 2, boards=["One", "Two"]),
     Phrase.ngettext("{boards} is not answering right now", "{boards} are not answering right now", 1,
                     boards=["Three"])], "; "))


def test_a_phrase_is_its_english_text():
    assert NESTED == "Missing from this list: One and Two could not be reached; Three is not answering right now."
    assert isinstance(NESTED, str) and json.dumps([NESTED]) == json.dumps([str(NESTED)])


def test_a_phrase_comes_back_whole_from_json_and_pickle():
    again = Phrase.from_dict(json.loads(json.dumps(NESTED.to_dict())))
    assert again == NESTED and again.to_dict() == NESTED.to_dict()
    assert pickle.loads(pickle.dumps(NESTED)).to_dict() == NESTED.to_dict()


def test_a_phrase_is_said_in_the_readers_language():
    german = translator("de")(NESTED)
    assert german.startswith("In dieser Liste fehlen") and "One und Two" in german and "Three" in german
    assert translator("fr")(Phrase("{language}", language=LanguageName("de"))) == "allemand"
    assert translator("es")(Phrase("{language}", language=LanguageName("de"))) == "alemán"


def test_numbers_in_a_phrase_are_written_the_readers_way():
    assert Phrase("{seconds} s", seconds=2.5) == "2.5 s"
    assert translator("de")(Phrase("{seconds} s", seconds=2.5)) == "2,5 s"


def test_errors_keep_english_for_the_api_and_the_phrase_for_the_chat():
    error = TooManyPagesError(pages=12, limit=5, scanned=True)
    assert error.user_message == ("This document has 12 scanned pages; I read CVs of up to 5 scanned pages. "
                                  "Please send only the pages of your CV.")
    assert "12" in translator("fr")(error.user_message) and "pages numérisées" in translator("fr")(error.user_message)
    refused = Refused("Pick a job number between 1 and {count}, e.g. /apply 1.", params={"count": 7})
    assert refused.message == "Pick a job number between 1 and 7, e.g. /apply 1."
    assert refused.text(translator("es")).startswith("Elige un número de oferta entre 1 y 7")
    assert PermanentError("plain {braces} kept").user_message == "plain {braces} kept"  # no params: no template


def test_a_stored_phrase_counts_only_while_it_still_says_the_english():
    data = NESTED.to_dict()
    assert stored_phrase(data, str(NESTED)) == NESTED
    assert stored_phrase(data, "Something else was stored later.") is None
    assert stored_phrase({"params": {}}, "x") is None and stored_phrase(None, "x") is None
    assert as_phrase("plain").to_dict() == {"msgid": "plain", "params": {}}


@given(st.text(), st.integers(-10**6, 10**6))
def test_parameters_are_never_read_as_templates(text, number):
    phrase = Phrase("“{query}” and {count}", query=text, count=number)
    assert phrase == f"“{text}” and {number}"
    assert Phrase.from_dict(json.loads(json.dumps(phrase.to_dict()))) == phrase
    assert translator("de")(phrase) == f"“{text}” and {number}"  # not in the catalogue: English


def test_a_country_keeps_its_english_name_and_is_said_in_the_readers_language():
    from i18n import CountryName

    note = Phrase("{n} elsewhere in {country}", n=2, country=CountryName("US", "United States"))
    again = Phrase.from_dict(json.loads(json.dumps(note.to_dict())))
    assert again == note == "2 elsewhere in United States"
    assert translator("de")(Phrase("{country}", country=again.params["country"])) == "Vereinigte Staaten"
    assert translator("es")(Phrase("{country}", country=CountryName("de"))) == "Alemania"
