"""Sentence templates per language for the offline postings generator."""

INTRO = {
    "en": ["{company} is hiring {a} {title} in {city}.",
           "Join {company} as a {title} and help our team in {city} grow.",
           "At {company} we are looking for {a} {title} for our site in {city}.",
           "Are you {a} {title} with experience? {company} in {city} wants to meet you."],
    "de": ["{company} sucht zum nächstmöglichen Zeitpunkt einen {title} in {city}.",
           "Für unseren Standort {city} suchen wir dich als {title}.",
           "Verstärke das Team von {company} in {city} als {title}.",
           "Du möchtest etwas bewegen? Dann komm als {title} zu {company} nach {city}."],
    "fr": ["{company} recrute un(e) {title} à {city}.",
           "Rejoignez {company} en tant que {title} sur notre site de {city}.",
           "Dans le cadre de notre développement, nous recherchons un(e) {title} à {city}."],
}
BLURB = {
    "en": ["We are a team of {size} people who care about doing good work.",
           "Founded in {year}, we have grown to {size} colleagues across Europe.",
           "We are a family-owned business with {size} employees and flat hierarchies."],
    "de": ["Wir sind ein Team aus {size} Menschen mit flachen Hierarchien.",
           "Seit {year} wachsen wir stetig und beschäftigen heute {size} Mitarbeitende.",
           "Als familiengeführtes Unternehmen mit {size} Beschäftigten setzen wir auf Vertrauen."],
    "fr": ["Nous sommes une équipe de {size} personnes passionnées.",
           "Créée en {year}, notre entreprise compte aujourd'hui {size} collaborateurs.",
           "Entreprise familiale de {size} salariés, nous privilégions la proximité."],
}
HEADINGS = {
    "en": ("What you will do:", "What you bring:", "What we offer:"),
    "de": ("Deine Aufgaben:", "Dein Profil:", "Das bieten wir:"),
    "fr": ("Vos missions :", "Votre profil :", "Nous offrons :"),
}
BENEFITS = {
    "en": ["30 days of paid holiday", "Flexible working hours", "Hybrid work, 2 days in the office",
           "Learning budget of 1,500 per year", "Company pension scheme", "Health insurance",
           "Public transport ticket", "A modern office in the city centre", "Team events"],
    "de": ["30 Tage Urlaub", "Flexible Arbeitszeiten", "Mobiles Arbeiten nach Absprache",
           "Betriebliche Altersvorsorge", "Deutschlandticket als Jobticket",
           "Weiterbildungsbudget", "Unbefristeter Arbeitsvertrag", "JobRad",
           "Zuschläge für Wochenend- und Nachtdienste", "Betriebliches Gesundheitsmanagement"],
    "fr": ["Tickets restaurant", "Mutuelle prise en charge à 70 %", "Télétravail partiel",
           "RTT", "Prime annuelle", "Remboursement 50 % du pass Navigo", "CSE",
           "Formation continue"],
}
CLOSING = {
    "en": ["Apply with your CV; a cover letter is optional.",
           "Send us your CV and tell us when you could start.",
           "We look forward to your application!"],
    "de": ["Wir freuen uns auf deine Bewerbung mit Lebenslauf und Gehaltsvorstellung.",
           "Bewirb dich jetzt – ein Anschreiben ist nicht nötig.",
           "Bitte sende uns deine Unterlagen mit frühestmöglichem Eintrittstermin."],
    "fr": ["Envoyez-nous votre CV et vos disponibilités.",
           "Postulez dès maintenant, nous répondons sous une semaine.",
           "Au plaisir de lire votre candidature !"],
}
YEARS = {
    "en": "{n}+ years of experience as {a} {role}",
    "de": "Mindestens {n} Jahre Berufserfahrung als {role}",
    "fr": "Au moins {n} ans d'expérience en tant que {role}",
}
SKILL_LINES = {
    "en": ["Solid experience with {x}", "Good knowledge of {x} and {y}", "Hands-on with {x}",
           "Familiarity with {x} is a plus"],
    "de": ["Fundierte Erfahrung mit {x}", "Gute Kenntnisse in {x} und {y}",
           "Praxiserfahrung in {x}", "Kenntnisse in {x} sind von Vorteil"],
    "fr": ["Bonne maîtrise de {x}", "Connaissance de {x} et {y}", "Expérience pratique de {x}",
           "La connaissance de {x} est un plus"],
}
TRAINING = {
    "healthcare": {"en": "Completed nursing or medical training and valid registration",
                   "de": "Abgeschlossene Ausbildung in der Pflege oder im Gesundheitswesen",
                   "fr": "Diplôme d'État dans le domaine de la santé"},
    "teaching": {"en": "Teaching qualification or degree in education",
                 "de": "Abgeschlossenes Lehramtsstudium oder pädagogische Ausbildung",
                 "fr": "Diplôme d'enseignement ou de l'éducation"},
    "trades": {"en": "Completed apprenticeship in the trade",
               "de": "Abgeschlossene Berufsausbildung im Handwerk",
               "fr": "CAP ou BEP dans le métier"},
    "legal": {"en": "Law degree or paralegal qualification",
              "de": "Abgeschlossene juristische Ausbildung",
              "fr": "Formation juridique (Master 2 ou BTS)"},
    "engineering": {"en": "Degree in engineering", "de": "Abgeschlossenes Ingenieurstudium",
                    "fr": "Diplôme d'ingénieur"},
    "pharmacy": {"en": "Registration as a pharmacist or pharmacy technician",
                 "de": "Approbation als Apotheker oder abgeschlossene PTA-Ausbildung",
                 "fr": "Diplôme d'État de pharmacien ou de technicien en pharmacie"},
    "security": {"en": "Security licence, or willing to obtain one",
                 "de": "Sachkundenachweis für das Bewachungsgewerbe",
                 "fr": "Carte professionnelle d'agent de sécurité"},
    "childcare": {"en": "Childcare qualification or equivalent experience",
                  "de": "Abgeschlossene Ausbildung in der Kinderbetreuung",
                  "fr": "CAP Accompagnant éducatif petite enfance"},
}
SCHEDULES = ["Full-time"] * 8 + ["Part-time", "Contractor"]
POSTED = ["1 day ago", "2 days ago", "3 days ago", "4 days ago", "5 days ago", "6 days ago",
          "8 days ago", "11 days ago", "14 days ago", "20 days ago", "30+ days ago",
          "10 hours ago", "21 hours ago"]
# Who every sample posting comes "via": the sample itself, never a real board's name.
SAMPLE_LABEL = "job-agent sample"
# The last line of every sample posting: nobody should take one for a real vacancy. Worded without
# "we"/"wir"/"nous" so a letter never quotes it as the company speaking of itself.
SAMPLE_NOTICE = {
    "en": "Sample posting bundled with job-agent; not a real vacancy.",
    "de": "Beispielanzeige aus dem Lieferumfang von job-agent; keine echte Stelle.",
    "fr": "Offre d'exemple fournie avec job-agent ; ce n'est pas un vrai poste.",
}
