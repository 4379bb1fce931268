"""Rules every letter must pass, whoever wrote it: each fact it states must be in the CV.

The check is claims extraction + verification, deterministic and without a model:

* ``extract_claims(text)`` finds what a letter asserts — vocabulary skills, employers (a
  capitalised name after "at/bei/chez/en/presso/bij/na", or any name ending in a company suffix
  such as GmbH/AG/SA/SAS/Ltd/Inc/S.p.A./B.V./Lda), degrees and certificates (a small
  multilingual vocabulary), figures ("30 %", "12 people", "€2M") and year counts
  ("8 years", "8 Jahre", "8 ans", "8 años", "8 anni", "8 jaar", "8 anos").
* ``verify_claims`` looks each one up in the CV (``CandidateProfile.text`` and its fields);
  the job's own company, title and location may always be named, and a skill the CV lacks may
  be named only in a sentence about the job ("your team uses Kafka"), never with "I/my/ich/je…".
  Figures that are the letter's date, the job reference (job id, title) or the candidate's own
  contact numbers are not claims, nor is a figure inside a name the CV or posting writes
  ("Microsoft 365", "ISO 9001", "Modul 95"), nor the posting's own figure in a sentence about the
  posting ("your team of 150 colleagues"); a year of a CV date ("03/2021", "01.2019") backs that
  year. A full stop inside a word ("Node.js", "karriere.at") does not end a sentence, and "Your",
  "Ihre", "Votre" … at a sentence start speak of the job as the lower-case forms do. A year count must equal ``years_experience`` rounded down (or
  as the template shows it) or occur in the CV next to a year word.

``check_text`` returns a ``TruthReport`` listing every unsupported claim and why;
``check_document`` raises ``UnsupportedClaims`` (a ``LetterRejected``) carrying that report.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from domain.cv.languages import names_a_language
from domain.cv.skills import extract_skills, find_skills
from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting
from domain.letters.types import LetterDocument, LetterRejected
from domain.ranking.features import skill_key


@dataclass(frozen=True)
class Claim:
    """One fact a letter states. ``kind``: skill | employer | degree | certificate | number | years |
    contact (an e-mail address, web address or phone number; ``key`` "email:…", "url:…", "phone:digits") |
    language (a spoken language after "I speak …"; ``key`` its ISO code).

    ``text`` is the words as written; ``key`` the comparison form (canonical skill, degree group,
    numeric value); ``sentence`` the sentence it was found in.
    """

    kind: str
    text: str
    key: str
    sentence: str = ""
    name: str = ""  # a figure's capitalised word before it ("Modul 95"): the figure may be part of a name


@dataclass(frozen=True)
class Unsupported:
    """A claim the CV does not back, with the reason in plain words."""

    claim: Claim
    reason: str

    def __str__(self) -> str:
        return f"{self.claim.kind} {self.claim.text!r}: {self.reason}"


@dataclass(frozen=True)
class TruthReport:
    """Every claim found and those the CV does not support (empty when the letter is truthful)."""

    claims: list[Claim] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unsupported

    def summary(self) -> str:
        """One line naming each unsupported claim: "employer 'Globex': not in the CV; …"."""
        return "; ".join(str(u) for u in self.unsupported)


class UnsupportedClaims(LetterRejected):
    """A letter states something the CV does not contain; ``report`` lists what and why."""

    def __init__(self, report: TruthReport):
        super().__init__(f"the letter states facts the CV does not contain: {report.summary()}")
        self.report = report


# --- vocabularies ---------------------------------------------------------------------------

# Each group: canonical key → spellings (regex). Degrees match in any case ("master's degree",
# "un master", "doctorat"): a lower-case degree is still a degree. Words that are a degree only
# when capitalised stay so through ``(?-i:…)`` (English "promotion" is no German doctorate), and
# "Scrum Master" / "master data" are no degree. Certificates (acronyms) match case-sensitively.
# Any spelling of a group in the CV backs the group.
_STUDY = r"(?:abschluss|studium|studiengang|grad|titel|arbeit)?"  # German compounds: "Masterabschluss"
DEGREES: dict[str, str] = {
    "bachelor": rf"Bachelor{_STUDY}(?:'s|’s|s)?|B\.\s?Sc\.?|BSc|B\.\s?A\.|B\.\s?Eng\.?|BEng|Bacharelato|Bacharel|"
                r"Licence|Licenciatura|Licenciado|Licenciada|Grado|Laurea(?! magistrale| specialistica)(?: triennale)?",
    "master": rf"(?<!Scrum )Master{_STUDY}(?:'s|’s|s)?(?! of Puppets| data| plan)|Máster|Mestrado|M\.\s?Sc\.?|MSc|"
              rf"M\.\s?A\.|M\.\s?Eng\.?|MEng|Laurea (?:magistrale|specialistica)|Magister|Diplom{_STUDY}(?:-[A-Z][a-z]+)?",
    "mba": r"MBA",
    "phd": rf"Ph\.\s?D\.?|PhD|Doctorate|Doctoral degree|Doktor{_STUDY}|Doktorat|Doctorat|Doctorado|Dottorato|"
           r"Doutoramento|Doutorado|(?-i:Promotion)|Dr\. rer\. nat\.|Dr\.-Ing\.",
    "apprenticeship": r"(?-i:Ausbildung|Berufsausbildung)|Apprenticeship|Apprentissage",  # "AUSBILDUNG": a heading
    "state_exam": r"Staatsexamen",
}
CERTIFICATES: dict[str, str] = {
    "pmp": r"PMP", "prince2": r"PRINCE2", "aws_certified": r"AWS Certified(?: [A-Z][a-z]+)*",
    "azure_certified": r"Azure (?:Certified|Fundamentals|Administrator Associate)",
    "cpa": r"CPA", "acca": r"ACCA", "cfa": r"CFA", "cima": r"CIMA",
    "scrum": r"CSM|PSM(?: I{1,3})?|Certified Scrum ?Master|Professional Scrum Master|Scrum Master",
    "itil": r"ITIL", "cissp": r"CISSP", "cisa": r"CISA", "ccna": r"CCNA", "ckad": r"CKA|CKAD",
    "six_sigma": r"Six Sigma(?: (?:Green|Black) Belt)?", "toefl": r"TOEFL", "ielts": r"IELTS",
}


def _vocab_regex(vocab: dict[str, str], flags: int = 0) -> re.Pattern:
    """One pass for a whole vocabulary (one scan per group made a long text slow); the group's
    key is the match's ``lastgroup``."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<{k}>{p})" for k, p in vocab.items()) + r")(?![\w])", flags)


_DEGREE_ANY = _vocab_regex(DEGREES, re.IGNORECASE)
_CERTIFICATE_ANY = _vocab_regex(CERTIFICATES)
COMPANY_SUFFIX = (r"GmbH(?: & Co\. KG)?|AG|SE|KG|SA|SAS|SARL|S\.A\.|S\.L\.|SL|Ltd\.?|Limited|Inc\.?|"
                  r"LLC|plc|S\.p\.A\.|SpA|S\.r\.l\.|Srl|B\.V\.|BV|N\.V\.|NV|Lda\.?")
# "at Acme", "bei Siemens", "chez Exemple", "en Telefónica", "presso Enel", "bij Philips", "na Sonae"
_EMPLOYER_MARKERS = r"at|bei|chez|en|presso|bij|na|for|für|pour|para|per|voor|with"
# A name word starts only where no word character precedes it and is taken whole (possessive
# ``*+``): otherwise a long capitalised token ("Build" + "A" * 40000, from a posting) is retried
# from each of its letters and at each length — quadratic, minutes per letter.
_NAME_WORD = r"(?<![\w&'’.-])[A-ZÀ-Þ0-9][\w&'’.-]*+"
_EMPLOYER_AFTER_MARKER = re.compile(rf"\b(?:{_EMPLOYER_MARKERS})\s+((?:{_NAME_WORD})(?:\s+(?:&\s+)?{_NAME_WORD}){{0,4}})")
_EMPLOYER_WITH_SUFFIX = re.compile(rf"((?:{_NAME_WORD}\s+(?:&\s+)?){{1,4}}(?:{COMPANY_SUFFIX}))(?![\w])")
# Cues that leave no doubt the next words name an employer, whatever their case ("a developer at
# google", "I worked for globex", "employed by Google", "my previous employer, Google"), and a name
# before "hired/employed/promoted me" ("Google hired me"). Compared case-insensitively with the CV.
_EMPLOYER_CUE = re.compile(
    r"\b(?:(?:worked|working|employed|hired|joined|(?:developer|engineer|manager|consultant|analyst|designer|"
    r"intern|specialist|lead|architect|scientist|nurse|accountant)) (?:at|for|by)|employer,?|"
    r"(?:arbeitete|angestellt|beschäftigt|tätig) bei|Arbeitgeber,?|(?:travaillé|employé|employée) (?:chez|pour)|"
    r"employeur,?|(?:trabajé|trabajaba) (?:en|para)|empleador,?|(?:lavorato|lavoravo) (?:presso|per)|"
    r"datore di lavoro,?|werkte (?:bij|voor)|werkgever,?|(?:trabalhei|trabalhava) (?:na|no|para)|empregador,?)"
    r"\s+(?!(?:a|an|the|your|my|our|their|its|this|that|ihr\w*|mein\w*|uns\w*|une?|votre|mon|ma|notre|el|la|su|"
    r"mi|il|lo|uno|een|de|het|uw|mijn|o|um|uma|seu|sua|meu|minha)\b)"
    r"([\w&'’.-]+(?-i:(?:\s+[A-ZÀ-Þ][\w&'’.-]*){0,3}))", re.IGNORECASE)
_HIRED_BY_NAME = re.compile(r"((?:[A-ZÀ-Þ][\w&'’.-]*\s+){0,2}[A-ZÀ-Þ][\w&'’.-]*)\s+(?:hired|employed|promoted) me\b")
# Capitalised words that follow a marker but are no employer: pronouns, articles, months.
_NOT_NAMES = frozenset("""
i the a an our your their this that its you we my his her it your
ihr ihre ihrem ihren ihrer ihres ihnen sie der die das dem den des ein eine einem einen einer uns unser unsere mir
vous nous votre vos notre nos le la les un une leur leurs
su sus nuestro nuestra usted ustedes el los las una
il lo gli i uno la vostra vostro vostri nostra nostro lei
uw jullie onze ons het de een
o os as um uma sua seu vossa vosso nossa nosso
january february march april may june july august september october november december
januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet août septembre
octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre januari februari maart mei augustus
janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
""".split())
_YEAR_WORDS = r"years?|yrs?|Jahren?|ans?|années?|años?|anni|anno|jaar|jaren|anos?"
_WORD_NUMBERS = {w: n for n, words in {
    1: "one ein eine einem un une uno una een um uma", 2: "two zwei deux dos due twee dois duas",
    3: "three drei trois tres tre drie três", 4: "four vier quatre cuatro quattro quatro",
    5: "five fünf cinq cinco cinque vijf", 6: "six sechs seis sei zes", 7: "seven sieben sept siete sette zeven sete",
    8: "eight acht huit ocho otto oito", 9: "nine neun neuf nueve nove negen", 10: "ten zehn dix diez dieci tien dez",
    11: "eleven elf onze once undici", 12: "twelve zwölf douze doce dodici twaalf",
    15: "fifteen fünfzehn quinze quince quindici vijftien", 20: "twenty zwanzig vingt veinte venti twintig vinte",
}.items() for w in words.split()}
# Number words as figures ("fifteen engineers", "forty percent", "two million users", "a dozen",
# "over a decade"): tens and scales in the seven languages, added to the units above. Words that
# are also articles or common words ("un", "een", "sei", "onze", "due", "cent") are left out.
_TENS = {w: n for n, words in {
    13: "thirteen dreizehn treize trece tredici dertien treze", 14: "fourteen vierzehn quatorze catorce quattordici veertien catorze",
    16: "sixteen sechzehn seize dieciséis sedici zestien dezasseis dezesseis", 17: "seventeen siebzehn dix-sept diecisiete diciassette zeventien dezassete dezessete",
    18: "eighteen achtzehn dix-huit dieciocho diciotto achttien dezoito", 19: "nineteen neunzehn dix-neuf diecinueve diciannove negentien dezanove dezenove",
    30: "thirty dreißig dreissig trente treinta trenta dertig trinta", 40: "forty vierzig quarante cuarenta quaranta veertig quarenta",
    50: "fifty fünfzig cinquante cincuenta cinquanta vijftig cinquenta", 60: "sixty sechzig soixante sesenta sessanta zestig sessenta",
    70: "seventy siebzig soixante-dix setenta settanta zeventig", 80: "eighty achtzig quatre-vingts quatre-vingt ochenta ottanta tachtig oitenta",
    90: "ninety neunzig quatre-vingt-dix noventa novanta negentig", 100: "hundred hundert cien ciento cento honderd cem",
    1000: "thousand tausend mille mil mila duizend", 1_000_000: "million millions millionen millón millones milione milioni miljoen milhão milhões",
    12: "dozen dozens dutzend douzaine docena dozzina dozijn dúzia", 10: "decade decades jahrzehnt jahrzehnte décennie décennies década décadas decennio decenni decennium",
}.items() for w in words.split()}
_NUMBER_WORDS = {**{w: n for w, n in _WORD_NUMBERS.items() if w not in
                    "one ein eine einem un une uno una een um uma sei onze due dos tre sete".split()}, **_TENS}
_NUMBER_WORD = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
# One figure in words: number words joined by hyphens, spaces or "and/und/en/e/y" ("twenty-five",
# "fünfundzwanzig", "two million", "vinte e cinco"), optionally "-plus"/"+" ("ten-plus").
_NUMBER_PHRASE = re.compile(rf"(?<![\w-])(?:{_NUMBER_WORD})(?:(?:[\s-]|\s(?:and|e|y|en)\s|und|en)?(?:{_NUMBER_WORD}))*"
                            rf"(?:-plus|\+)?(?![\w])", re.IGNORECASE)
_NUMBER_PART = re.compile(_NUMBER_WORD, re.IGNORECASE)
_YEARS_CLAIM = re.compile(
    rf"(?<![\w.,])(\d+(?:[.,]\d+)?[½¼¾]?|{'|'.join(sorted(_WORD_NUMBERS, key=len, reverse=True))})(?:-plus)?\s*\+?\s*(?:{_YEAR_WORDS})\b",
    re.IGNORECASE)
_FIGURE = re.compile(r"(?<![\w.,/-])(\d+(?:[.,'’]\d+)*[½¼¾]?)(?:\s?(?:k|K|M|Mio\.?|Mrd\.?|bn|m)\b)?(?![\w/])")
_MONTHS = "|".join(sorted((m for m in _NOT_NAMES if len(m) > 2 and m.isalpha()), key=len, reverse=True))
_DATE = re.compile(rf"\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
                   rf"\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\s+(?:de\s+)?\d{{4}}\b|"
                   rf"\b(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}\b", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:Ref(?:erence|erenz|erencia|erentie|erência)?|Réf(?:érence)?|Rif(?:erimento)?|"
                        r"Kennziffer|ID|Nr|No)\.?\s*:?\s*#?\s*[\w/-]*\d[\w/-]*", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|me|my|mine|ich|mein\w*|mir|mich|je|j'|mon|ma|mes|moi|yo|mi|mis|"
                           r"io|mio|mia|miei|ik|mijn|eu|meu|minha|meus|minhas)\b", re.IGNORECASE)
# The lower-case forms also at a sentence start ("Your posting …", "Votre offre …", "Su oferta …").
_JOB_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|Sie|Ihr\w*|[Dd]u|[Dd]ein\w*|[Vv]ous|[Vv]otre|[Vv]os|[Uu]sted|"
                         r"[Ss]u|[Ss]us|[Vv]uestro\w*|"
                         r"[Vv]oi|[Vv]ostr\w|Lei|Suo|Sua|u|[Uu]w|[Jj]ullie|[Vv]ocês?|[Vv]osso\w*|[Vv]ossa\w*|team|Team|"
                         r"équipe|equipo|"
                         r"squadra|equipa)\b")
# A full stop inside a word ("Node.js", "ASP.NET", "karriere.at", "2.5") does not end a sentence.
_SENTENCE = re.compile(r"(?:[^.!?\n]++|[.!?](?=\w))+[.!?]?")  # runs, not one character at a time: fast
# No word of any language, skill or name is this long; such a token (a posting's "Build" + "A" * 40000)
# is shortened before the claim patterns run, so a letter is checked in milliseconds whatever it holds.
_LONG_TOKEN = re.compile(r"\S{100,}")
# A figure's name word ("Modul 95", "Windows 11"): capitalised, not a function word that starts a sentence.
_NAME_BEFORE = re.compile(r"([A-ZÀ-Þ][\w&+/-]*)\s+$")
_NOT_NAME_WORDS = frozenset("in im seit since from von bis until ab desde dal dalla sinds em à au am um at by of for "
                            "en dans depuis de da van tot mit with par per con com".split())
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# Contact details: another person's address in a letter sends the reply elsewhere. An e-mail
# address, a web address (with a scheme or "www."), or a telephone number: international
# ("+44 20 7946 0958", "0049 …"), national with a leading 0 ("030 1234567", "(0)30 …") or North American
# ("(555) 123-4567", "555-123-4567"); seven digits at least, so a figure or date is no phone.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+|\b00)\d{1,3}(?:[ ./-]?(?:\(\d{1,4}\)|\d{1,5})){2,}|\b0\d{1,4}(?:[ /-]\d{2,8}){1,3}\b|"
                    r"\(\d{3}\) ?\d{3}[-. ]\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b")


# "I speak …" in the seven languages (and being fluent / a native speaker): the language names after
# the cue are the candidate's claim.
_SPEAKS = re.compile(r"\b(?:I (?:also )?speak|I(?: am|'m) (?:also )?fluent in|native speaker|ich spreche|"
                     r"Muttersprache|je parle|langue maternelle|hablo|lengua materna|parlo|madrelingua|"
                     r"ik spreek|moedertaal|falo|língua materna)\b", re.IGNORECASE)
_LANGUAGE_LOCALES = ("en", "de", "fr", "es", "it", "nl", "pt")


@lru_cache(maxsize=1)
def _language_names() -> tuple[dict[str, str], re.Pattern]:
    """Language name (case-folded, in any of the seven languages, from Babel's CLDR data, plus the
    CV reader's aliases such as "Mandarin") → ISO code, and a regex finding those names. Names
    under four letters ("Ga", "Yi") are left out: in running text they are other words."""
    from babel import Locale  # noqa: PLC0415  (CLDR data loads once, on first use)

    from domain.cv.languages import _ALIAS  # noqa: PLC0415

    codes: dict[str, str] = {}
    for locale in _LANGUAGE_LOCALES:
        for code, name in Locale(locale).languages.items():
            if len(name) >= 4 and "_" not in code:
                codes.setdefault(name.casefold(), code)
    english = {name.casefold(): code for code, name in Locale("en").languages.items()}
    for alias, canon in _ALIAS.items():
        if canon.casefold() in english:
            codes.setdefault(alias.casefold(), english[canon.casefold()])
    names = sorted(codes, key=len, reverse=True)
    return codes, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.IGNORECASE)


def _languages_of_cv(profile: CandidateProfile) -> set[str]:
    codes, regex = _language_names()
    return {codes[m.group(0).casefold()] for m in regex.finditer(_cv_raw(profile))}


# Cyrillic and Greek letters that look like Latin ones ("Kubernеtes" with a Cyrillic е): folded to
# Latin before matching, so a disguised skill or employer is still found. The common ones after
# Unicode's confusables list (https://www.unicode.org/Public/security/latest/confusables.txt);
# the letters are in Latin-script languages, so no genuine word is lost.
_CONFUSABLES = str.maketrans("аеорсухіјѕһԁԛԝАВЕКМНОРСТХІЈЅοαειικνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                             "aeopcyxijshdqwABEKMHOPCTXIJSoaeiikvptuxABEZHIKMNOPTYX")


def extract_claims(text: str) -> list[Claim]:
    """Every skill, employer, degree, certificate, figure and year count ``text`` states, in order."""
    text = _LONG_TOKEN.sub(lambda m: m.group(0)[:40] + "…", text).translate(_CONFUSABLES)
    claims: list[Claim] = []
    for sentence in (m.group(0).strip() for m in _SENTENCE.finditer(text)):
        if sentence:
            claims += _sentence_claims(sentence)
    # Contact details first: their digits and dots are no figures and no sentence ends.
    masked = _blank(_DATE, text)
    for kind, regex in (("email", _EMAIL), ("url", _URL), ("phone", _PHONE)):
        for m in regex.finditer(masked):
            key = _contact_key(kind, m.group(0))
            if kind != "phone" or len(key) >= 7:
                claims.append(Claim("contact", m.group(0).rstrip(".,;:"), f"{kind}:{key}", _around(text, m.start())))
                masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    # Dates and references span sentence ends ("Ref. 123", "12.03.2025"); take figures once, whole text.
    # Masks keep the length, so a figure's sentence is found at its place in ``text``.
    masked = _blank(_REFERENCE, masked)
    for mention in find_skills(masked):
        if any(ch.isdigit() for ch in masked[mention.start:mention.end]):  # "Microsoft 365", "ISO 9001"
            masked = masked[:mention.start] + " " * (mention.end - mention.start) + masked[mention.end:]
    years_spans = [m.span() for m in _YEARS_CLAIM.finditer(masked)]
    sentences = [m.span() for m in _SENTENCE.finditer(masked)]
    for m in _FIGURE.finditer(masked):
        if any(a <= m.start() < b for a, b in years_spans):
            continue
        a, b = next(((a, b) for a, b in sentences if a <= m.start() < b), (m.start(), m.end()))
        before = _NAME_BEFORE.search(masked[a:m.start()])
        name = ""
        if before and before.group(1).casefold() not in _NOT_NAME_WORDS:
            name = f"{before.group(1)} {m.group(0)}"
        claims.append(Claim("number", m.group(0), _number_key(m.group(1)), text[a:b].strip(), name))
    for m in _NUMBER_PHRASE.finditer(masked):
        if any(a <= m.start() < b for a, b in years_spans):
            continue  # "seven years": a year count, checked as such
        a, b = next(((a, b) for a, b in sentences if a <= m.start() < b), (m.start(), m.end()))
        claims.append(Claim("number", m.group(0), _number_key(str(_words_value(m.group(0)))), text[a:b].strip()))
    return claims


def _words_value(phrase: str) -> int:
    """"twenty-five" → 25, "two million" → 2000000, "fünfundzwanzig" → 25, "a dozen" → 12."""
    total, current = 0, 0
    for part in _NUMBER_PART.findall(phrase):
        n = _NUMBER_WORDS[part.casefold()]
        if n in (100, 1000, 1_000_000) and part.casefold() not in ("cien", "ciento"):
            current = max(current, 1) * n
            if n > 100:
                total, current = total + current, 0
        else:
            current += n
    return total + current


def _contact_key(kind: str, raw: str) -> str:
    """The comparison form: an e-mail address case-folded, a web address without scheme, "www."
    and trailing slash, a phone number's digits."""
    raw = raw.rstrip(".,;:").casefold()
    if kind == "phone":
        return re.sub(r"\D", "", raw)
    if kind == "url":
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", raw).rstrip("/")
    return raw


def _contact_supported(key: str, profile: CandidateProfile, job: JobPosting) -> bool:
    """An address or number the CV (or the posting, for the company's own) writes."""
    options = " ".join(str(o.get("link") or "") for o in job.apply_options or [])
    known = "\n".join((_cv_raw(profile), profile.email or "", profile.phone or "", _job_text(job), job.apply_link or "",
                       options, job.via or ""))
    kind, value = key.split(":", 1)
    if kind == "phone":  # "912 345 678" is the CV's "+351 912 345 678" without the country code
        numbers = {re.sub(r"\D", "", m.group(0)) for m in _PHONE.finditer(known)} | {re.sub(r"\D", "", profile.phone or "")}
        return any(n.endswith(value) or value.endswith(n) and len(n) >= 7 for n in numbers)
    written = {_contact_key("url", m.group(0)) for m in _URL.finditer(known)} | \
              {_contact_key("email", m.group(0)) for m in _EMAIL.finditer(known)}
    # A page of a site the CV names is that site's ("github.com/ana" backs "github.com/ana/api").
    return any(value == w or value.startswith(f"{w}/") for w in written)


def _blank(regex: re.Pattern, text: str) -> str:
    return regex.sub(lambda m: " " * len(m.group(0)), text)


def _sentence_claims(sentence: str) -> list[Claim]:
    out: list[Claim] = [Claim("skill", s, skill_key(s), sentence) for s in extract_skills(sentence)]
    skill_spans = [(m.start, m.end) for m in find_skills(sentence)]
    for name in _employer_names(sentence, skill_spans):
        out.append(Claim("employer", name, _fold(name), sentence))
    for kind, regex in (("degree", _DEGREE_ANY), ("certificate", _CERTIFICATE_ANY)):
        for m in regex.finditer(sentence):
            out.append(Claim(kind, m.group(0), m.lastgroup, sentence))
    cue = _SPEAKS.search(sentence)
    if cue:
        codes, regex = _language_names()
        for m in regex.finditer(sentence, cue.end()):
            out.append(Claim("language", m.group(0), codes[m.group(0).casefold()], sentence))
    for m in _YEARS_CLAIM.finditer(sentence):
        out.append(Claim("years", m.group(0), str(_years_value(m.group(1))), sentence))
    return out


def _employer_names(sentence: str, skill_spans: list[tuple[int, int]]) -> list[str]:
    names: dict[str, None] = {}
    for regex in (_EMPLOYER_AFTER_MARKER, _EMPLOYER_WITH_SUFFIX, _EMPLOYER_CUE, _HIRED_BY_NAME):
        for m in regex.finditer(sentence):
            words = m.group(1).rstrip(".,;:’'").split()
            while words and (words[0].casefold().strip(".,") in _NOT_NAMES
                             or re.fullmatch(_EMPLOYER_MARKERS, words[0], re.IGNORECASE)):
                words = words[1:]  # "at The" / "bei Ihrem": not a name start
            if not words or words[0][0].isdigit():
                continue
            name = " ".join(words)
            start = m.start(1) + m.group(1).find(words[0])
            end = start + len(name)
            if any(a <= start and end <= b for a, b in skill_spans):
                continue  # "experiencia en Python": a skill claim, checked as a skill
            if len(words) == 1 and (_fold(name) in _NOT_NAMES or names_a_language(name)):
                continue  # a language's name is no employer (Dutch "en" is "and": "Ik spreek Duits en Engels")
            if not any(n != name and name in n for n in names):
                names[name] = None
    return list(names)


# --- verification ---------------------------------------------------------------------------

def verify_claims(claims: list[Claim], profile: CandidateProfile, job: JobPosting) -> TruthReport:
    """Look every claim up in the CV (and, where the letter speaks of the job, the posting)."""
    cv = _cv_haystack(profile)
    job_names = _fold(f"{job.title}\n{job.company_name}\n{job.location}")
    cv_skills = {skill_key(s) for s in profile.skills} | {skill_key(s) for s in extract_skills(profile.text or "")}
    quoted_skills = {skill_key(s) for s in extract_skills(f"{job.title}\n{job.company_name}\n{profile.title or ''}\n"
                                                          f"{profile.name or ''}")}
    job_skills = {skill_key(s) for s in extract_skills(_job_text(job))}
    cv_numbers = {_number_key(m.group(1)) for m in _FIGURE.finditer(profile.text or "")}
    cv_numbers |= {_number_key(str(_words_value(m.group(0)))) for m in _NUMBER_PHRASE.finditer(profile.text or "")}
    cv_numbers |= set(_YEAR.findall(profile.text or ""))  # "03/2021", "01.2019": the year backs "since 2021"
    job_text = _job_text(job)
    job_numbers = {_number_key(m.group(1)) for m in _FIGURE.finditer(job_text)}
    names = _fold(f"{profile.text or ''}\n{job_text}")
    job_folded = _fold(job_text)
    job_years = {_years_value(m.group(1)) for m in _YEARS_CLAIM.finditer(job_text)}
    # The candidate's own numbers: each digit group of phone, e-mail and address, and the whole phone.
    own = f"{profile.phone or ''} {profile.email or ''} {profile.location or ''}"
    contact = set(re.findall(r"\d+", own)) | {re.sub(r"\D", "", profile.phone or "")}
    job_digits = re.sub(r"[^\w]", " ", f"{job.job_id} {job.title} {job.company_name} {job.location}")
    cv_languages = _languages_of_cv(profile) if any(c.kind == "language" for c in claims) else set()
    unsupported: list[Unsupported] = []
    for c in claims:
        reason = None
        if c.kind == "skill" and c.key not in cv_skills | quoted_skills:
            if c.key not in job_skills:
                reason = "a skill neither the CV nor the posting names"
            elif _FIRST_PERSON.search(c.sentence) or not _JOB_PERSON.search(c.sentence):
                reason = "a skill the CV lacks, stated as the candidate's (only the job's own may be named)"
        elif c.kind == "employer" and not (_contains(cv, c.key) or _contains(job_names, c.key)
                                           or _contains(cv, _strip_suffix(c.key))):
            reason = "an employer or name that is not in the CV"
        elif c.kind == "language" and c.key not in cv_languages:
            reason = "a language the CV does not list"
        elif c.kind == "contact" and not _contact_supported(c.key, profile, job):
            reason = "an e-mail address, web address or phone number that is neither in the CV nor the posting"
        elif c.kind in ("degree", "certificate"):
            vocab, flags = (DEGREES, re.IGNORECASE) if c.kind == "degree" else (CERTIFICATES, 0)
            if not re.search(rf"(?<![\w-])(?:{vocab[c.key]})(?![\w])", _cv_raw(profile), flags):
                reason = f"a {c.kind} the CV does not mention"
        elif c.kind == "years" and not _years_supported(float(c.key), profile) \
                and not (float(c.key) in job_years and _about_the_job(c.sentence)):  # "you ask for 5+ years"
            reason = f"a year count the CV does not give (years of experience: {profile.years_experience})"
        elif c.kind == "number" and c.key not in cv_numbers and not (c.name and _contains(names, _fold(c.name))) \
                and not (c.key in job_numbers and _about_the_job(c.sentence)) and not _posting_phrase(c, job_folded):
            digits = re.sub(r"\D", "", c.text)
            if not (digits and (digits in contact or re.search(rf"\b{re.escape(c.text.strip())}\b", job_digits))):
                reason = "a figure that is not in the CV"
        if reason:
            unsupported.append(Unsupported(c, reason))
    return TruthReport(claims=claims, unsupported=unsupported)


def _posting_phrase(claim: Claim, job_folded: str) -> bool:
    """A figure with the word after it as the posting writes it ("150 colleagues"), in a sentence
    that speaks of the job: the posting's fact, even beside "I look forward to joining …"."""
    after = re.search(rf"(?<![\w.,]){re.escape(claim.text)}\s+(\w+)", claim.sentence)
    return bool(after and _JOB_PERSON.search(claim.sentence)
                and _contains(job_folded, _fold(f"{claim.text} {after.group(1)}")))


def _about_the_job(sentence: str) -> bool:
    """A sentence that speaks of the posting ("your team of 150 colleagues"): its figures may be the
    posting's own. With "I/my/ich …" in it, a figure is the candidate's unless it sits in a
    phrase the posting itself writes (checked by the caller through the figure's name)."""
    return bool(_JOB_PERSON.search(sentence)) and not _FIRST_PERSON.search(sentence)


def check_text(text: str, profile: CandidateProfile, job: JobPosting) -> TruthReport:
    """Extract and verify every claim of ``text`` against ``profile`` (and ``job`` where allowed)."""
    return verify_claims(extract_claims(text), profile, job)


def invented_skills(text: str, profile: CandidateProfile, job: JobPosting) -> list[str]:
    """Skills named in ``text`` as the candidate's that the profile does not have (canonical names)."""
    report = check_text(text, profile, job)
    return list(dict.fromkeys(u.claim.text for u in report.unsupported if u.claim.kind == "skill"))


def check_document(doc: LetterDocument, profile: CandidateProfile, job: JobPosting) -> LetterDocument:
    """Return ``doc`` unchanged; raise LetterRejected when it is too short, UnsupportedClaims when
    the letter or CV summary states a fact the CV does not contain."""
    if len(doc.cover_letter.strip()) < 40:
        raise LetterRejected("the letter is empty or too short")
    report = check_text(f"{doc.cover_letter}\n\n{doc.cv_summary}", profile, job)
    if not report.ok:
        raise UnsupportedClaims(report)
    return doc


def _years_supported(value: float, profile: CandidateProfile) -> bool:
    ye = profile.years_experience
    if ye and ye > 0:
        # Rounded down, or as the template shows it (whole years from two up, halves below).
        shown = round(ye) if ye >= 2 else round(ye * 2) / 2
        if value in (math.floor(ye), shown):
            return True
    cv = profile.text or ""
    if any(_years_value(m.group(1)) == value for m in _YEARS_CLAIM.finditer(cv)):
        return True
    return bool(ye) and value < ye and value == _professional_years_shown(cv)


@lru_cache(maxsize=64)
def _professional_years_shown(cv_text: str) -> float | None:
    """The years the CV's jobs cover without student jobs and internships, as the template shows
    them (``domain.letters.evidence.professional_years``: the count a letter states when the CV
    states none of its own); None when no such job is dated."""
    from domain.cv.outline import (
        read_outline,  # the outline reader is heavy; only for this rare case
    )
    from domain.letters.evidence import professional_years

    years = professional_years(read_outline(cv_text)) if cv_text.strip() else None
    if not years:
        return None
    return float(round(years)) if years >= 2 else round(years * 2) / 2


def _years_value(raw: str) -> float:
    if raw[-1:] in "½¼¾":
        return float(_number_key(raw))
    return float(_WORD_NUMBERS.get(raw.casefold(), 0)) if raw.casefold() in _WORD_NUMBERS else float(raw.replace(",", "."))


def _number_key(raw: str) -> str:
    """"1,000,000" / "1.000.000" / "1'000'000" → "1000000"; "2,5" / "2.5" → "2.5"; "30" → "30"."""
    raw = raw.replace("’", "'")
    if raw[-1:] in "½¼¾" and raw[:-1].isdigit():  # "5½" → "5.5"
        return f"{int(raw[:-1]) + {'½': .5, '¼': .25, '¾': .75}[raw[-1]]:g}"
    if re.fullmatch(r"\d{1,3}(?:[.,']\d{3})+", raw):
        return raw.replace(",", "").replace(".", "").replace("'", "")
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", raw.replace("'", "")):
        return raw  # a date or version ("12.11.2026", "3.2.1"): compared as written
    value = float(raw.replace("'", "").replace(",", "."))
    return f"{value:g}"


def _around(text: str, at: int) -> str:
    return text[max(0, at - 60): at + 60].replace("\n", " ")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w&+.-]+", " ", text.casefold()).split()).strip(".")


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<![\w]){re.escape(needle)}(?![\w])", haystack) is not None


def _strip_suffix(folded: str) -> str:
    return re.sub(rf"\s+(?:{COMPANY_SUFFIX.casefold()})$", "", folded).strip()


def _cv_raw(profile: CandidateProfile) -> str:
    return "\n".join(str(v) for v in (profile.text, profile.title, profile.summary, profile.name, profile.location,
                                      *profile.skills, *profile.languages) if v)


def _cv_haystack(profile: CandidateProfile) -> str:
    return _fold(_cv_raw(profile))


def _job_text(job: JobPosting) -> str:
    items = " ".join(str(i) for h in job.highlights or [] for i in (h.get("items") or []))
    return f"{job.title}\n{job.description}\n{items}"
