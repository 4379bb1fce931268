"""A small labelled ranking set: CV personas in seven fields and ~100 postings across fields.

Each posting carries its field; a posting is relevant to a persona of the same field (grade 2)
and partly relevant to a closely related field (grade 1, e.g. backend ↔ data science).
Postings are written the way boards write them: English, German and French titles, gender
markers, synonyms ("k8s", "Postgres", "Führerschein CE"), with or without highlights.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from domain.cv.types import CandidateProfile
from domain.jobs.types import JobPosting

RELATED_FIELDS = {"backend": {"data"}, "data": {"backend"}}


@dataclass(frozen=True)
class Persona:
    field: str
    profile: CandidateProfile
    query: str = ""


def persona(field: str, title: str, years: float, location: str, skills: list[str], query: str = "") -> Persona:
    profile = CandidateProfile(name=f"{field.title()} Persona", title=title, years_experience=years,
                               location=location, skills=skills, languages=["English", "German"])
    return Persona(field, profile, query)


PERSONAS = [
    persona("backend", "Senior Python Backend Developer", 7, "Berlin, Germany",
            ["Python", "Django", "FastAPI", "PostgreSQL", "Docker", "Kubernetes", "REST APIs", "Git",
             "Redis", "Linux", "CI/CD", "SQL"]),
    persona("nursing", "Registered Nurse", 5, "Hamburg, Germany",
            ["Nursing", "Patient Care", "Critical Care", "Medication Administration", "Wound Care",
             "Infection Control", "Clinical Documentation", "Basic Life Support", "Vital Signs Monitoring"]),
    persona("accounting", "Accountant", 8, "Munich, Germany",
            ["Accounting", "Bookkeeping", "Accounts Payable", "Accounts Receivable", "General Ledger",
             "Financial Reporting", "Financial Closing", "IFRS", "HGB", "DATEV", "SAP", "Excel", "VAT"]),
    persona("marketing", "Marketing Manager", 6, "Berlin, Germany",
            ["Digital Marketing", "Content Marketing", "Social Media Marketing", "Search Engine Optimization",
             "Google Ads", "Google Analytics", "Email Marketing", "HubSpot", "Marketing Strategy",
             "Campaign Management", "Copywriting", "Brand Management"]),
    persona("data", "Data Scientist", 4, "Berlin, Germany",
            ["Python", "Machine Learning", "Deep Learning", "pandas", "NumPy", "scikit-learn", "PyTorch",
             "SQL", "Statistics", "Data Visualization", "Jupyter", "A/B Testing"]),
    persona("logistics", "Truck Driver", 10, "Dortmund, Germany",
            ["Driving License", "Route Planning", "Dangerous Goods Handling", "Forklift Operation",
             "Logistics", "Transportation Management"]),
    persona("teaching", "Secondary School Teacher", 12, "Cologne, Germany",
            ["Teaching", "Lesson Planning", "Curriculum Development", "Classroom Management",
             "Student Assessment", "Pedagogy", "Educational Technology", "Moodle", "Language Teaching"]),
]

# field: [(title, location, lang, required phrases, nice-to-have phrases, with_highlights)]
_POSTINGS = {
    "backend": [
        ("Senior Python Developer (m/w/d)", "Berlin, Germany", "de", ["Python", "Django", "PostgreSQL"], ["Docker", "k8s"], True),
        ("Backend Engineer - Python", "Remote", "en", ["Python 3", "FastAPI", "Postgres", "REST APIs"], ["Redis"], True),
        ("Python Backend Developer", "Berlin", "en", ["Python", "Django", "SQL", "Docker"], ["AWS"], False),
        ("Softwareentwickler Backend (w/m/d)", "Hamburg, Germany", "de", ["Python", "Kubernetes", "Linux"], ["Go"], True),
        ("Développeur Python Django (H/F)", "Paris, France", "fr", ["Python", "Django", "PostgreSQL"], ["Docker"], True),
        ("Lead Backend Engineer", "Berlin, Germany", "en", ["Python", "microservices", "Kubernetes", "CI/CD"], ["Kafka"], True),
        ("Junior Python Developer", "Munich, Germany", "en", ["Python", "Git", "SQL"], ["Django"], True),
        ("Werkstudent Softwareentwicklung Python (m/w/d)", "Berlin", "de", ["Python", "Git"], ["Docker"], False),
        ("Backend Developer (Python/FastAPI)", "Leipzig, Germany", "en", ["FastAPI", "Python", "Redis", "PostgreSQL"], ["k8s"], True),
        ("Platform Engineer Python / Kubernetes", "Remote", "en", ["Kubernetes", "Docker", "Python", "Terraform"], ["AWS"], True),
        ("Python Entwickler (m/w/d) Django", "Frankfurt, Germany", "de", ["Python", "Django", "REST APIs"], ["Celery"], True),
        ("Software Engineer, Backend (Python)", "Berlin, Germany", "en", ["Python", "PostgreSQL", "Docker", "Git"], ["GraphQL"], False),
        ("Senior Software Engineer - Python APIs", "Remote", "en", ["Python", "REST APIs", "SQL", "Linux"], ["Kubernetes"], True),
        ("Backend-Entwicklerin Python", "Cologne, Germany", "de", ["Python", "FastAPI", "Docker"], ["Redis"], True),
    ],
    "nursing": [
        ("Registered Nurse - ICU", "Hamburg, Germany", "en", ["Registered Nurse license", "intensive care", "medication administration"], ["BLS"], True),
        ("Pflegefachkraft (m/w/d) Intensivstation", "Hamburg", "de", ["Ausbildung als Pflegefachkraft", "Intensivpflege", "Medikamentengabe"], ["Wundversorgung"], True),
        ("Gesundheits- und Krankenpfleger (m/w/d)", "Berlin, Germany", "de", ["Krankenpflege", "Patientenversorgung", "Pflegedokumentation"], ["Hygiene"], True),
        ("Staff Nurse - Surgical Ward", "Hamburg, Germany", "en", ["nursing degree", "patient care", "wound care"], ["infection prevention"], False),
        ("Infirmier / Infirmière en soins intensifs (H/F)", "Lyon, France", "fr", ["soins infirmiers", "soins intensifs", "administration des médicaments"], ["hygiène hospitalière"], True),
        ("Krankenschwester / Krankenpfleger Notaufnahme", "Hamburg", "de", ["Krankenpflege", "Notaufnahme", "Vitalzeichenkontrolle"], ["BLS"], True),
        ("Nurse Practitioner - Primary Care", "Munich, Germany", "en", ["nursing", "patient care", "clinical documentation"], ["EHR"], True),
        ("Pflegefachfrau / Pflegefachmann Geriatrie", "Bremen, Germany", "de", ["Pflegefachkraft", "Altenpflege", "Medikamentengabe"], ["Demenz"], False),
        ("Senior Nurse - Critical Care", "Hamburg, Germany", "en", ["registered nurse", "ICU", "vital signs", "medication management"], ["ACLS"], True),
        ("Night Shift Nurse", "Hannover, Germany", "en", ["nursing", "patient care", "infection control"], ["charting"], True),
        ("Pflegefachkraft Wundmanagement (m/w/d)", "Hamburg, Germany", "de", ["Pflegefachkraft", "Wundversorgung", "Pflegedokumentation"], ["Hygiene"], True),
        ("Pediatric Nurse", "Kiel, Germany", "en", ["registered nurse", "pediatrics", "patient care"], ["BLS"], True),
        ("Krankenpfleger (m/w/d) OP", "Lübeck, Germany", "de", ["Krankenpflege", "OP-Pflege", "Hygiene"], ["Medikamentengabe"], True),
    ],
    "accounting": [
        ("Accountant (m/f/d)", "Munich, Germany", "en", ["accounting", "general ledger", "month-end close", "Excel"], ["SAP"], True),
        ("Finanzbuchhalter (m/w/d)", "München", "de", ["Finanzbuchhaltung", "Kreditorenbuchhaltung", "Debitorenbuchhaltung", "DATEV"], ["HGB"], True),
        ("Bilanzbuchhalterin (w/m/d)", "Munich, Germany", "de", ["Jahresabschluss", "HGB", "IFRS", "DATEV"], ["SAP"], True),
        ("Comptable général (H/F)", "Paris, France", "fr", ["comptabilité générale", "clôtures mensuelles", "TVA"], ["Excel"], True),
        ("Senior Accountant - IFRS", "Frankfurt, Germany", "en", ["IFRS", "financial reporting", "consolidation", "SAP"], ["Excel"], True),
        ("Accounts Payable Specialist", "Munich, Germany", "en", ["accounts payable", "invoice processing", "bank reconciliation", "SAP"], ["Excel"], False),
        ("Buchhalter / Buchhalterin Debitoren", "Augsburg, Germany", "de", ["Debitorenbuchhaltung", "DATEV", "Umsatzsteuer"], ["Excel"], True),
        ("Junior Accountant", "Munich, Germany", "en", ["bookkeeping", "accounts receivable", "Excel"], ["DATEV"], True),
        ("Head of Accounting (m/w/d)", "Munich, Germany", "en", ["accounting", "HGB", "IFRS", "financial closing"], ["SAP"], True),
        ("Financial Accountant", "Stuttgart, Germany", "en", ["financial accounting", "general ledger", "VAT", "financial reporting"], ["SAP"], True),
        ("Finanzbuchhalter Hauptbuch (m/w/d)", "Munich", "de", ["Hauptbuch", "Monatsabschluss", "HGB", "SAP"], ["DATEV"], True),
        ("Group Accountant", "Remote", "en", ["consolidation", "IFRS", "financial reporting"], ["Excel"], True),
        ("Buchhaltung Sachbearbeiter (m/w/d)", "Nuremberg, Germany", "de", ["Buchhaltung", "DATEV", "Kontenabstimmung"], ["Excel"], False),
        ("Accountant - Month End & Reporting", "Munich, Germany", "en", ["month-end close", "financial reporting", "Excel", "accounts payable"], ["SAP"], True),
    ],
    "marketing": [
        ("Marketing Manager (m/w/d)", "Berlin, Germany", "de", ["Online-Marketing", "SEO", "Google Ads", "Marketingstrategie"], ["HubSpot"], True),
        ("Digital Marketing Manager", "Berlin, Germany", "en", ["digital marketing", "Google Analytics", "paid search", "email marketing"], ["HubSpot"], True),
        ("Senior Content Marketing Manager", "Remote", "en", ["content marketing", "SEO", "copywriting"], ["social media"], True),
        ("Responsable marketing digital (H/F)", "Paris, France", "fr", ["marketing digital", "référencement", "réseaux sociaux"], ["Google Ads"], True),
        ("Online Marketing Manager (w/m/d)", "Hamburg, Germany", "de", ["Online-Marketing", "SEA", "Google Analytics", "Newsletter"], ["SEO"], True),
        ("Social Media Manager", "Berlin", "en", ["social media marketing", "content creation", "campaign management"], ["Meta Ads"], False),
        ("Head of Marketing", "Berlin, Germany", "en", ["marketing strategy", "brand management", "digital marketing", "campaign management"], ["HubSpot"], True),
        ("Performance Marketing Manager", "Munich, Germany", "en", ["Google Ads", "Meta Ads", "Google Analytics", "conversion optimization"], ["SEO"], True),
        ("Marketing Manager B2B SaaS", "Remote", "en", ["HubSpot", "email marketing", "content marketing", "marketing automation"], ["SEO"], True),
        ("SEO Manager (m/w/d)", "Berlin, Germany", "de", ["SEO", "Google Analytics", "Content-Marketing"], ["Google Tag Manager"], True),
        ("Brand Marketing Manager", "Berlin, Germany", "en", ["brand management", "marketing campaigns", "copywriting"], ["market research"], True),
        ("Junior Marketing Manager", "Berlin, Germany", "en", ["online marketing", "social media", "newsletter"], ["Canva"], True),
        ("CRM & E-Mail Marketing Manager", "Düsseldorf, Germany", "de", ["E-Mail-Marketing", "HubSpot", "Kampagnenmanagement"], ["Google Analytics"], True),
        ("Marketing Campaign Manager", "Leipzig, Germany", "en", ["campaign management", "digital marketing", "Google Ads"], ["copywriting"], False),
    ],
    "data": [
        ("Data Scientist (m/w/d)", "Berlin, Germany", "de", ["Python", "Machine Learning", "SQL", "Statistik"], ["PyTorch"], True),
        ("Senior Data Scientist", "Remote", "en", ["Python", "scikit-learn", "pandas", "statistics", "A/B testing"], ["Spark"], True),
        ("Machine Learning Engineer", "Berlin, Germany", "en", ["Python", "PyTorch", "deep learning", "MLOps"], ["Kubernetes"], True),
        ("Data Scientist - Recommendations", "Munich, Germany", "en", ["machine learning", "Python", "SQL", "recommender systems"], ["TensorFlow"], True),
        ("Data Scientist NLP (w/m/d)", "Berlin", "de", ["NLP", "Python", "PyTorch", "Deep Learning"], ["Hugging Face"], True),
        ("Junior Data Scientist", "Berlin, Germany", "en", ["Python", "pandas", "NumPy", "statistics"], ["Jupyter"], False),
        ("Data Scientist (H/F)", "Paris, France", "fr", ["Python", "machine learning", "SQL", "statistiques"], ["scikit-learn"], True),
        ("Lead Data Scientist", "Berlin, Germany", "en", ["machine learning", "deep learning", "Python", "A/B testing"], ["MLOps"], True),
        ("Applied Scientist - Machine Learning", "Remote", "en", ["PyTorch", "Python", "deep learning", "statistics"], ["computer vision"], True),
        ("Werkstudent Data Science (m/w/d)", "Berlin, Germany", "de", ["Python", "pandas", "Machine Learning"], ["SQL"], True),
        ("Data Scientist - Experimentation", "Hamburg, Germany", "en", ["A/B testing", "statistics", "SQL", "Python"], ["data visualization"], True),
        ("Senior Machine Learning Scientist", "Berlin, Germany", "en", ["machine learning", "PyTorch", "NumPy", "Python"], ["Jupyter"], True),
        ("Datenwissenschaftler (m/w/d)", "Frankfurt, Germany", "de", ["Python", "Machine Learning", "Datenvisualisierung", "SQL"], ["pandas"], True),
    ],
    "logistics": [
        ("Berufskraftfahrer (m/w/d) CE Nahverkehr", "Dortmund, Germany", "de", ["Führerschein Klasse CE", "Fahrerkarte", "ADR-Schein"], ["Staplerschein"], True),
        ("LKW-Fahrer (m/w/d) Fernverkehr", "Bochum, Germany", "de", ["Führerschein CE", "Tourenplanung"], ["Gefahrgut"], True),
        ("Truck Driver CE", "Dortmund, Germany", "en", ["driving licence CE", "route planning", "hazmat"], ["forklift"], True),
        ("Chauffeur poids lourd (H/F)", "Lille, France", "fr", ["permis de conduire C/CE", "ADR", "planification des tournées"], ["cariste"], True),
        ("HGV Class 1 Driver", "Essen, Germany", "en", ["driving licence", "route planning"], ["ADR"], False),
        ("Kraftfahrer (m/w/d) Baustoffhandel", "Dortmund", "de", ["Führerschein C/CE", "Ladungssicherung"], ["Staplerschein"], True),
        ("Delivery Driver", "Dortmund, Germany", "en", ["driver's license", "route planning", "customer-friendly manner"], [], True),
        ("Fahrer (m/w/d) Gefahrgut", "Duisburg, Germany", "de", ["Führerschein CE", "Gefahrgut", "ADR"], ["Tourenplanung"], True),
        ("Staplerfahrer / Lagerlogistik (m/w/d)", "Dortmund, Germany", "de", ["Staplerschein", "Lagerlogistik", "Kommissionierung"], ["Führerschein"], True),
        ("Senior Truck Driver - Long Haul", "Remote", "en", ["CDL", "route planning", "dangerous goods"], ["fleet management"], True),
        ("Disponent Transport und Logistik (m/w/d)", "Dortmund, Germany", "de", ["Tourenplanung", "Fuhrparkmanagement", "Logistik"], ["Führerschein"], True),
        ("Logistics Driver & Warehouse Associate", "Gelsenkirchen, Germany", "en", ["forklift", "driving licence", "logistics"], ["inventory control"], True),
        ("LKW-Fahrer Nahverkehr Klasse C", "Hagen, Germany", "de", ["Führerschein C", "Tourenplanung"], [], False),
    ],
    "teaching": [
        ("Lehrer (m/w/d) für Mathematik und Physik", "Cologne, Germany", "de", ["Lehramtsstudium", "Unterricht", "Unterrichtsplanung", "Leistungsbewertung"], ["Moodle"], True),
        ("Secondary School Teacher - English", "Cologne, Germany", "en", ["teaching", "lesson planning", "classroom management"], ["EdTech"], True),
        ("Grundschullehrerin / Grundschullehrer", "Bonn, Germany", "de", ["Unterricht", "Klassenführung", "Pädagogik"], ["Sonderpädagogik"], True),
        ("Enseignant de mathématiques (H/F)", "Lyon, France", "fr", ["enseignement", "préparation de cours", "gestion de classe"], ["pédagogie"], True),
        ("Primary Teacher", "Düsseldorf, Germany", "en", ["teaching", "lesson plans", "student assessment"], ["special education"], True),
        ("Lehrkraft für Deutsch als Fremdsprache (DaF)", "Cologne", "de", ["DaF", "Unterricht", "Didaktik"], ["Moodle"], True),
        ("Mathematics Teacher (Gymnasium)", "Cologne, Germany", "en", ["teaching", "curriculum design", "student assessment"], ["Moodle"], False),
        ("Online English Teacher", "Remote", "en", ["ESL", "online teaching", "lesson planning"], ["EdTech"], True),
        ("Professeur des écoles (H/F)", "Bordeaux, France", "fr", ["enseignement", "pédagogie", "gestion de classe"], [], True),
        ("Lehrer Sekundarstufe I (m/w/d)", "Cologne, Germany", "de", ["Unterricht", "Unterrichtsplanung", "Klassenführung"], ["Lehrplanentwicklung"], True),
        ("Special Education Teacher", "Essen, Germany", "en", ["special education", "teaching", "lesson planning"], ["classroom management"], True),
        ("Head of Science Department (Teacher)", "Cologne, Germany", "en", ["teaching", "curriculum development", "pedagogy"], ["Moodle"], True),
        ("Vertretungslehrkraft (m/w/d) Englisch", "Leverkusen, Germany", "de", ["Unterricht", "Sprachunterricht", "Leistungsbewertung"], [], True),
    ],
    "other": [
        ("Sales Manager DACH (m/w/d)", "Berlin, Germany", "de", ["B2B-Vertrieb", "Salesforce", "Verhandlungsgeschick"], ["CRM"], True),
        ("HR Business Partner", "Munich, Germany", "en", ["employee relations", "recruiting", "onboarding"], ["Workday"], True),
        ("Sous Chef", "Hamburg, Germany", "en", ["culinary arts", "menu planning", "food safety"], [], True),
        ("Elektriker (m/w/d)", "Dortmund, Germany", "de", ["Elektroinstallation", "Instandhaltung", "Führerschein B"], [], True),
        ("Product Manager", "Berlin, Germany", "en", ["product management", "stakeholder management", "Jira"], ["SQL"], True),
    ],
}

_TEXT = {
    "en": ("{company} is hiring a {title} in {city}. You join a friendly team and grow with us. "
           "What you bring: {required}. Nice to have: {nice}.",
           "Qualifications", "Responsibilities", "Day-to-day work in a motivated team"),
    "de": ("{company} sucht zum nächstmöglichen Zeitpunkt eine/n {title} in {city}. Wir bieten ein tolles Team "
           "und Raum für Ihre Entwicklung. Ihr Profil: {required}. Wünschenswert: {nice}.",
           "Ihr Profil", "Ihre Aufgaben", "Tägliche Arbeit in einem motivierten Team"),
    "fr": ("{company} recrute un(e) {title} à {city}. Vous rejoignez une équipe sympathique. "
           "Profil recherché : {required}. Un plus : {nice}.",
           "Profil recherché", "Vos missions", "Travail quotidien dans une équipe motivée"),
}


def build_postings() -> list[tuple[str, JobPosting]]:
    """All postings with their field, ids ``<field>-<n>``."""
    out = []
    for field, rows in _POSTINGS.items():
        for n, (title, location, lang, required, nice, with_highlights) in enumerate(rows):
            out.append((field, _posting(f"{field}-{n:02d}", title, location, lang, required, nice, with_highlights)))
    return out


def _posting(job_id, title, location, lang, required, nice, with_highlights) -> JobPosting:
    body, req_title, duty_title, duty = _TEXT[lang]
    company = f"{job_id.split('-')[0].title()} Company {job_id.split('-')[1]}"
    description = body.format(company=company, title=title, city=location.split(",")[0],
                              required=", ".join(required), nice=", ".join(nice) or "-")
    highlights = [{"title": req_title, "items": required}, {"title": duty_title, "items": [duty]}]
    return JobPosting(job_id=job_id, title=title, company_name=company, location=location,
                      description=description, highlights=highlights if with_highlights else [],
                      work_from_home=location == "Remote", source="offline")


def grade(persona_field: str, job_field: str) -> int:
    """2 = same profession, 1 = closely related, 0 = another profession."""
    if persona_field == job_field:
        return 2
    return 1 if job_field in RELATED_FIELDS.get(persona_field, set()) else 0


def precision_at(k: int, grades: list[int]) -> float:
    return sum(1 for g in grades[:k] if g == 2) / k


def ndcg_at(k: int, grades: list[int]) -> float:
    def dcg(values):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))

    ideal = dcg(sorted(grades, reverse=True))
    return dcg(grades) / ideal if ideal else 0.0
