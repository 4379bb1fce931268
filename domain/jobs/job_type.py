"""What kind of contract a posting offers: a subset of ``JOB_TYPES`` (full_time, part_time,
contract, internship, temporary).

The board's own field comes first (``JobPosting.schedule_type``: the adapters' "Full-time",
"Part-time", "Contractor", "Internship", "Temporary" joined with "and", or SerpApi's localised
``detected_extensions.schedule_type`` such as "Vollzeit", "Temps partiel", "Prácticas"); then
words of the title and description in English, German, French and Spanish.

Decisions: a Werkstudent or Minijob is part_time (German law caps both: 20 hours a week in term,
a monthly earnings limit), not an internship; a CDI is full_time unless a part-time word is
there too; an apprenticeship ("Ausbildung", "alternance") is none of these types; "befristet",
"CDD", "fixed-term", "contrato temporal" and "intérim" are temporary; freelance and
contractor work is contract.
"""
from __future__ import annotations

import re

from domain.jobs.types import JobPosting
from domain.jobs.text import fold

# Board labels, folded, split on " and ", "," and "/" (the adapters join several with " and ").
_LABELS = {
    "full-time": "full_time", "full time": "full_time", "fulltime": "full_time", "vollzeit": "full_time",
    "temps plein": "full_time", "temps complet": "full_time", "tiempo completo": "full_time",
    "jornada completa": "full_time", "cdi": "full_time",
    "part-time": "part_time", "part time": "part_time", "parttime": "part_time", "teilzeit": "part_time",
    "temps partiel": "part_time", "medio tiempo": "part_time", "tiempo parcial": "part_time",
    "media jornada": "part_time", "minijob": "part_time", "werkstudent": "part_time",
    "contractor": "contract", "contract": "contract", "freelance": "contract", "freelancer": "contract",
    "auftragnehmer": "contract", "freiberuflich": "contract", "prestataire": "contract",
    "contratista": "contract", "autonomo": "contract", "independant": "contract",
    "internship": "internship", "intern": "internship", "praktikum": "internship", "stage": "internship",
    "practicas": "internship", "becario": "internship", "pasantia": "internship",
    "temporary": "temporary", "temp": "temporary", "befristet": "temporary", "cdd": "temporary",
    "temporal": "temporary", "interim": "temporary", "fixed-term": "temporary", "fixed term": "temporary",
}
_SPLIT = re.compile(r"\s+(?:and|und|et|y)\s+|[,/;|]")

# Words anywhere in the title (folded). "Stage" only where it cannot be a theatre's "Stage Manager".
_TITLE = (
    ("full_time", re.compile(r"\bfull[- ]?time\b|\bvollzeit|\btemps (?:plein|complet)\b|\btiempo completo\b|"
                             r"\bjornada completa\b")),
    ("part_time", re.compile(r"\bpart[- ]?time\b|\bteilzeit|\btemps partiel\b|\btiempo parcial\b|\bmedia jornada\b|"
                             r"\bminijob|\bwerkstudent|\bworking student\b|\b(?:450|520|538|556)[ -]?(?:eur|euro|€)")),
    ("contract", re.compile(r"\bfreelanc|\bfreiberuf|\bcontractor\b|\bfreie[rn]? mitarbeit|\bautonomo\b|"
                            r"\bcontract\b(?! manager| management| admin| lawyer| attorney| specialist| analyst"
                            r"| negotiator| officer| coordinator)|\bindependant\b|\bauto-entrepreneur|"
                            r"\bprestataire\b")),
    ("internship", re.compile(r"\bintern\b|\binternship|\bpraktikum|\bpraktikant|\bpflichtpraktikum|\bstagiaire\b|"
                              r"^stage\b(?! manager| hand| door| crew| tech)|\bstage\s*(?:de |d'|en |:|-|–|\()|"
                              r"[-–(|]\s*stage\b|\bpracticas\b|\bbecari[oa]\b|\bpasantia\b|\bpasante\b")),
    ("temporary", re.compile(r"(?<!un)befristet|\bcdd\b|\bfixed[- ]term\b|\btemporary\b|\btemporal\b|\binterim\b|"
                             r"\bmaternity cover\b|\belternzeitvertretung|\bseasonal\b|\bsaison(?:kraft|al)|"
                             r"\bsaisonnier|\btemporada\b|\bsustitucion\b")),
)
# Phrases in a description that name the contract itself, not a word from a requirement line
# ("experience from an internship", "buenas prácticas", "contract negotiation", "early-stage").
_DESCRIPTION = (
    ("full_time", re.compile(r"\bfull[- ]time\b(?! equivalent| employees| staff| team| members| stud| people"
                             r"| colleagues| workers| developers| engineers)|"
                             r"\b(?:in|als|zur|fur die) vollzeit\b|\bvollzeitstelle|\bvollzeit (?:oder|und|/)|"
                             r"\ba temps (?:plein|complet)\b|\ben cdi\b|\bcdi\b(?! interimaire)|"
                             r"\b(?:a |de |en )?(?:tiempo completo|jornada completa)\b")),
    ("part_time", re.compile(r"\bpart[- ]time (?:position|role|job|basis|contract|opportunity)|\bteilzeit\b|"
                             r"\bteilzeitstelle|\ba temps partiel\b|\b(?:a |de )?(?:tiempo parcial|media jornada)\b|"
                             r"\bminijob\b|\bgeringfugig")),
    ("contract", re.compile(r"\b(?:\d+|six|three|twelve)[- ]months?(?: initial| rolling)? contract\b|"
                            r"\bcontract (?:role|position|basis|assignment|opportunity)\b|\bcontract[- ]to[- ]hire\b|"
                            r"\bday rate\b|\boutside ir35\b|\binside ir35\b|\bself-employed\b|"
                            r"\bfreelance (?:basis|position|role|project|mission)|\bals freelancer|\bfreie mitarbeit|"
                            r"\bauf freiberuflicher basis|\bmission freelance|\ben (?:tant que )?freelance\b|"
                            r"\bcomo autonomo\b|\bcontrato mercantil\b")),
    ("internship", re.compile(r"\bthis internship\b|\binternship (?:program|position|role|of \d)|"
                              r"\bpflichtpraktikum|\bpraktikum (?:fur|im rahmen|von \d|ab)|\bpraktikumsdauer|"
                              r"\bstage de (?:fin d'etudes|\d+ mois)|\bconvention de stage\b|"
                              r"\bpracticas (?:profesionales|remuneradas|curriculares|extracurriculares)|"
                              r"\bconvenio de practicas|\bbeca de practicas")),
    ("temporary", re.compile(r"(?<!un)(?<!nicht )befristet(?:e|er|es)? (?:auf|bis|fur)|\bfixed[- ]term\b|"
                             r"\bzunachst (?:auf \d+ \w+ )?befristet|\bmaternity cover\b|"
                             r"\btemporary (?:position|role|contract|assignment|job)|"
                             r"\belternzeitvertretung|\ben cdd\b|\bcdd de \d|\bcontrat a duree determinee|"
                             r"\bmission d'interim|\bcontrato temporal\b|\bcontrato por obra|"
                             r"\b(?:por|de) temporada\b")),
)
# The job itself offered both ways, whatever the board's single label says.
_ALSO_PART_TIME = re.compile(r"\bteilzeit (?:ist )?(?:auch )?moglich|\bauch in teilzeit|\btemps partiel possible|"
                             r"\b(?:vollzeit|full[- ]time) (?:oder|or|und|and|/) (?:teilzeit|part[- ]time)|"
                             r"\bpart[- ]time (?:is )?(?:also )?possible|"
                             r"\bjornada (?:completa|parcial) o (?:parcial|completa)")
MAX_SCANNED_CHARS = 50_000  # the contract is named near the top or in the closing lines of real postings


def job_types(job: JobPosting) -> frozenset[str]:
    """The ``JOB_TYPES`` the posting offers; empty when nothing says.

    Board field, then title, then description phrases. A schedule (full or part time) read from
    the description counts only when neither the board nor the title named one: a board's
    "Full-time" is not overruled by "part-time options" somewhere in the text. A contract form
    (contract, internship, temporary) from any of the three adds to what the others said.
    """
    found = set(board_types(job.schedule_type))
    title = fold(job.title or "")
    found |= {kind for kind, pattern in _TITLE if pattern.search(title)}
    text = fold((job.description or "")[:MAX_SCANNED_CHARS])
    said = {kind for kind, pattern in _DESCRIPTION if pattern.search(text)}
    if found & {"full_time", "part_time"}:
        said -= {"full_time", "part_time"}
        if _ALSO_PART_TIME.search(text):
            said.add("part_time")
    found |= said
    if "part_time" in found and "full_time" in found and _cdi_only(job, text):
        found.discard("full_time")
    return frozenset(found)


def board_types(schedule_type: str | None) -> frozenset[str]:
    """The ``JOB_TYPES`` a board's schedule label names ("Full-time and Part-time", "Vollzeit",
    "Contractor", "Prácticas"); unknown labels ("Per diem") name none."""
    if not schedule_type:
        return frozenset()
    parts = _SPLIT.split(fold(schedule_type).replace("_", "-"))
    return frozenset(_LABELS[key] for key in (" ".join(p.split()) for p in parts) if key in _LABELS)


def _cdi_only(job: JobPosting, text: str) -> bool:
    """A part-time CDI: the only full-time evidence is the French word for a permanent contract."""
    schedule = board_types(job.schedule_type)
    return "full_time" not in schedule and bool(re.search(r"\bcdi\b", text)) \
        and not re.search(r"temps (?:plein|complet)|full[- ]time|vollzeit", text)
