"""Word normalisation and cross-language synonyms for offline ranking.

Each group lists folded (lowercase, accent-free) word stems that mean the same job or
field in English, German and French, so "Buchhalter" finds "Accountant" and "nurse"
finds "Pflegefachkraft".
"""
from __future__ import annotations

import re
from functools import lru_cache

from domain.jobs.text import fold

_GROUPS = [
    "developer entwickler softwareentwickler developpeur programmer programmierer coder",
    "engineer ingenieur",
    "software logiciel",
    "nurse nursing krankenpfleger krankenschwester pflegefachkraft pflegefachfrau "
    "pflegefachmann pfleger pflege infirmier ide altenpfleger soignant",
    "accountant accounting bookkeeper bookkeeping buchhalter buchhaltung finanzbuchhalter "
    "bilanzbuchhalter comptable comptabilite",
    "teacher teaching lehrer lehrkraft enseignant professeur grundschullehrer",
    "educator erzieher educateur kita nursery puericulture",
    "trainer formateur",
    "data daten donnee",
    "analyst analytiker analyste datenanalyst",
    "designer gestalter mediengestalter graphiste grafikdesigner",
    "sales vertrieb vertriebsmitarbeiter commercial",
    "lawyer attorney rechtsanwalt anwalt avocat jurist juriste counsel syndikusrechtsanwalt",
    "legal juristisch juridique",
    "hr personal personalreferent rh",
    "recruiter recruiting recrutement",
    "driver fahrer kraftfahrer berufskraftfahrer lkw chauffeur truck hgv cdl",
    "warehouse lager lagermitarbeiter lagerlogistik lagerist preparateur cariste forklift "
    "stapler staplerfahrer",
    "logistic logistik logistique disponent",
    "cook chef koch kuchenchef cuisinier commis jungkoch",
    "waiter waitress server kellner servicekraft serveur bartender barkeeper barman",
    "receptionist rezeptionist receptionniste",
    "electrician elektriker elektroniker electricien",
    "plumber installateur anlagenmechaniker shk sanitar plombier chauffagiste",
    "carpenter joiner tischler schreiner zimmerer menuisier charpentier",
    "mechanic mechaniker mechatroniker kfz mecanicien",
    "mechanical maschinenbau maschinenbauingenieur mecanique konstrukteur",
    "electrical elektro elektroingenieur electrique",
    "civil bauingenieur bauleiter travaux",
    "physiotherapist physiotherapeut kinesitherapeute physio",
    "controller controlling controleur",
    "tax steuer steuerfachangestellter steuerberater fiscal",
    "customer kunden kunde client clientele",
    "doctor arzt medecin",
    "medical medizinisch medizinische medical",
    "assistant helfer assistent assistenz assistante",
    "retail einzelhandel verkaufer verkauferin vendeur vendeuse",
    "project projekt projet",
    "office buro bureau",
    "pharmacist apotheker pharmacien",
    "cleaner reinigungskraft gebaudereiniger entretien",
    "security sicherheit sicherheitsmitarbeiter securite",
]
# Words that say nothing about the job (and gender tags split into letters).
STOPWORDS = frozenset(
    "in and und et the der die das den de du des la le les a an of for fur pour im am "
    "job jobs stelle stellen emploi poste position role m w d h f x all genders".split()
)
# Words that refine a search but should not exclude jobs that lack them.
MODIFIERS = frozenset("senior junior lead head principal staff entry level".split())
REMOTE_WORDS = frozenset("remote homeoffice teletravail anywhere".split())

_SUFFIXES = [("erinnen", "er"), ("erin", "er"), ("iere", "ier"), ("euse", "eur"),
             ("ienne", "ien"), ("trice", "teur")]


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
