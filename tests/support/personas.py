"""CV personas for tests and benchmarks: the content of a CV and what extraction should find.

Personas are plain dicts, so a test can copy one and change a field:

    persona = dict(PERSONAS["python_dev_berlin"], name="Jo Example")

``persona["expected"]`` holds the values a correct profile extraction should find.
"""
from __future__ import annotations

SECTION_TITLES = {
    "en": {"contact": "Contact", "summary": "Summary", "experience": "Experience", "education": "Education",
           "skills": "Skills", "languages": "Languages"},
    "de": {"contact": "Kontakt", "summary": "Profil", "experience": "Berufserfahrung", "education": "Ausbildung",
           "skills": "Kenntnisse", "languages": "Sprachen"},
    "fr": {"contact": "Coordonnées", "summary": "Profil", "experience": "Expérience professionnelle",
           "education": "Formation", "skills": "Compétences", "languages": "Langues"},
}

PERSONAS: dict[str, dict] = {
    "python_dev_berlin": {
        "lang": "en",
        "name": "Lena Fischer",
        "title": "Senior Python Developer",
        "email": "lena.fischer@example.com",
        "phone": "+49 30 1234 5678",
        "location": "Berlin, Germany",
        "summary": "Backend engineer building reliable Python services and data-heavy APIs for e-commerce.",
        "experience": [
            {"role": "Senior Backend Engineer", "company": "Zalando SE", "dates": "03/2018 – present",
             "bullets": ["Built order services in Python and FastAPI on k8s.",
                         "Cut PostgreSQL query latency by 60% with better indexing."]},
            {"role": "Backend Developer", "company": "SoundCloud", "dates": "09/2014 – 02/2018",
             "bullets": ["Django REST APIs, Redis caching, CI/CD with GitLab CI."]},
        ],
        "education": ["B.Sc. Computer Science, TU Berlin, 2010 – 2014"],
        "skills": ["Python, Django, FastAPI, postgres, k8s, Docker, AWS, Go, Redis, CI/CD"],
        "languages": ["English (C1)", "German (native)", "Spanish (B1)"],
        "expected": {
            "skills": ["Python", "Django", "FastAPI", "PostgreSQL", "Kubernetes", "Docker", "AWS", "Go",
                       "Redis", "CI/CD"],
            "languages": ["English", "German", "Spanish"],
            "since": (2014, 9),
            "city": "Berlin",
        },
    },
    "german_nurse": {
        "lang": "de",
        "name": "Anna Schmidt",
        "title": "Gesundheits- und Krankenpflegerin",
        "email": "anna.schmidt@example.de",
        "phone": "0171 2345678",
        "location": "München",
        "summary": "Examinierte Pflegefachkraft mit Schwerpunkt Intensivpflege und Freude an der Arbeit im Team.",
        "experience": [
            {"role": "Pflegefachkraft Intensivstation", "company": "Klinikum rechts der Isar",
             "dates": "seit 04/2019",
             "bullets": ["Intensivpflege beatmeter Patienten, Wundversorgung, Medikamentengabe."]},
            {"role": "Gesundheits- und Krankenpflegerin", "company": "Klinikum Schwabing",
             "dates": "09/2012 – 03/2019",
             "bullets": ["Grundpflege und Pflegedokumentation auf der Inneren Station."]},
        ],
        "education": ["Ausbildung zur Gesundheits- und Krankenpflegerin, 2009 – 2012"],
        "skills": ["Krankenpflege, Intensivpflege, Wundversorgung, Erste Hilfe, Hygiene, SAP"],
        "languages": ["Deutsch (Muttersprache)", "Englisch (B2)", "Türkisch (Grundkenntnisse)"],
        "expected": {
            "skills": ["Nursing", "Critical Care", "Wound Care", "First Aid", "Infection Control", "SAP"],
            "languages": ["German", "English", "Turkish"],
            "since": (2012, 9),
            "city": "München",
        },
    },
    "french_accountant": {
        "lang": "fr",
        "name": "Hélène Lefèvre",
        "title": "Comptable confirmée",
        "email": "helene.lefevre@example.fr",
        "phone": "+33 6 12 34 56 78",
        "location": "Lyon, France",
        "summary": "Comptable rigoureuse, spécialisée dans les clôtures mensuelles et la fiscalité des PME.",
        "experience": [
            {"role": "Comptable confirmée", "company": "Cabinet Martin & Associés", "dates": "depuis 2017",
             "bullets": ["Tenue de la comptabilité générale de 40 PME, rapprochements bancaires, TVA."]},
            {"role": "Assistante comptable", "company": "Groupe SEB", "dates": "2012 – 2017",
             "bullets": ["Comptabilité fournisseurs, liasse fiscale, paie."]},
        ],
        "education": ["DCG (Diplôme de comptabilité et de gestion), Université Lyon 3, 2012"],
        "skills": ["Comptabilité générale, Sage, Cegid, Excel (tableaux croisés dynamiques), IFRS"],
        "languages": ["Français (langue maternelle)", "Anglais (courant)", "Espagnol (notions)"],
        "expected": {
            "skills": ["Accounting", "Sage", "Cegid", "Excel", "IFRS", "Bank Reconciliation", "VAT", "Payroll"],
            "languages": ["French", "English", "Spanish"],
            "since": (2012, 1),
            "city": "Lyon",
        },
    },
    "data_scientist": {
        "lang": "en",
        "name": "Priya Raman",
        "title": "Data Scientist",
        "email": "priya.raman@example.co.uk",
        "phone": "+44 20 7946 0958",
        "location": "London, United Kingdom",
        "summary": "Data scientist with 6 years of experience in forecasting, NLP and experimentation.",
        "experience": [
            {"role": "Senior Data Scientist", "company": "Ocado Technology", "dates": "Jan 2019 – Present",
             "bullets": ["Demand forecasting with PyTorch and Spark; A/B testing platform."]},
            {"role": "Data Analyst", "company": "Deliveroo", "dates": "Jun 2017 – Dec 2018",
             "bullets": ["SQL and Tableau dashboards; churn models with scikit-learn."]},
        ],
        "education": ["M.Sc. Statistics, University College London, 2016 – 2017"],
        "skills": ["Python, R, SQL, scikit-learn, PyTorch, ML, NLP, Spark, Tableau"],
        "languages": ["English (fluent)", "Tamil (native)", "French (basic)"],
        "expected": {
            "skills": ["Python", "R", "SQL", "scikit-learn", "PyTorch", "Machine Learning",
                       "Natural Language Processing", "Apache Spark", "Tableau", "A/B Testing"],
            "languages": ["English", "Tamil", "French"],
            "since": (2017, 6),
            "city": "London",
        },
    },
    "marketing_manager": {
        "lang": "en",
        "name": "Marco Rossi",
        "title": "Marketing Manager",
        "email": "marco.rossi@example.nl",
        "phone": "+31 6 1234 5678",
        "location": "Amsterdam, Netherlands",
        "summary": "Marketing manager growing B2B SaaS brands through content, search and lifecycle campaigns.",
        "experience": [
            {"role": "Marketing Manager", "company": "Adyen", "dates": "June 2015 – Present",
             "bullets": ["Led SEO and SEM strategy; grew organic traffic 3x; HubSpot marketing automation."]},
            {"role": "Marketing Specialist", "company": "Booking.com", "dates": "2011 - 2015",
             "bullets": ["Email marketing, social media and Google Analytics reporting."]},
        ],
        "education": ["M.A. Marketing, Bocconi University, 2009 – 2011"],
        "skills": ["SEO, SEM, Google Analytics, HubSpot, content marketing, Salesforce, brand management, copywriting"],
        "languages": ["English (fluent)", "Italian (native)", "Dutch (basic)"],
        "expected": {
            "skills": ["Search Engine Optimization", "Search Engine Marketing", "Google Analytics", "HubSpot",
                       "Content Marketing", "Salesforce", "Brand Management", "Copywriting", "Email Marketing",
                       "Social Media Marketing"],
            "languages": ["English", "Italian", "Dutch"],
            "since": (2011, 1),
            "city": "Amsterdam",
        },
    },
}
