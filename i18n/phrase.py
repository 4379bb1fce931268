"""A sentence said now in English and later again in someone's language: a msgid with its parameters.

The worker writes what went wrong (a failed request's reason, a search's notes) before anyone knows
who will read it, and the REST API answers in English. A ``Phrase`` *is* that English text (a
``str``), so every existing use — a log line, the REST ``error``, a test's ``in`` — keeps working,
and it also keeps its msgid and parameters, so the chat can say it again with the reader's
``Translator``. Stored, its machine form is ``to_dict()`` (JSON) and comes back with ``from_dict``.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal


class Phrase(str):
    """English text of ``msgid`` filled with ``params``; ``say(t)`` the same in ``t``'s language.

    Parameter values: ``str``, ``int``, ``float`` (written by Babel in the language's way), another
    ``Phrase`` (said in the same language), a ``LanguageName`` or ``CountryName`` (CLDR's name in the language), a
    list of those (joined as "A, B and C") or a ``Series`` of them (joined by its separator).
    ``plural``: the msgid's plural form, chosen by ``params["n"]`` (see ``Phrase.ngettext``).
    """

    msgid: str
    params: dict[str, Any]
    plural: str | None

    def __new__(cls, msgid: str, *, plural: str | None = None, **params: Any) -> Phrase:
        n = params.get("n", 1)
        english = plural if plural is not None and n != 1 else msgid
        self = super().__new__(cls, english.format(**{k: _english(v) for k, v in params.items()}) if params
                               else english)
        self.msgid, self.params, self.plural = msgid, params, plural
        return self

    @classmethod
    def ngettext(cls, singular: str, plural: str, n: int, **params: Any) -> Phrase:
        """A phrase with a plural form ("{n} day" / "{n} days"), picked per language for ``n``."""
        return cls(singular, plural=plural, n=n, **params)

    def say(self, t) -> str:
        """This phrase in ``t``'s language (``t``: an ``i18n.Translator``)."""
        values = {key: _said(value, t) for key, value in self.params.items() if key != "n" or self.plural is None}
        if self.plural is not None:
            return t.ngettext(self.msgid, self.plural, self.params["n"], **values)
        return t(self.msgid, **values) if values else t(self.msgid)

    def to_dict(self) -> dict:
        """``{"msgid", "params", "plural"?}``: plain JSON; nested phrases as such dicts."""
        data: dict[str, Any] = {"msgid": self.msgid, "params": {k: _to_json(v) for k, v in self.params.items()}}
        if self.plural is not None:
            data["plural"] = self.plural
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> Phrase:
        """The phrase ``to_dict`` wrote; raises ``KeyError``/``TypeError`` for anything else."""
        params = {key: _from_json(value) for key, value in (data.get("params") or {}).items()}
        return cls(data["msgid"], plural=data.get("plural"), **params)

    def __reduce__(self):
        return _rebuild, (self.to_dict(),)


def as_phrase(text: str) -> Phrase:
    """``text`` as a ``Phrase``: itself when it is one, else a phrase whose msgid is the text (a sentence
    without parameters, or words from outside — a board's own refusal — said as written)."""
    return text if isinstance(text, Phrase) else Phrase(str(text))


def stored_phrase(data, english: str | None) -> Phrase | None:
    """The phrase stored as ``data`` (``to_dict``) when it still says ``english`` (a stale or unreadable
    machine form is ignored, so the English that was shown stays the truth); else None."""
    try:
        phrase = Phrase.from_dict(data) if data else None
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return phrase if phrase is not None and phrase == (english or "") else None


class LanguageName(str):
    """A language's name in English ("German") that a ``Phrase`` says in its reader's language
    ("Deutsch", "allemand", "alemán") from Babel's CLDR data; ``code`` is its ISO 639-1 code."""

    code: str

    def __new__(cls, code: str) -> LanguageName:
        self = super().__new__(cls, Locale("en").languages.get(code, code))
        self.code = code
        return self

    def say(self, t) -> str:
        return Locale.parse(t.language).languages.get(self.code, self.code)

    def __reduce__(self):
        return LanguageName, (self.code,)


class Series(tuple):
    """Items said one after another with a fixed ``separator`` ("en (English), de (German)"; "A could
    not be reached; B did not answer"), where a list would join them with the language's "and"."""

    separator: str

    def __new__(cls, items, separator: str = ", ") -> Series:
        self = super().__new__(cls, items)
        self.separator = separator
        return self

    def __reduce__(self):
        return Series, (tuple(self), self.separator)


class CountryName(str):
    """A country's name as given in English ("Germany", from GeoNames) that a ``Phrase`` says in its
    reader's language ("Deutschland", "Allemagne", "Alemania") from Babel's CLDR data; ``code`` is
    its ISO 3166 alpha-2 code."""

    code: str

    def __new__(cls, code: str, english: str | None = None) -> CountryName:
        self = super().__new__(cls, english or Locale("en").territories.get(code.upper(), code))
        self.code = code.upper()
        return self

    def say(self, t) -> str:
        return str(self) if t.language == "en" else Locale.parse(t.language).territories.get(self.code, str(self))

    def __reduce__(self):
        return CountryName, (self.code, str(self))


def _rebuild(data: dict) -> Phrase:
    return Phrase.from_dict(data)


def _english(value: Any) -> Any:
    if isinstance(value, Series):
        return value.separator.join(str(_english(item)) for item in value)
    if isinstance(value, list):
        items = [str(_english(item)) for item in value if item]
        return format_list(items, locale="en") if items else ""
    if isinstance(value, float):
        return format_decimal(value, locale="en")
    return value


def _said(value: Any, t) -> Any:
    if isinstance(value, (Phrase, LanguageName, CountryName)):
        return value.say(t)
    if isinstance(value, Series):
        # A separator marked as a msgid is said the reader's way (French puts a narrow no-break space
        # before ";"); "" is never looked up, since gettext answers it with the catalogue's header.
        separator = t(value.separator) if value.separator.strip() else value.separator
        return separator.join(str(_said(item, t)) for item in value)
    if isinstance(value, list):
        return t.list([str(_said(item, t)) for item in value])
    if isinstance(value, float):
        return format_decimal(value, locale=t.language)
    return value


def _to_json(value: Any) -> Any:
    if isinstance(value, Phrase):
        return value.to_dict()
    if isinstance(value, LanguageName):
        return {"language": value.code}
    if isinstance(value, CountryName):
        return {"country": value.code, "english": str(value)}
    if isinstance(value, Series):
        return {"series": [_to_json(item) for item in value], "separator": value.separator}
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, Mapping) and "msgid" in value:
        return Phrase.from_dict(value)
    if isinstance(value, Mapping) and "language" in value:
        return LanguageName(value["language"])
    if isinstance(value, Mapping) and "country" in value:
        return CountryName(value["country"], value.get("english"))
    if isinstance(value, Mapping) and "series" in value:
        return Series([_from_json(item) for item in value["series"]], value.get("separator", ", "))
    if isinstance(value, list):
        return [_from_json(item) for item in value]
    return value
