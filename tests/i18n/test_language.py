"""Which language a person hears: their /language choice, else their app's locale, else English."""
import pytest

from i18n import language_names, language_of, translator, user_language


@pytest.mark.parametrize("locale, language", [
    ("de", "de"),            # Telegram language_code
    ("de-AT", "de"),
    ("fr-FR", "fr"),         # Slack user locale
    ("es-419", "es"),        # Latin-American Spanish (a UN M.49 region)
    ("es_ES", "es"),
    ("en-US", "en"),
    ("EN-gb", "en"),
    ("pt-br", None),         # a language we do not speak
    ("it", None),
    ("", None),
    (None, None),
    ("not a locale", None),  # junk
    ("xx-YY", None),
    ("-", None),
    ("de-", None),
])
def test_a_platform_locale_names_a_language_we_speak_or_none(locale, language):
    assert language_of(locale) == language


@pytest.mark.parametrize("chosen, locale, spoken", [
    ("fr", "de", "fr"),       # /language wins over the app's language
    (None, "de", "de"),
    (None, "pt-br", "en"),    # an app language we do not speak: English
    ("xx", "es-419", "es"),   # an unknown stored choice is ignored
    (None, None, "en"),
    ("de", None, "de"),
])
def test_the_spoken_language_is_the_choice_then_the_app_then_english(chosen, locale, spoken):
    assert user_language(chosen, locale) == spoken


def test_each_language_is_named_in_itself():
    assert language_names() == {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}


@pytest.mark.parametrize("code", ["pt", "xx", None, ""])
def test_an_unsupported_code_gets_the_english_translator(code):
    assert translator(code).language == "en"
    assert translator(code)("Cancel") == "Cancel"
