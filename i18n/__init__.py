"""The bot's words in the user's language: gettext catalogues read with Babel, one per language.

Every sentence the bot says is written in English in the code, marked for extraction (``t("…")``,
``t.ngettext(…)``, ``N_("…")`` for module-level constants) and translated from the catalogues in
``i18n/locales/<lang>/LC_MESSAGES/messages.po``. The ``.po`` files are the source of truth and are
compiled in memory on first use (Babel's ``read_po``/``write_mo``), so there is no build step.

Update the catalogues after changing a sentence::

    pybabel extract -F i18n/babel.cfg -k t -o i18n/messages.pot .
    pybabel update -i i18n/messages.pot -d i18n/locales

Placeholders are named (``{query}``) and filled after translation with ``str.format``, so a
translation may move them and a user's text is never read as a template.
"""
from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

SUPPORTED = ("en", "de", "fr", "es")
DEFAULT = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention for "mark, translate later")
    """Marks a module-level sentence for extraction; translate it where it is used: ``t(CONSTANT)``."""
    return message


class Translator:
    """One language's gettext, with named placeholders and CLDR lists."""

    def __init__(self, language: str, translations: NullTranslations):
        self.language = language
        self._translations = translations

    def __call__(self, message: str, **params) -> str:
        """``message`` (English, a catalogue msgid) in this language, placeholders filled."""
        text = self._translations.gettext(message)
        return text.format(**params) if params else text

    def gettext(self, message: str, **params) -> str:
        return self(message, **params)

    def ngettext(self, singular: str, plural: str, n: int, **params) -> str:
        """The form for ``n`` by the language's plural rule; ``{n}`` is filled with ``n``."""
        return self._translations.ngettext(singular, plural, n).format(n=n, **params)

    def list(self, items: list[str], style: str = "standard") -> str:
        """"A, B and C" in this language (CLDR list patterns); "" for no items."""
        items = [item for item in items if item]
        return format_list(items, style=style, locale=self.language) if items else ""

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"


@functools.cache
def translator(language: str | None) -> Translator:
    """The translator for a supported language code; English for None or any other code."""
    language = language if language in SUPPORTED else DEFAULT
    return Translator(language, _translations(language))


def _translations(language: str) -> NullTranslations:
    po = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT or not po.exists():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain="messages")


def language_of(locale: str | None) -> str | None:
    """The supported language a platform locale names ("de-AT", "pt_BR" → None, "fr" → "fr"); None
    when it names none we speak or cannot be read (Telegram's ``language_code`` is IETF, Slack's
    ``locale`` is "en-US")."""
    if not locale:
        return None
    try:
        language = Locale.parse(locale.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None
    return language if language in SUPPORTED else None


def user_language(chosen: str | None, platform_locale: str | None) -> str:
    """What to speak to a person: their ``/language`` choice, else their app's language, else English."""
    if chosen in SUPPORTED:
        return chosen
    return language_of(platform_locale) or DEFAULT


LANGUAGE_NAMES = {code: Locale(code).get_display_name(code).capitalize() for code in SUPPORTED}
"""Each supported language in its own words ("Deutsch", "Français"), for /language."""
