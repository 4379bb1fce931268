"""What every renderer shares: section headings, language names and date ranges in each CV language."""
from __future__ import annotations

from tests.corpus.people import Job, Person

HEADINGS = {
    "en": {"summary": "Profile", "experience": "Work Experience", "education": "Education", "skills": "Skills",
           "languages": "Languages", "contact": "Contact", "personal": "Personal information"},
    "de": {"summary": "Kurzprofil", "experience": "Berufserfahrung", "education": "Ausbildung",
           "skills": "Kenntnisse", "languages": "Sprachen", "contact": "Kontakt", "personal": "Angaben zur Person"},
    "fr": {"summary": "Profil", "experience": "Expérience professionnelle", "education": "Formation",
           "skills": "Compétences", "languages": "Langues", "contact": "Contact",
           "personal": "Informations personnelles"},
    "es": {"summary": "Resumen profesional", "experience": "Experiencia laboral", "education": "Educación",
           "skills": "Habilidades", "languages": "Idiomas", "contact": "Contacto",
           "personal": "Información personal"},
    "pt": {"summary": "Resumo Profissional", "experience": "Experiência Profissional",
           "education": "Formação Acadêmica", "skills": "Competências", "languages": "Idiomas",
           "contact": "Contato", "personal": "Informação pessoal"},
    "it": {"summary": "Profilo", "experience": "Esperienza professionale", "education": "Istruzione e formazione",
           "skills": "Competenze", "languages": "Lingue", "contact": "Contatti", "personal": "Informazioni personali"},
    "nl": {"summary": "Profiel", "experience": "Werkervaring", "education": "Opleiding", "skills": "Vaardigheden",
           "languages": "Talen", "contact": "Contact", "personal": "Persoonlijke gegevens"},
}

_LANGUAGE_NAMES = {  # English name -> name in each CV language
    "English": dict(en="English", de="Englisch", fr="Anglais", es="Inglés", pt="Inglês", it="Inglese", nl="Engels"),
    "German": dict(en="German", de="Deutsch", fr="Allemand", es="Alemán", pt="Alemão", it="Tedesco", nl="Duits"),
    "French": dict(en="French", de="Französisch", fr="Français", es="Francés", pt="Francês", it="Francese",
                   nl="Frans"),
    "Spanish": dict(en="Spanish", de="Spanisch", fr="Espagnol", es="Español", pt="Espanhol", it="Spagnolo",
                    nl="Spaans"),
    "Portuguese": dict(en="Portuguese", de="Portugiesisch", fr="Portugais", es="Portugués", pt="Português",
                       it="Portoghese", nl="Portugees"),
    "Italian": dict(en="Italian", de="Italienisch", fr="Italien", es="Italiano", pt="Italiano", it="Italiano",
                    nl="Italiaans"),
    "Dutch": dict(en="Dutch", de="Niederländisch", fr="Néerlandais", es="Neerlandés", pt="Holandês",
                  it="Olandese", nl="Nederlands"),
    "Polish": dict(en="Polish", de="Polnisch"),
    "Czech": dict(de="Tschechisch"),
    "Danish": dict(en="Danish"),
    "Irish": dict(en="Irish"),
    "Gujarati": dict(en="Gujarati"),
    "Arabic": dict(fr="Arabe"),
    "Romanian": dict(it="Rumeno"),
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
_ABBR = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sep. Okt. Nov. Dez.",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.",
    "pt": "jan. fev. mar. abr. mai. jun. jul. ago. set. out. nov. dez.",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
    "nl": "jan. feb. mrt. apr. mei jun. jul. aug. sep. okt. nov. dec.",
}


def _ym(value: str) -> tuple[int, int]:
    year, month = value.split("-")
    return int(year), int(month)


def _mm_yy(v): y, m = _ym(v); return f"{m:02d}/{y % 100:02d}"
def _mm_yyyy(v): y, m = _ym(v); return f"{m:02d}/{y}"
def _month(lang): return lambda v: f"{_MONTHS[lang].split()[_ym(v)[1] - 1]} {_ym(v)[0]}"
def _abbr(lang): return lambda v: f"{_ABBR[lang].split()[_ym(v)[1] - 1]} {_ym(v)[0]}"
def _year(v): return v[:4]


# style -> (how a month is printed, the closed-range joiner, how an open range is printed)
DATE_STYLES = {
    "en_mm_yyyy": (_mm_yyyy, "{a} – {b}", "{a} – present"),
    "en_yyyy_mm": (lambda v: v, "{a} – {b}", "{a} – present"),
    "en_month": (_month("en"), "{a} to {b}", "{a} to date"),
    "en_abbr": (_abbr("en"), "{a} – {b}", "{a} – Present"),
    "de_mm_yy": (_mm_yy, "{a} – {b}", "{a} – heute"),
    "de_abbr": (_abbr("de"), "{a} – {b}", "seit {a}"),
    "de_mm_yyyy": (_mm_yyyy, "{a} – {b}", "seit {a}"),
    "fr_depuis": (_mm_yyyy, "{a} – {b}", "depuis {y}"),
    "fr_mm_yyyy": (_mm_yyyy, "{a} – {b}", "{a} – aujourd'hui"),
    "fr_abbr": (_abbr("fr"), "{a} – {b}", "{a} – actuel"),
    "es_desde": (_abbr("es"), "{a} – {b}", "desde {y}"),
    "es_month": (_month("es"), "{a} – {b}", "{a} – actualidad"),
    "pt_atual": (_year, "{a} – {b}", "{a} – atual"),
    "pt_month": (_abbr("pt"), "{a} – {b}", "{a} – o momento"),
    "it_dal": (_mm_yyyy, "{a} – {b}", "dal {y} – oggi"),
    "it_month": (_month("it"), "{a} – {b}", "{a} – in corso"),
    "nl_sinds": (_abbr("nl"), "{a} – {b}", "sinds {a}"),
}


def date_range(person: Person, job: Job) -> str:
    """The job's period as this CV prints it ("04/19 – heute", "depuis 2020", "Jan 2016 – Dec 2019")."""
    fmt, closed, open_ = DATE_STYLES[person.date_style]
    if job.end is None:
        return open_.format(a=fmt(job.start), y=job.start[:4])
    return closed.format(a=fmt(job.start), b=fmt(job.end))


def language_name(person: Person, english: str) -> str:
    """A spoken language's name in the CV's language (falls back to the English name)."""
    return _LANGUAGE_NAMES.get(english, {}).get(person.lang, english)


def languages_line(person: Person) -> list[str]:
    """"Deutsch (Muttersprache)"-style entries, one per spoken language."""
    return [f"{language_name(person, name)} ({level})" for name, level in person.languages]


def heading(person: Person, key: str) -> str:
    return HEADINGS[person.lang][key]


def place_line(person: Person) -> str:
    """The postal line as printed: "72070 Tübingen", "Bend, OR 97703", or the city alone."""
    if not person.postcode:
        return person.city
    if person.country == "US":
        return f"{person.city}, {person.postcode}"
    return f"{person.postcode} {person.city}"


COUNTRY_NAMES = {
    "en": dict(US="USA", GB="United Kingdom", IE="Ireland", DK="Denmark"),
    "de": dict(DE="Deutschland", AT="Österreich", CH="Schweiz"),
    "fr": dict(FR="France", BE="Belgique", TN="Tunisie"),
    "es": dict(ES="España", AR="Argentina", MX="México"),
    "pt": dict(PT="Portugal", BR="Brasil"),
    "it": dict(IT="Italia"),
    "nl": dict(NL="Nederland", BE="België"),
}


def city_country(person: Person) -> str:
    """"Aarhus, Denmark"-style location line."""
    return f"{place_line(person)}, {COUNTRY_NAMES[person.lang][person.country]}"
