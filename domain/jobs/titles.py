"""Job-title normalisation: tokens → language-neutral role concepts, and seniority levels.

German and French titles are mapped onto English concepts so that "Softwareentwicklerin
(m/w/d)" and "Développeur Python (H/F)" compare with "Python Developer". Light by design:
a word map, German compound heads, gender endings and plural stripping — no stemmer.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STUDENT, JUNIOR, MID, SENIOR, LEAD = 0, 1, 2, 3, 4
LEVEL_NAMES = {STUDENT: "student", JUNIOR: "junior", MID: "mid-level", SENIOR: "senior", LEAD: "lead"}

_LEVEL_WORDS = {
    STUDENT: "intern internship interns praktikum praktikant praktikantin werkstudent werkstudentin "
    "werkstudierende stage stagiaire alternance alternant alternante apprenti apprentie apprentice "
    "apprenticeship azubi ausbildung auszubildende trainee",
    JUNIOR: "junior jr entry graduate berufseinsteiger berufseinsteigerin absolvent absolventin "
    "debutant debutante einsteiger",
    SENIOR: "senior sr staff experienced erfahrener erfahrene confirme confirmee experimente experimentee",
    LEAD: "lead principal head leiter leiterin leitung director direktor directeur directrice "
    "chief vp teamleiter teamleiterin teamlead",
}
LEVEL_OF_WORD = {w: lvl for lvl, words in _LEVEL_WORDS.items() for w in words.split()}

# Words mapped to one or more English concepts (accents already stripped).
_WORD_MAP = {
    "entwickler": "developer", "programmierer": "developer", "developpeur": "developer",
    "developpeuse": "developer", "programmer": "developer", "dev": "developer",
    "ingenieur": "engineer", "ingenieure": "engineer", "engineering": "engineer",
    "pflegefachkraft": "nurse", "pflegefachfrau": "nurse", "pflegefachmann": "nurse",
    "krankenschwester": "nurse", "krankenpfleger": "nurse", "pfleger": "nurse",
    "infirmier": "nurse", "infirmiere": "nurse", "nursing": "nurse", "rn": "nurse",
    "buchhalter": "accountant", "buchhaltung": "accountant", "comptable": "accountant",
    "accounting": "accountant", "comptabilite": "accountant", "bookkeeper": "accountant",
    "lehrer": "teacher", "lehrkraft": "teacher", "enseignant": "teacher", "enseignante": "teacher",
    "professeur": "teacher", "professeure": "teacher", "teaching": "teacher", "educator": "teacher",
    "fahrer": "driver", "kraftfahrer": "driver", "berufskraftfahrer": "driver", "chauffeur": "driver",
    "conducteur": "driver", "conductrice": "driver", "lkw": "truck", "lorry": "truck", "hgv": "truck",
    "camion": "truck", "routier": "truck", "trucker": "truck driver", "trucking": "truck",
    "logistik": "logistics", "logistique": "logistics",
    "lager": "warehouse", "lagerist": "warehouse", "entrepot": "warehouse",
    "vertrieb": "sales", "verkauf": "sales", "vente": "sales", "ventes": "sales",
    "daten": "data", "donnees": "data", "wissenschaftler": "scientist", "scientifique": "scientist",
    "analyste": "analyst", "berater": "consultant", "beraterin": "consultant",
    "leiter": "manager", "responsable": "manager", "gerant": "manager", "chef": "manager",
    "referent": "specialist", "spezialist": "specialist", "specialiste": "specialist",
    "arzt": "physician", "medecin": "physician", "doctor": "physician",
    "finanz": "finance", "finanzen": "finance", "steuer": "tax", "fiscal": "tax",
    "krankenhaus": "hospital", "klinik": "hospital", "hopital": "hospital", "clinic": "hospital",
    "schule": "school", "ecole": "school", "grundschule": "primary school", "grundschul": "primary",
    "gymnasium": "secondary school", "college": "school",
}
# German compound heads ("Softwareentwickler" = "software" + "entwickler").
_COMPOUND_HEADS = sorted(
    ["entwickler", "programmierer", "ingenieur", "fahrer", "buchhalter", "lehrer", "pfleger",
     "wissenschaftler", "analyst", "manager", "leiter", "berater", "fachkraft", "lagerist",
     "referent", "spezialist", "administrator", "architekt", "designer"],
    key=len, reverse=True,
)
# Concepts that name an occupation; used to read a role out of a free-text summary.
ROLE_CONCEPTS = frozenset(
    {c for v in _WORD_MAP.values() for c in v.split()}
    | {"developer", "engineer", "manager", "scientist", "analyst", "consultant", "designer", "marketing"}
)
STOPWORDS = frozenset(
    "and or the a an of for in at to with on by as all genders gender m w d f h x mwd wmd mfd "
    "und oder der die das den dem des fur mit im zur zum als bei vollzeit teilzeit "
    "et de du la le les en pour au aux sur cdi cdd "
    "full part time job jobs stelle position role team remote hybrid homeoffice new "
    "i ii iii iv mid level".split()
)
# English words that look plural but are not ("Sales Manager" must not become "sale").
_NOT_PLURAL = frozenset(
    "sales logistics analytics statistics economics physics mathematics electronics operations "
    "business services relations communications systems".split()
)
_TOKEN = re.compile(r"[a-z0-9+#]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower-case and strip accents ("Développeur" → "developpeur", "Müller" → "muller")."""
    lowered = text.lower()
    if lowered.isascii():  # the common case, and by far the cheapest
        return lowered
    return _COMBINING.sub("", unicodedata.normalize("NFKD", lowered)).replace("ß", "ss")


def tokens(text: str) -> list[str]:
    """Folded word tokens of a free text."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=8192)
def concepts_of_word(word: str) -> tuple[str, ...]:
    """English concepts for one folded token; empty for stopwords and seniority words."""
    if word in STOPWORDS or word in LEVEL_OF_WORD or len(word) < 2:
        return ()
    if word in _WORD_MAP:
        return tuple(_WORD_MAP[word].split())
    # German feminine endings: "Entwicklerin" → "Entwickler", "Lehrerinnen" → "Lehrer".
    for ending in ("innen", "in"):
        base = word[: -len(ending)]
        if word.endswith(ending) and (base in _WORD_MAP or base.endswith(tuple(_COMPOUND_HEADS))):
            return concepts_of_word(base)
    for head in _COMPOUND_HEADS:
        prefix = word[: -len(head)]
        if word.endswith(head) and len(prefix) >= 2:
            return concepts_of_word(prefix) + concepts_of_word(head)
    if len(word) > 4 and word.endswith("s") and word not in _NOT_PLURAL and not word.endswith(("ss", "us", "is")):
        return concepts_of_word(word[:-1])
    return (word,)


def title_concepts(text: str) -> frozenset[str]:
    """The set of role concepts of a job title, profile title or query."""
    return frozenset(c for word in tokens(text) for c in concepts_of_word(word))


def title_level(text: str) -> int | None:
    """Seniority named in a title (highest word wins), or None when it names none."""
    found = [LEVEL_OF_WORD[w] for w in tokens(text) if w in LEVEL_OF_WORD]
    if "working student" in fold(text):
        found.append(STUDENT)
    if not found:
        return None
    # "Senior Lead" → lead; but a "Praktikum" is a student job whatever else the title says.
    return STUDENT if STUDENT in found else max(found)
