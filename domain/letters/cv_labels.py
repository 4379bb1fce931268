"""Section headings of the tailored CV in the seven letter languages.

The usual headings of CVs in each language (Europass's own translations where they exist:
"Berufserfahrung", "Expérience professionnelle", "Esperienza professionale", "Werkervaring",
"Experiência profissional"). None of them is a skills-vocabulary word, so the truthfulness
check never reads a heading as a claim.
"""
from __future__ import annotations

SECTIONS = ("profile", "skills", "experience", "education", "certificates", "languages")

CV_LABELS: dict[str, dict[str, str]] = {
    "en": {"document": "CV", "profile": "Profile", "skills": "Skills", "experience": "Experience",
           "education": "Education", "certificates": "Certificates", "languages": "Languages"},
    "de": {"document": "Lebenslauf", "profile": "Profil", "skills": "Kenntnisse", "experience": "Berufserfahrung",
           "education": "Ausbildung", "certificates": "Zertifikate", "languages": "Sprachen"},
    "fr": {"document": "CV", "profile": "Profil", "skills": "Compétences",
           "experience": "Expérience professionnelle", "education": "Formation", "certificates": "Certifications",
           "languages": "Langues"},
    "es": {"document": "Currículum", "profile": "Perfil", "skills": "Competencias",
           "experience": "Experiencia profesional", "education": "Formación", "certificates": "Certificaciones",
           "languages": "Idiomas"},
    "it": {"document": "Curriculum vitae", "profile": "Profilo", "skills": "Competenze",
           "experience": "Esperienza professionale", "education": "Istruzione e formazione",
           "certificates": "Certificazioni", "languages": "Lingue"},
    "nl": {"document": "Cv", "profile": "Profiel", "skills": "Vaardigheden", "experience": "Werkervaring",
           "education": "Opleiding", "certificates": "Certificaten", "languages": "Talen"},
    "pt": {"document": "Currículo", "profile": "Perfil", "skills": "Competências",
           "experience": "Experiência profissional", "education": "Formação acadêmica",
           "certificates": "Certificações", "languages": "Idiomas"},
}


def cv_labels(lang: str) -> dict[str, str]:
    """The headings for ``lang`` ({"document", "profile", "skills", …} → text); English if unknown."""
    return dict(CV_LABELS.get(lang, CV_LABELS["en"]))
