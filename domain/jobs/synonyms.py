"""Word normalisation and cross-language synonyms for offline ranking.

Each group lists folded (lowercase, accent-free) word stems that mean the same job or
field in English, German, French and Spanish, so "Buchhalter" finds "Accountant", "nurse"
finds "Pflegefachkraft" and "enfermera" finds "Infirmière". Feminine forms are undone by
``stem`` where the ending is regular ("Entwicklerin", "développeuse", "programadora",
"enfermera"); irregular ones are listed in their group ("Köchin", "avocate").
"""
from __future__ import annotations

import re
from functools import lru_cache

from domain.jobs.text import fold

_GROUPS = [
    "developer entwickler softwareentwickler developpeur programmer programmierer coder "
    "desarrollador programador",
    "engineer ingenieur ingeniero",
    "software logiciel",
    "nurse nursing krankenpfleger krankenschwester pflegefachkraft pflegefachfrau "
    "pflegefachmann pfleger pflege pflegekraft infirmier ide altenpfleger soignant "
    "enfermero enfermeria",
    "caregiver carer pflegehelfer pflegeassistent soignant cuidador auxiliar",
    "accountant accounting bookkeeper bookkeeping buchhalter buchhaltung finanzbuchhalter "
    "bilanzbuchhalter comptable comptabilite contable contador contabilidad",
    "teacher teaching lehrer lehrkraft enseignant professeur grundschullehrer profesor "
    "maestro maestra docente",
    "educator erzieher educateur kita nursery puericulture educador guarderia",
    "trainer formateur",
    "data daten donnee dato",
    "analyst analytiker analyste datenanalyst analista",
    "designer gestalter mediengestalter graphiste grafikdesigner disenador",
    "sales vertrieb vertriebsmitarbeiter commercial venta",
    "lawyer attorney rechtsanwalt anwalt anwaltin rechtsanwaltin avocat avocate jurist juriste "
    "counsel syndikusrechtsanwalt abogado",
    "legal juristisch juridique juridico",
    "hr personal personalreferent rh rrhh",
    "recruiter recruiting recrutement recruteur reclutador",
    "driver fahrer kraftfahrer berufskraftfahrer lkw chauffeur truck hgv cdl conductor camionero "
    "chofer",
    "warehouse lager lagermitarbeiter lagerarbeiter lagerlogistik lagerist preparateur cariste "
    "forklift stapler staplerfahrer almacen carretillero",
    "logistic logistik logistique disponent logistica",
    "cook chef koch kochin kuchenchef cuisinier commis jungkoch cocinero",
    "waiter waitress server kellner servicekraft serveur bartender barkeeper barman camarero",
    "receptionist rezeptionist receptionniste recepcionista",
    "electrician elektriker elektroniker electricien electricista",
    "plumber installateur anlagenmechaniker shk sanitar plombier chauffagiste fontanero",
    "carpenter joiner tischler schreiner zimmerer menuisier charpentier carpintero",
    "mechanic mechaniker mechatroniker kfz mecanicien mecanico",
    "mechanical maschinenbau maschinenbauingenieur mecanique konstrukteur",
    "electrical elektro elektroingenieur electrique",
    "civil bauingenieur bauleiter travaux",
    "physiotherapist physiotherapeut kinesitherapeute physio fisioterapeuta",
    "controller controlling controleur",
    "tax steuer steuerfachangestellter steuerberater fiscal",
    "customer kunden kunde client clientele",
    "doctor arzt arztin medecin medico",
    "medical medizinisch medizinische medical",
    "assistant helfer assistent assistenz assistante",
    "retail einzelhandel verkaufer verkauferin vendeur vendeuse vendedor dependiente dependienta",
    "project projekt projet proyecto",
    "office buro bureau oficina",
    "pharmacist apotheker pharmacien farmaceutico",
    "cleaner reinigungskraft gebaudereiniger putzkraft entretien limpiador limpieza",
    "security sicherheit sicherheitsmitarbeiter securite seguridad vigilante",
]
# Words that say nothing about the job (and gender tags split into letters).
STOPWORDS = frozenset(
    "in and und et the der die das den de du des la le les a an of for fur pour im am "
    "job jobs stelle stellen emploi poste position role m w d h f x all genders "
    "el los las del y para trabajo empleo puesto oferta".split()
)
# Words that refine a search but should not exclude jobs that lack them.
MODIFIERS = frozenset("senior junior lead head principal staff entry level".split())
REMOTE_WORDS = frozenset("remote homeoffice teletravail anywhere".split())

# Feminine (and their plural) endings back to the masculine, longest first within a language:
# German "-erin"/"-istin"/"-entin"/"-eurin", French "-ière"/"-euse"/"-ienne"/"-trice"/"-ante"/"-eure",
# Spanish "-era(s)"/"-dora(s)"/"-sora"/"-tora"/"-ica"/"-ada" ("enfermera", "programadora",
# "profesora", "conductora", "mecánica", "abogada"); Spanish "-dores" is the masculine plural.
_SUFFIXES = [("erinnen", "er"), ("erin", "er"), ("istin", "ist"), ("entin", "ent"), ("eutin", "eut"),
             ("eurin", "eur"), ("iere", "ier"), ("euse", "eur"), ("ienne", "ien"), ("trice", "teur"),
             ("ante", "ant"), ("eure", "eur"),
             ("eras", "ero"), ("era", "ero"), ("doras", "dor"), ("dores", "dor"), ("dora", "dor"),
             ("sora", "sor"), ("tora", "tor"), ("icas", "ico"), ("ica", "ico"), ("adas", "ado"),
             ("ada", "ado")]


def stem(word: str) -> str:
    """Fold one word and undo the common plural and feminine endings."""
    return _stem_folded(fold(word))


@lru_cache(maxsize=65536)
def _stem_folded(word: str) -> str:
    # Job texts repeat a small vocabulary: each word's stem is worked out once per process.
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """Stemmed words of a text, without stop words."""
    stems = (_stem_folded(w) for w in re.split(r"[^\w+#]+", fold(text)) if w)
    return [s for s in stems if s not in STOPWORDS]


_SYNONYMS: dict[str, frozenset[str]] = {}
for _group in _GROUPS:
    _forms = frozenset(stem(w) for w in _group.split())
    for _form in _forms:
        _SYNONYMS[_form] = _SYNONYMS.get(_form, frozenset()) | _forms


def expand(term: str) -> frozenset[str]:
    """A stemmed term and all its synonyms."""
    return _SYNONYMS.get(term, frozenset()) | {term}
