"""Phone: libphonenumber's matcher with a region inferred from the CV; national formats."""
import pytest

from domain.cv.phones import extract_phone, regions_for


@pytest.mark.parametrize("text, country, expected", [
    ("Jane Doe | 503-555-0142 | jane@example.com", "US", "503-555-0142"),
    ("Jane Doe\n312.555.0199", "US", "312.555.0199"),
    ("Jonas Becker\nMobil 0171 2345678", "DE", "0171 2345678"),
    ("Camille Martin\n06 12 34 56 78", "FR", "06 12 34 56 78"),
    ("Jonas Becker\nTel.: +49 221 123456", None, "+49 221 123456"),
    ("Sam Lee\n(415) 555-0134", "US", "(415) 555-0134"),
])
def test_national_and_international_formats(text, country, expected):
    assert extract_phone(text, country=country) == expected


def test_region_from_the_email_domain_without_a_place():
    assert regions_for("x", country=None, email="jonas@example.de")[0] == "DE"


def test_region_from_the_language_without_place_or_email_domain():
    text = "Erfahrung mit Python und SQL, seit 2019 bei der Firma, für die ich arbeite"
    assert regions_for(text, country=None, email="jonas@example.com")[0] == "DE"


def test_national_number_found_without_any_hint():
    assert extract_phone("Jonas Becker\n0171 2345678") == "0171 2345678"


@pytest.mark.parametrize("text", [
    "Acme GmbH 2019 - 2021",
    "Acme GmbH 2018 2021",
    "Hauptstraße 5, 50667 Köln",
    "01/2016 – 12/2019 Disponent",
    "Matrikelnummer 12345678",
])
def test_dates_postcodes_and_ids_are_not_phones(text):
    assert extract_phone(text, country="DE") is None


def test_header_number_wins_over_one_in_the_body():
    text = "Jonas Becker\n0171 2345678\nExperience\nHotline +49 30 1234567"
    assert extract_phone(text, header="Jonas Becker\n0171 2345678", country="DE") == "0171 2345678"


def test_number_glued_to_the_next_word_by_the_text_layer():
    assert extract_phone("Ana\n(47) 99123-4567anapaula@example.com.br", country="BR") == "(47) 99123-4567"
    assert extract_phone("MOBILE-ALT +44 7911 123456Envelope ewan@example.co.uk") == "+44 7911 123456"


@pytest.mark.parametrize("text", ["Steuer-ID 12 345 678 901", "ORCID 0000-0002-1825-0097",
                                  "IBAN DE89 3704 0044 0532 0130 00"])
def test_labelled_identifiers_are_not_phones(text):
    assert extract_phone(text) is None


def test_phone_number_label_is_not_an_identifier_label():
    assert extract_phone("Phone no. 503-555-0142") == "503-555-0142"


def test_area_code_in_brackets_is_kept():
    assert extract_phone("Telefone: (11) 98765-4321") == "(11) 98765-4321"


@pytest.mark.parametrize("text, country, expected", [
    ("Marco Bianchi\nVia Roma 1, +39 011 562 224610121 Torino", "IT", "+39 011 562 2246"),
    ("Anna Huber\n+43 316 22461 8020 Graz", "AT", "+43 316 22461"),
    ("Jonas Becker\n+49 171 234567810115 Berlin", "DE", "+49 171 2345678"),
    ("Rui Sousa\n912 345 6784000-123 Porto", "PT", "912 345 678"),
])
def test_a_postcode_glued_or_set_after_the_number_is_no_part_of_it(text, country, expected):
    assert extract_phone(text, country=country) == expected


def test_a_long_number_before_a_town_keeps_its_digits():
    assert extract_phone("Jonas Becker\n030 12345678 Berlin", country="DE") == "030 12345678"


@pytest.mark.parametrize("text, email, expected", [
    ("Lucía Gómez\nlucia.gomez@example.es654 12 98 37", "lucia.gomez@example.es", "654 12 98 37"),
    ("Jan de Vries\njan@example.nl0612345678", "jan@example.nl", "0612345678"),
    ("Emma Rossi\nemma.rossi@example.it347 123 4567", "emma.rossi@example.it", "347 123 4567"),
])
def test_a_number_glued_after_the_email(text, email, expected):
    assert extract_phone(text, email=email) == expected
