"""Whether a posting comes from a recruitment or staffing agency hiring for a client.

Three kinds of evidence, each strict on its own because a wrong "agency" hides a real job from
someone who said "no agencies": the company is a known agency (Hays, Randstad, Adecco, ...) or
its name says what it does ("... Recruitment", "... Personalberatung", "... Staffing", "ETT");
the board credits an agency's site ("via Hays"); or the description says it recruits for a
client ("on behalf of our client", "im Auftrag unseres Kunden", "pour le compte de notre client",
"para importante empresa cliente") or by staff leasing ("Arbeitnehmerüberlassung").

Left out on purpose: HR departments and HR consultancies ("Falkenstein Personal AG", "Vauban
Talents"), consultancies that work "for our clients" (plural), and sentences that refuse
agencies ("Bitte keine Anfragen von Personalvermittlern", "no agencies please"). An agency's
own vacancies (a "Recruitment Consultant" at Hays) are no agency postings.
"""
from __future__ import annotations

import re

from domain.jobs.types import JobPosting
from domain.jobs.text import fold

# Recruitment and staffing brands (folded), matched as whole words of the company name or the
# "via" credit. Only names that are not ordinary words, surnames or other firms on their own
# (so "Proman Interim", not "Proman", a methanol maker; no "Brunel", a university too).
_BRANDS = (
    "hays", "randstad", "adecco", "manpower", "manpowergroup", "michael page", "page personnel",
    "page executive", "page interim", "pagegroup", "page group", "robert half", "robert walters", "walters people",
    "kelly services", "allegis", "aerotek", "teksystems", "gi group", "synergie", "proman interim", "proman emploi",
    "tempo-team", "tempton", "orizon", "persona service", "amadeus fire", "harvey nash", "computer futures",
    "progressive recruitment", "sthree", "real staffing", "nigel frank", "jefferson frank", "spencer ogden",
    "kforce", "insight global", "express employment", "spherion", "cybercoders", "jobot", "harnham",
    "goodman masson", "frank recruitment", "office angels", "pertemps", "blue arrow", "reed specialist",
    "reed recruitment", "expectra", "eurofirms", "nortempo", "samsic emploi", "partnaire", "leader interim",
    "domino rh", "triangle interim", "supplay", "spring professional", "badenoch + clark", "badenoch and clark",
    "experis", "manpower group", "start people", "lhh", "korn ferry", "heidrick", "egon zehnder",
    "interim partners", "hudson rpo", "modis", "akkodis", "trenkwalder", "dis ag", "piening personal",
    "timepartner", "hofmann personal", "i.k. hofmann", "ferchau", "actief interim", "unique personalservice",
    "grupo crit", "crit interim", "adequat", "temporis",
)
# Other businesses that share a brand's name.
_NAMESAKES = r"(?! travel| construction| builders)"
_BRAND = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(b) for b in sorted(_BRANDS, key=len, reverse=True))
                    + r")(?![\w-])" + _NAMESAKES)
# Words in a company's name that say what it does (folded).
_NAME_WORDS = re.compile(
    r"\brecruit(?:ment|ing|ers?)\b|\bstaffing\b|\bresourcing\b|\bexecutive search\b|\bheadhunt|"
    r"\bpersonnel (?:services|solutions|agency|group|ltd|limited)\b|"
    r"personalberatung|personalvermittlung|personaldienstleist|personalservice|personal-service|"
    r"personalleasing|zeitarbeit|arbeitnehmeruberlassung|\bpersonalpartner\b|"
    r"\bcabinet de recrutement\b|\brecrutement\b|\binterim\b|\btravail temporaire\b|"
    r"\bett\b|\btrabajo temporal\b|\bseleccion de personal\b|\bempleo temporal\b"
)
# A posting's own words that it is written for a client, or that the job is staff leasing. A
# consultancy's "for our clients" (plural) or "für unseren Kunden entwickeln wir" is no such sentence.
_ENGLISH = (r"\bon behalf of (?:our|my|a|an|one of our|a leading|a well[- ]known) (?:\w+ ){0,3}client\b"
            r"|\b(?:our|my) client(?:'s)?,? (?:is|are|has|have|a|an|based|seeks|requires|needs|within|who|one of|"
            r"located|operating|offers|provides|specialises|specializes|is currently|are currently)\b"
            r"|\bfor (?:our|my) client(?:,|\s+(?:a|an|one of|based in|located in|who is|which is)\b)"
            r"|\bacting as an? employment (?:agency|business)\b")
_GERMAN = (r"\bim auftrag (?:unseres|eines|unserer|des) (?:\w+ ){0,2}(?:kunden|mandanten|klienten|auftraggebers)\b"
           r"|\bfur (?:unseren|einen|unsere) (?:\w+ ){0,2}(?:kunden|mandanten|kundin|auftraggeber)(?:,|\s+suchen wir"
           r"|\s+im raum\b|\s+(?:in|aus|bei) [\w-]+(?: [\w-]+)? suchen wir)"
           r"|\bsuchen wir fur (?:unseren|einen) (?:\w+ ){0,2}(?:kunden|mandanten)\b|\bunser (?:\w+ ){0,2}mandant\b"
           r"|\bunser kunde (?:ist|sucht|,)|\barbeitnehmeruberlassung\b|\bpersonalvermittlung\b|\bdirektvermittlung\b")
_FRENCH = (r"\bpour le compte (?:de notre|d'un|de l'un de nos|d'une) (?:\w+ ){0,2}client"
           r"|\bnotre client,? (?:est|un|une|leader|acteur|specialis|recherche|situe|basee?|societe|groupe|entreprise"
           r"|filiale|pme|start-up|reconnu)|\bcabinet de recrutement\b|\bagence d'(?:interim|emploi)\b"
           r"|\bmission d'interim\b")
_SPANISH = (r"\b(?:seleccionamos|buscamos|precisamos|selecciona|busca) (?:\w+ ){0,4}para (?:\w+ ){0,3}cliente\b"
            r"|\bpara (?:una |un )?importante (?:\w+ ){0,2}cliente\b|\bempresa cliente\b"
            r"|\bnuestro cliente (?:es|busca|precisa|necesita|selecciona)\b|\bnuestro cliente, (?:una|un|lider|empresa"
            r"|multinacional|ubicad|situad|dedicad)|\bempresa de trabajo temporal\b|\bpuesta a disposicion\b")
_CLIENT_PHRASES = re.compile("|".join((_ENGLISH, _GERMAN, _FRENCH, _SPANISH)))
# A sentence that refuses agencies or merely mentions one is no evidence.
_REFUSAL = re.compile(
    r"\bno (?:agencies|agency|recruiters|recruitment agencies)\b|\bagencies need not\b|\bnot an agency\b|"
    r"\bwithout (?:an? )?(?:agency|agencies|recruiters?)\b|\bkeine? (?:\w+ ){0,3}(?:personalvermittl|vermittl|"
    r"zeitarbeit|agentur|arbeitnehmeruberlassung|anu\b|personaldienstleist|headhunter)|\bohne (?:\w+ ){0,2}"
    r"(?:zeitarbeit|personalvermittl|arbeitnehmeruberlassung|vermittl)|\bnicht (?:\w+ ){0,2}(?:zeitarbeit|"
    r"arbeitnehmeruberlassung|personalvermittl)|\bsans (?:intermediaire|agence|cabinet)|\bpas (?:d'agence|"
    r"de cabinet)|\bsin (?:intermediarios|ett|agencias?)\b|\bunerwunscht\b"
)
# An agency's own staff: the job is at the agency, not at a client.
_OWN_ROLES = re.compile(r"recruit|personalberater|personaldisponent|disponent|consultant en recrutement|"
                        r"charge(?:e)? de recrutement|talent acquisition|account manager|business manager|"
                        r"branch manager|niederlassungsleit|consultor de seleccion|tecnico de seleccion")
MAX_SCANNED_CHARS = 20_000  # the client sentence is in the opening or closing paragraph


def is_agency(job: JobPosting) -> bool:
    """True when an agency posts this job for a client: a known agency or agency-named company
    (unless the title is the agency's own recruiting staff), an agency's site credited as "via",
    or a client sentence in the description that does not refuse agencies."""
    company = fold(job.company_name or "")
    title = fold(job.title or "")
    if _BRAND.search(company) or _NAME_WORDS.search(company):
        return not _OWN_ROLES.search(title)
    if _BRAND.search(fold(job.via or "")):
        return True
    return _client_sentence(fold((job.description or "")[:MAX_SCANNED_CHARS]))


def _client_sentence(folded: str) -> bool:
    """A client phrase in a sentence that does not refuse agencies."""
    for match in _CLIENT_PHRASES.finditer(folded):
        start = folded.rfind("\n", max(0, match.start() - 400), match.start()) + 1
        sentence = _sentence_around(folded, match.start(), start)
        if not _REFUSAL.search(sentence):
            return True
    return False


def _sentence_around(folded: str, at: int, line_start: int) -> str:
    """The sentence (or line) holding position ``at``, bounded to 400 characters either side."""
    lo = max(line_start, at - 400)
    for mark in ".!?;•":
        lo = max(lo, folded.rfind(mark, lo, at) + 1)
    hi_candidates = [i for i in (folded.find(mark, at, at + 400) for mark in ".!?;\n•") if i != -1]
    hi = min(hi_candidates) if hi_candidates else min(len(folded), at + 400)
    return folded[lo:hi]
