"""Polish and Czech CVs: their headings, language names, levels and 'until now' words are read.

A new user's Polish CV gave 5 years for a job held since 2015 ("obecnie" was not "present"),
no languages ("polski, angielski (C1)") and a generated summary instead of its "Podsumowanie".
"""
import datetime as dt

import pytest

from domain.cv.fields import profile_from_text

POLISH = """Łukasz Wiśniewski
Starszy programista Python
Kraków, Polska | lukasz.wisniewski@example.pl | +48 601 234 567
Podsumowanie
Programista Python z doświadczeniem w systemach płatności.
Doświadczenie zawodowe
03/2015 – obecnie Starszy programista Python, Allegro, Kraków
Wykształcenie
2010 – 2015 Politechnika Krakowska
Umiejętności
Python, Django, PostgreSQL, Docker
Języki
polski (ojczysty), angielski (C1), niemiecki (B1)
"""
CZECH = """Jiří Dvořák
Datový analytik
Brno | jiri.dvorak@example.cz | +420 601 234 567
Shrnutí
Datový analytik se zaměřením na reporting.
Pracovní zkušenosti
2020 - dosud Datový analytik, Kiwi.com, Brno
2016 - 2020 Junior analytik, Avast, Praha
Dovednosti
SQL, Python, Power BI
Jazyky
čeština (rodilý mluvčí), angličtina (C1), němčina (B1)
"""


def _years_since(year: int, month: int = 1) -> float:
    today = dt.date.today()
    return (today.year * 12 + today.month - (year * 12 + month)) / 12


@pytest.mark.parametrize("text, since, languages, summary", [
    (POLISH, (2015, 3), ["Polish", "English", "German"], "Programista Python z doświadczeniem"),
    (CZECH, (2016, 1), ["Czech", "English", "German"], "Datový analytik se zaměřením"),
])
def test_until_now_words_languages_and_summary(text, since, languages, summary):
    profile = profile_from_text(text)
    assert profile.years_experience == pytest.approx(_years_since(*since), abs=0.6)
    assert profile.languages == languages
    assert profile.summary.startswith(summary)
