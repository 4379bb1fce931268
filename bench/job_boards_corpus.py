"""What the job-board bench serves: each board's wire format, listings of realistic size, and the
labelled cross-board corpus for dedup (64 true jobs posted 136 times). ``bench.job_boards`` runs it."""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from domain.jobs.places import resolve_place
from tests.support.boards import arbeitnow as arbeitnow_standin
from tests.support.boards import jobicy as jobicy_standin
from tests.support.boards import remotive as remotive_standin

KEYLESS = ("arbeitnow", "remotive", "jobicy", "remoteok", "bundesagentur")
ALL_BOARDS = (*KEYLESS, "adzuna")
NOW = datetime.now(UTC).replace(microsecond=0)

# Bundesländer as the Bundesagentur writes them (capitals) and Adzuna's area path, per GeoNames city.
STATES = {
    "Berlin": "Berlin", "Hamburg": "Hamburg", "Munich": "Bayern", "Augsburg": "Bayern", "Nuremberg": "Bayern",
    "Köln": "Nordrhein-Westfalen", "Düsseldorf": "Nordrhein-Westfalen", "Bonn": "Nordrhein-Westfalen",
    "Münster": "Nordrhein-Westfalen", "Essen": "Nordrhein-Westfalen", "Dortmund": "Nordrhein-Westfalen",
    "Frankfurt am Main": "Hessen", "Leipzig": "Sachsen", "Dresden": "Sachsen", "Stuttgart": "Baden-Württemberg",
    "Karlsruhe": "Baden-Württemberg", "Mannheim": "Baden-Württemberg", "Hannover": "Niedersachsen",
    "Bremen": "Bremen", "Potsdam": "Brandenburg",
}
ADZUNA_AREA_NAMES = {"Munich": "München", "Nuremberg": "Nürnberg"}  # Adzuna .de writes the German names

# -- wire formats --------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _city_point(text: str) -> tuple[str | None, float | None, float | None]:
    place = resolve_place(re.sub(r"^\d{4,5}\s+", "", text))
    if place is None or not place.city:
        return None, None, None
    return place.city, place.latitude, place.longitude


def wire_entry(board: str, number: int, title: str, company: str, where: str, *, days: int = 2,
               description: str | None = None) -> dict:
    """One posting in ``board``'s wire format. ``where`` is the place as that board writes it:
    free text for Arbeitnow ("remote:Berlin" is a remote job that names Berlin) and the remote
    boards, "80331 München" (postcode and town) for the Bundesagentur, the ``display_name`` for
    Adzuna; coordinates, region and Adzuna's ``area`` come from the gazetteer. ``number`` makes
    the board's id and link unique. Formats: the stand-ins' builders where they export one, else
    the shapes their ``sample_jobs`` write after https://remoteok.com/api,
    https://jobsuche.api.bund.dev/ (v6 ``ergebnisliste``) and https://developer.adzuna.com/docs/search."""
    when = NOW - timedelta(days=days, hours=number % 7)
    html = description if description is not None else f"<p>{company} sucht: <strong>{title}</strong>.</p>"
    if board == "arbeitnow":
        remote = where.startswith("remote:")
        return arbeitnow_standin.job(f"{_slug(title)}-{number}", title, company, where.removeprefix("remote:"),
                                     int(when.timestamp()), remote=remote, tags=[], job_types=["Full Time"],
                                     description=html)
    if board == "remotive":
        return remotive_standin.job(3_000_000 + number, title, company, "software-dev", where,
                                    when.strftime("%Y-%m-%dT%H:%M:%S"), description=html)
    if board == "jobicy":
        return jobicy_standin.job(200_000 + number, title, company, where, when.isoformat(), description=html)
    if board == "remoteok":
        slug = f"remote-{_slug(title)}-{_slug(company)}-{1_200_000 + number}"
        return {"slug": slug, "id": str(1_200_000 + number), "epoch": int(when.timestamp()),
                "date": when.strftime("%Y-%m-%dT%H:%M:%S+00:00"), "company": company, "position": title,
                "tags": [], "logo": "", "company_logo": "", "location": where, "salary_min": 0, "salary_max": 0,
                "description": html, "verified": True, "url": f"https://remoteOK.com/remote-jobs/{slug}",
                "apply_url": f"https://remoteOK.com/remote-jobs/{slug}"}
    if board == "bundesagentur":
        match = re.fullmatch(r"(\d{4,5})\s+(.+)", where)
        plz, town = (match.group(1), match.group(2)) if match else ("", where)
        city, lat, lon = _city_point(town)
        place = {"adresse": {"plz": plz, "ort": town, "region": STATES.get(city or "", "").upper(),
                             "land": "DEUTSCHLAND"}}
        if lat is not None:
            place.update(breite=lat, laenge=lon)
        return {
            "stellenangebotsart": "ARBEIT", "stellenangebotsTitel": title, "hauptberuf": title,
            "alleBerufe": [title], "firma": company, "stellenlokationen": [place],
            "arbeitszeitVollzeit": True, "verguetungsangabe": "KEINE_ANGABEN", "vertragsdauer": "KEINE_ANGABE",
            "veroeffentlichungszeitraum": {"von": when.date().isoformat()},
            "datumErsteVeroeffentlichung": when.date().isoformat(),
            "referenznummer": f"10000-{1_300_000_000 + number}-S",
        }
    if board == "adzuna":
        city, lat, lon = _city_point(where.split(",")[0])
        area = ["Deutschland", STATES.get(city or "", ""), ADZUNA_AREA_NAMES.get(city or "", city or "")]
        ad_id = str(4_600_000_000 + number)
        return {"__CLASS__": "Adzuna::API::Response::Job", "id": ad_id,
                "adref": f"eyJhbGciOiJIUzI1NiJ9.eyJpIjoi{ad_id}In0.sig",
                "redirect_url": f"https://www.adzuna.de/jobs/land/ad/{ad_id}?se=abc&utm_medium=api&v=1F",
                "title": title, "created": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "company": {"__CLASS__": "Adzuna::API::Response::Company", "display_name": company},
                "location": {"__CLASS__": "Adzuna::API::Response::Location", "display_name": where,
                             "area": [a for a in area if a]},
                "description": re.sub(r"<[^>]+>", "", html), "latitude": lat, "longitude": lon,
                "contract_time": "full_time", "contract_type": "permanent",
                "category": {"__CLASS__": "Adzuna::API::Response::Category", "label": "IT Jobs", "tag": "it-jobs"}}
    raise ValueError(board)


# -- realistic listings for the latency runs ------------------------------------------------------

ONSITE_TITLES = [
    "Python Developer", "Softwareentwickler", "Pflegefachkraft", "Gesundheits- und Krankenpfleger", "Finanzbuchhalter",
    "Buchhalter", "Data Analyst", "Elektriker", "Erzieher", "Frontend Developer", "DevOps Engineer", "Product Manager",
    "Kundenberater", "Customer Support Agent", "Lagerist", "Vertriebsmitarbeiter", "Projektmanager", "Java Developer",
    "UX Designer", "Werkstudent Marketing", "Sachbearbeiter Personal", "Altenpfleger", "Mechatroniker",
    "Backend Engineer", "Steuerfachangestellter", "Kaufmann im Einzelhandel", "Berufskraftfahrer", "Koch",
]
REMOTE_TITLES = [
    "Python Engineer", "Backend Developer", "Frontend Developer", "Full Stack Engineer", "Data Analyst",
    "Data Scientist", "DevOps Engineer", "Site Reliability Engineer", "Customer Support Specialist",
    "Customer Success Manager", "Product Manager", "Product Designer", "Content Writer", "Marketing Manager",
    "Sales Development Representative", "QA Engineer", "Technical Writer", "Account Executive", "Recruiter",
    "iOS Developer", "Android Developer", "Machine Learning Engineer", "Security Engineer", "Bookkeeper",
]
LEVELS = ["", "", "", "Senior ", "Junior ", "Lead "]
COMPANIES = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Nordwind Software",
    "Isar Data", "Hafen Logistik", "Elbe Digital", "Spree Analytics", "Rhein Energie Service", "Alpen Bau",
    "Main Finanz", "Neckar Systems", "Havel Pflege", "Weser Werke", "Donau Medien", "Ostsee Reisen",
    "Bergmann Elektro", "Schwarzwald Klinik", "Taunus Consulting", "Harz Logistik", "Eifel Solar", "Mosel Wein",
    "Ruhr Stahl", "Saale IT", "Lahn Labs", "Fulda Foods", "Doist", "Automattic", "GitLab", "Canonical", "Toptal",
    "Hotjar", "Miro", "Remote", "Deel", "Zapier", "Buffer", "Close", "Help Scout", "Wildbit", "Basecamp",
]
SUFFIXES = ["GmbH", "AG", "SE", "GmbH & Co. KG", "", "Ltd", "Inc.", "e.V."]
CITIES = ["Berlin", "München", "Hamburg", "Köln", "Frankfurt am Main", "Stuttgart", "Düsseldorf", "Leipzig", "Dresden",
          "Nürnberg", "Hannover", "Bremen", "Essen", "Dortmund", "Potsdam", "Augsburg", "Karlsruhe", "Münster", "Bonn",
          "Mannheim"]
POSTCODES = {"Berlin": "10115", "München": "80331", "Hamburg": "20095", "Köln": "50667", "Frankfurt am Main": "60311",
             "Stuttgart": "70173", "Düsseldorf": "40213", "Leipzig": "04109", "Dresden": "01067", "Nürnberg": "90402",
             "Hannover": "30159", "Bremen": "28195", "Essen": "45127", "Dortmund": "44135", "Potsdam": "14467",
             "Augsburg": "86150", "Karlsruhe": "76133", "Münster": "48143", "Bonn": "53111", "Mannheim": "68159"}
REMOTE_PLACES = {"remotive": ["Worldwide", "Europe", "USA Only", "Germany", "EMEA", "Americas", "UK",
                              "CET +/- 3 HOURS"],
                 "jobicy": ["Anywhere", "Europe", "USA", "Germany", "EMEA", "UK", "Canada,  USA", "LATAM"],
                 "remoteok": ["Worldwide", "Europe", "United States", "Berlin, Germany", "", "Remote", "EMEA"]}
FILLER = [
    "You will work closely with product, design and engineering to ship improvements every week.",
    "Wir bieten ein unbefristetes Arbeitsverhältnis, 30 Tage Urlaub und flexible Arbeitszeiten.",
    "Our team values written communication, ownership and kindness; we hire across many time zones.",
    "Sie bringen eine abgeschlossene Ausbildung oder ein Studium sowie erste Berufserfahrung mit.",
    "Experience with PostgreSQL, Docker and a cloud provider is a plus, as is an eye for detail.",
    "Ein moderner Arbeitsplatz, betriebliche Altersvorsorge und Zuschüsse zum Deutschlandticket.",
    "We offer a learning budget, a home office allowance and an annual team retreat somewhere warm.",
    "Gute Deutsch- und Englischkenntnisse in Wort und Schrift runden Ihr Profil ab.",
]


def _description(rng: random.Random, title: str, company: str, number: int) -> str:
    """About 3.5 KB of HTML, as boards' descriptions run: headings, lists, paragraphs."""
    parts = [f"<h2>About {company}</h2><p>{company} is hiring a {title} (ref. {number}).</p>"]
    while sum(map(len, parts)) < 3500:
        heading = rng.choice(["Your tasks", "Ihr Profil", "What we offer", "Wir bieten", "About the role"])
        items = "".join(f"<li>{rng.choice(FILLER)}</li>" for _ in range(4))
        parts.append(f"<h3>{heading}</h3><ul>{items}</ul><p>{rng.choice(FILLER)} {rng.choice(FILLER)}</p>")
    return "".join(parts)


def listing(board: str, count: int, seed: int = 12) -> list[dict]:
    """``count`` postings in ``board``'s wire format with varied titles, companies and places."""
    rng = random.Random(f"{board}-{seed}")
    remote_board = board in REMOTE_PLACES
    entries = []
    for number in range(count):
        title = rng.choice(LEVELS) + rng.choice(REMOTE_TITLES if remote_board else ONSITE_TITLES)
        if not remote_board and rng.random() < 0.8:
            title += " (m/w/d)"
        company = f"{rng.choice(COMPANIES)} {rng.choice(SUFFIXES)}".strip()
        if remote_board:
            where = rng.choice(REMOTE_PLACES[board])
        else:
            city = rng.choice(CITIES)
            where = f"{POSTCODES[city]} {city}" if board == "bundesagentur" else (
                f"remote:{city}" if rng.random() < 0.15 else city)
        entries.append(wire_entry(board, 100_000 + number, title, company, where, days=rng.randint(0, 20),
                                  description=_description(rng, title, company, number)))
    return entries


# -- the labelled dedup corpus -------------------------------------------------------------------

@dataclass
class TrueJob:
    """One real vacancy: ``key``, the ``group`` query that finds it, and its postings as
    (board, title, company, place as that board writes it)."""

    key: str
    group: str
    postings: list[tuple[str, str, str, str]]
    note: str = ""


def J(key: str, group: str, note: str, *postings: tuple[str, str, str, str]) -> TrueJob:
    return TrueJob(key, group, list(postings), note)


# Labelled as its own job, though one could call it the same opening offered in two regions.
DEBATABLE = frozenset({"py-globex-usa"})
A, BA, AZ, RV, JC, RO = "arbeitnow", "bundesagentur", "adzuna", "remotive", "jobicy", "remoteok"
GROUPS = ["python", "Pflegefachkraft", "analyst", "support", "devops", "Buchhalter", "frontend", "Elektriker"]
CORPUS: list[TrueJob] = [
    # python
    J("py-acme-berlin", "python", "gender tag, legal suffix, <strong>, postcode",
      (A, "Python Developer (m/w/d)", "Acme GmbH", "Berlin"),
      (BA, "Python Developer (m/w/d)", "Acme GmbH", "10115 Berlin"),
      (AZ, "Python Developer (m/w/d)", "Acme", "Berlin")),
    J("py-acme-hamburg", "python", "same job as py-acme-berlin in another city",
      (A, "Python Developer (m/w/d)", "Acme GmbH", "Hamburg"),
      (BA, "Python Developer (m/w/d)", "Acme GmbH", "20095 Hamburg")),
    J("py-acme-senior", "python", "similar job at the same company",
      (A, "Senior Python Developer (m/w/d)", "Acme GmbH", "Berlin"), (AZ, "Senior Python Developer", "Acme", "Berlin")),
    J("py-beta-berlin", "python", "same title as py-acme-berlin at another company",
      (BA, "Python Developer (m/w/d)", "Beta Systems AG", "10117 Berlin"),
      (A, "Python Developer (w/m/d)", "Beta Systems", "Berlin")),
    J("py-globex-europe", "python", "remote boards, region labels",
      (RV, "Senior Python Engineer", "Globex", "Europe"), (JC, "Senior Python Engineer", "Globex", "Europe"),
      (RO, "Senior Python Engineer", "Globex", "Europe")),
    J("py-initech", "python", "case, Ltd/Limited, Worldwide/Anywhere",
      (RV, "Python Backend Engineer", "Initech Ltd", "Worldwide"),
      (RO, "python backend engineer", "Initech", "Worldwide"),
      (JC, "Python Backend Engineer", "Initech Limited", "Anywhere")),
    J("py-globex-usa", "python", "same title and company as py-globex-europe, other region (debatable)",
      (RV, "Senior Python Engineer", "Globex", "USA Only"), (JC, "Senior Python Engineer", "Globex", "USA")),
    J("py-isar-muenchen", "python", "München / 80331 München / München, Bayern",
      (A, "Python Entwickler (m/w/d)", "Isar Data GmbH", "München"),
      (BA, "Python Entwickler (m/w/d)", "Isar Data GmbH", "80331 München"),
      (AZ, "Python Entwickler (m/w/d)", "Isar Data", "München, Bayern")),
    J("py-isar-data-engineer", "python", "Muenchen / Munich, Bavaria",
      (A, "Data Engineer Python (m/w/d)", "Isar Data GmbH", "Muenchen"),
      (AZ, "Data Engineer Python (m/w/d)", "Isar Data GmbH", "Munich, Bavaria")),
    J("py-nordwind-remote", "python", "remote job: a city on Arbeitnow, a country on Remotive",
      (A, "Python Developer (m/w/d)", "Nordwind Software GmbH", "remote:Berlin"),
      (RV, "Python Developer", "Nordwind Software GmbH", "Germany")),
    J("py-hafen-altona", "python", "city district on one board",
      (A, "Python Engineer (m/w/d)", "Hafen Logistik GmbH", "Hamburg-Altona"),
      (BA, "Python Engineer (m/w/d)", "Hafen Logistik GmbH", "22765 Hamburg")),
    J("py-lernwerk", "python", "German title on one board, English on another",
      (BA, "Python-Entwickler (m/w/d)", "Lernwerk GmbH", "04109 Leipzig"),
      (A, "Python Developer (m/f/d)", "Lernwerk GmbH", "Leipzig")),
    # nursing
    J("pf-rechts-der-isar", "Pflegefachkraft", "long company form on the Bundesagentur",
      (BA, "Pflegefachkraft (m/w/d)", "Klinikum rechts der Isar der Technischen Universität München", "81675 München"),
      (A, "Pflegefachkraft (w/m/d)", "Klinikum rechts der Isar", "München")),
    J("pf-asklepios", "Pflegefachkraft", "upper case title",
      (BA, "Pflegefachkraft (m/w/d) Intensivstation", "Asklepios Klinik St. Georg", "20099 Hamburg"),
      (AZ, "Pflegefachkraft (m/w/d) Intensivstation", "Asklepios Klinik St. Georg", "Hamburg"),
      (A, "PFLEGEFACHKRAFT (M/W/D) INTENSIVSTATION", "Asklepios Klinik St. Georg", "Hamburg")),
    J("pf-sonnenschein-koeln", "Pflegefachkraft", "'in Vollzeit' added to the title; Köln / Cologne",
      (BA, "Pflegefachkraft (m/w/d) in Vollzeit", "Pflegedienst Sonnenschein GmbH", "50667 Köln"),
      (A, "Pflegefachkraft (m/w/d)", "Pflegedienst Sonnenschein GmbH", "Cologne")),
    J("pf-sonnenschein-bonn", "Pflegefachkraft", "same company and title in another city",
      (A, "Pflegefachkraft (m/w/d)", "Pflegedienst Sonnenschein GmbH", "Bonn"),
      (BA, "Pflegefachkraft (m/w/d)", "Pflegedienst Sonnenschein GmbH", "53111 Bonn")),
    J("pf-charite-intensiv", "Pflegefachkraft", "en dash vs hyphen in the company",
      (BA, "Pflegefachkraft Intensivpflege (m/w/d)", "Charité – Universitätsmedizin Berlin", "10117 Berlin"),
      (AZ, "Pflegefachkraft Intensivpflege (m/w/d)", "Charité - Universitätsmedizin Berlin", "Berlin")),
    J("pf-charite", "Pflegefachkraft", "similar job at the same company",
      (BA, "Pflegefachkraft (m/w/d)", "Charité – Universitätsmedizin Berlin", "10117 Berlin")),
    J("pf-diakonie", "Pflegefachkraft", "e.V. suffix",
      (BA, "Altenpfleger / Pflegefachkraft (m/w/d)", "Diakonie Stuttgart e.V.", "70173 Stuttgart"),
      (A, "Altenpfleger / Pflegefachkraft (m/w/d)", "Diakonie Stuttgart", "Stuttgart")),
    J("pf-sana-frankfurt", "Pflegefachkraft", "Frankfurt am Main / Frankfurt / Frankfurt a.M.",
      (BA, "Pflegefachkraft (m/w/d)", "Sana Kliniken AG", "60311 Frankfurt am Main"),
      (AZ, "Pflegefachkraft (m/w/d)", "Sana Kliniken AG", "Frankfurt"),
      (A, "Pflegefachkraft (m/w/d)", "Sana Kliniken", "Frankfurt a.M.")),
    # data analysts
    J("da-zalando", "analyst", "SE suffix on two of three boards",
      (A, "Data Analyst (m/w/d)", "Zalando SE", "Berlin"), (AZ, "Data Analyst (m/w/d)", "Zalando", "Berlin"),
      (BA, "Data Analyst (m/w/d)", "Zalando SE", "10243 Berlin")),
    J("da-zalando-senior", "analyst", "similar job at the same company",
      (A, "Senior Data Analyst (m/w/d)", "Zalando SE", "Berlin")),
    J("da-hopper", "analyst", "remote, Ltd / Limited",
      (RV, "Data Analyst", "Hopper Analytics Ltd", "Europe"), (JC, "Data Analyst", "Hopper Analytics", "Europe"),
      (RO, "Data Analyst", "Hopper Analytics Limited", "Europe")),
    J("da-acme-remote", "analyst", "same title as da-hopper at another company",
      (RV, "Data Analyst", "Acme Corp", "Worldwide")),
    J("da-flink", "analyst", "Munich, Bavaria / 80331 München",
      (A, "Data Analyst - Marketing (m/f/d)", "Flink SE", "Munich, Bavaria"),
      (BA, "Data Analyst - Marketing (m/f/d)", "Flink SE", "80331 München")),
    J("da-check24", "analyst", "brand on one board, registered name on the other",
      (A, "Junior Data Analyst (w/m/d)", "CHECK24", "München"),
      (BA, "Junior Data Analyst (m/w/d)", "CHECK24 Vergleichsportal GmbH", "80636 München")),
    J("da-otto", "analyst", "'GmbH & Co KG' in parentheses",
      (BA, "Data Analyst (m/w/d)", "OTTO GmbH & Co. KG", "22179 Hamburg"),
      (AZ, "Data Analyst (m/w/d)", "OTTO (GmbH & Co KG)", "Hamburg"),
      (A, "Data Analyst (m/w/d)", "OTTO GmbH & Co KG", "Hamburg")),
    J("da-n26", "analyst", "(all genders)",
      (A, "Data Analyst (all genders)", "N26 GmbH", "Berlin"), (AZ, "Data Analyst (all genders)", "N26", "Berlin")),
    # customer support
    J("cs-doist", "support", "three remote boards",
      (RV, "Customer Support Specialist", "Doist", "Worldwide"),
      (JC, "Customer Support Specialist", "Doist", "Anywhere"),
      (RO, "Customer Support Specialist", "Doist", "Worldwide")),
    J("cs-doist-german", "support", "similar job at the same company",
      (RV, "Customer Support Specialist (German speaking)", "Doist", "Europe")),
    J("cs-automattic", "support", "Inc. / Inc / none; Worldwide / Remote",
      (RV, "Customer Support Agent", "Automattic", "Worldwide"),
      (RO, "Customer Support Agent", "Automattic Inc", "Remote")),
    J("cs-hotjar", "support", "same title as cs-automattic at another company",
      (JC, "Customer Support Agent", "Hotjar Ltd", "Europe")),
    J("cs-flaschenpost-muenster", "support", "three German boards",
      (A, "Customer Support Representative (m/w/d)", "Flaschenpost SE", "Münster"),
      (BA, "Customer Support Representative (m/w/d)", "Flaschenpost SE", "48143 Münster"),
      (AZ, "Customer Support Representative (m/w/d)", "Flaschenpost SE", "Münster, Nordrhein-Westfalen")),
    J("cs-flaschenpost-koeln", "support", "same job in another city",
      (A, "Customer Support Representative (m/w/d)", "Flaschenpost SE", "Köln"),
      (AZ, "Customer Support Representative (m/w/d)", "Flaschenpost SE", "Köln")),
    J("cs-gitlab", "support", "GitLab / Gitlab / GitLab Inc.; EMEA / Europe",
      (RV, "Technical Customer Support Engineer", "GitLab", "EMEA"),
      (JC, "Technical Customer Support Engineer", "GitLab Inc.", "EMEA"),
      (RO, "Technical Customer Support Engineer", "Gitlab", "Europe")),
    J("cs-miro", "support", "Jobicy's HTML entity for the dash",
      (JC, "Customer Support Lead &#8211; EMEA", "Miro", "EMEA"), (RV, "Customer Support Lead – EMEA", "Miro", "EMEA"),
      (RO, "Customer Support Lead - EMEA", "Miro", "Europe")),
    J("cs-personio", "support", "UTF-8 read as Latin-1 on Remote OK",
      (RV, "Customer Support Agent für den DACH-Markt", "Personio", "Germany"),
      (RO, "Customer Support Agent fÃ¼r den DACH-Markt", "Personio", "Germany")),
    # devops
    J("do-scalable", "devops", "three German boards",
      (A, "DevOps Engineer (m/w/d)", "Scalable Capital GmbH", "München"),
      (BA, "DevOps Engineer (m/w/d)", "Scalable Capital GmbH", "80333 München"),
      (AZ, "DevOps Engineer (m/w/d)", "Scalable Capital", "München, Bayern")),
    J("do-scalable-senior", "devops", "similar job at the same company",
      (A, "Senior DevOps Engineer (m/w/d)", "Scalable Capital GmbH", "München"),
      (AZ, "Senior DevOps Engineer (m/w/d)", "Scalable Capital", "München, Bayern")),
    J("do-canonical", "devops", "remote, Ltd",
      (RV, "DevOps Engineer", "Canonical", "Worldwide"), (JC, "DevOps Engineer", "Canonical Ltd", "Anywhere"),
      (RO, "DevOps Engineer", "Canonical", "Worldwide")),
    J("do-personio-muenchen", "devops", "SE & Co. KG; Munich / 80807 München",
      (A, "DevOps Engineer (m/w/d)", "Personio", "Munich"),
      (BA, "DevOps Engineer (m/w/d)", "Personio SE & Co. KG", "80807 München")),
    J("do-personio-berlin", "devops", "same job in another city",
      (A, "DevOps Engineer (m/w/d)", "Personio", "Berlin")),
    J("do-celonis", "devops", "'Sr.' on one board, 'Senior' on another",
      (A, "Sr. DevOps Engineer (m/f/d)", "Celonis SE", "München"),
      (AZ, "Senior DevOps Engineer (m/f/d)", "Celonis", "München, Bayern")),
    J("do-ionos", "devops", "en dash vs hyphen in the title",
      (A, "DevOps Engineer – Kubernetes (m/w/d)", "IONOS SE", "Karlsruhe"),
      (BA, "DevOps Engineer - Kubernetes (m/w/d)", "IONOS SE", "76131 Karlsruhe")),
    # accountants
    J("bh-bauer", "Buchhalter", "umlaut spelt out in the company (Söhne / Soehne)",
      (A, "Finanzbuchhalter (m/w/d)", "Bauer & Söhne KG", "München"),
      (BA, "Finanzbuchhalter (m/w/d)", "Bauer & Söhne KG", "80331 München"),
      (AZ, "Finanzbuchhalter (m/w/d)", "Bauer & Soehne KG", "München, Bayern")),
    J("bh-weber-leipzig", "Buchhalter", "two boards",
      (BA, "Buchhalter (m/w/d)", "Steuerkanzlei Weber", "04109 Leipzig"),
      (A, "Buchhalter (m/w/d)", "Steuerkanzlei Weber", "Leipzig")),
    J("bh-weber-dresden", "Buchhalter", "same job in another city",
      (BA, "Buchhalter (m/w/d)", "Steuerkanzlei Weber", "01067 Dresden")),
    J("bh-schmitt", "Buchhalter", "same title at another company in the same city",
      (BA, "Buchhalter (m/w/d)", "Kanzlei Schmitt & Partner", "04109 Leipzig")),
    J("bh-weber-bilanz", "Buchhalter", "similar job at the same company",
      (A, "Bilanzbuchhalter (m/w/d)", "Steuerkanzlei Weber", "Leipzig"),
      (BA, "Bilanzbuchhalter (m/w/d)", "Steuerkanzlei Weber", "04109 Leipzig")),
    J("bh-stadtwerke", "Buchhalter", "':in' vs '(m/w/d)'",
      (A, "Finanzbuchhalter:in", "Stadtwerke Düsseldorf AG", "Düsseldorf"),
      (AZ, "Finanzbuchhalter (m/w/d)", "Stadtwerke Düsseldorf", "Düsseldorf, Nordrhein-Westfalen"),
      (BA, "Finanzbuchhalter (m/w/d)", "Stadtwerke Düsseldorf AG", "40213 Düsseldorf")),
    # frontend
    J("fe-taxfix", "frontend", "three German boards",
      (A, "Frontend Developer React (m/w/d)", "Taxfix GmbH", "Berlin"),
      (AZ, "Frontend Developer React (m/w/d)", "Taxfix", "Berlin"),
      (BA, "Frontend Developer React (m/w/d)", "Taxfix GmbH", "10969 Berlin")),
    J("fe-taxfix-plain", "frontend", "similar job at the same company",
      (A, "Frontend Developer (m/w/d)", "Taxfix GmbH", "Berlin")),
    J("fe-remote-inc", "frontend", "a company named Remote",
      (RV, "Frontend Developer", "Remote Inc", "Worldwide"), (RO, "Frontend Developer", "Remote", "Worldwide")),
    J("fe-toptal", "frontend", "LLC, upper case company",
      (JC, "Senior Frontend Developer", "Toptal", "Anywhere"),
      (RV, "Senior Frontend Developer", "Toptal LLC", "Worldwide"),
      (RO, "Senior Frontend Developer", "TOPTAL", "Worldwide")),
    J("fe-mobile-de", "frontend", "mobile.de; Adzuna names the district",
      (A, "Frontend Developer (m/w/d)", "mobile.de GmbH", "Berlin"),
      (AZ, "Frontend Developer (m/w/d)", "mobile.de", "Mitte, Berlin")),
    # electricians
    J("el-huber-augsburg", "Elektriker", "three German boards",
      (BA, "Elektriker (m/w/d)", "Elektro Huber GmbH", "86150 Augsburg"),
      (AZ, "Elektriker (m/w/d)", "Elektro Huber GmbH", "Augsburg, Bayern"),
      (A, "Elektriker (m/w/d)", "Elektro Huber", "Augsburg")),
    J("el-huber-muenchen", "Elektriker", "same job in another city",
      (BA, "Elektriker (m/w/d)", "Elektro Huber GmbH", "81369 München")),
    J("el-huber-instandhaltung", "Elektriker", "similar job at the same company",
      (BA, "Elektriker (m/w/d) Instandhaltung", "Elektro Huber GmbH", "86150 Augsburg")),
    J("el-stadtwerke", "Elektriker", "same title at another company in the same city",
      (BA, "Elektriker (m/w/d)", "Stadtwerke Augsburg", "86150 Augsburg"),
      (AZ, "Elektriker (m/w/d)", "Stadtwerke Augsburg GmbH", "Augsburg, Bayern")),
    J("el-siemens", "Elektriker", "Nürnberg / Nuremberg",
      (BA, "Elektriker (m/w/d)", "Siemens AG", "90402 Nürnberg"), (A, "Elektriker (m/w/d)", "Siemens", "Nuremberg"),
      (AZ, "Elektriker (m/w/d)", "Siemens AG", "Nürnberg, Bayern")),
    J("el-krause", "Elektriker", "'m/w/d' without brackets; Koeln",
      (A, "Elektriker m/w/d", "Bauunternehmen Krause", "Koeln"),
      (BA, "Elektriker (m/w/d)", "Bauunternehmen Krause GmbH", "50667 Köln")),
    J("el-meier", "Elektriker", "'(m|w|d)' with bars",
      (A, "Elektriker (m|w|d)", "Elektro Meier", "Stuttgart"),
      (BA, "Elektriker (m/w/d)", "Elektro Meier GmbH", "70173 Stuttgart")),
    J("el-bergmann", "Elektriker", "one board only",
      (A, "Elektriker (m/w/d)", "Bergmann Elektrotechnik GmbH", "Dresden")),
    J("el-rhein", "Elektriker", "one board only",
      (BA, "Elektriker (m/w/d) Baustelle", "Rhein Elektro GmbH", "68159 Mannheim")),
]


@dataclass
class Posting:
    """A corpus posting: its true job, board and the text it was written with."""

    job: TrueJob
    board: str
    title: str
    company: str
    place: str
    link: str = ""
    job_id: str = ""
    seen: list[str] = field(default_factory=list)


def build_corpus() -> tuple[dict[str, list[dict]], dict[str, Posting]]:
    """Each board's wire entries, and every posting by its ``job_id`` as the board module names it."""
    entries: dict[str, list[dict]] = {name: [] for name in ALL_BOARDS}
    postings: dict[str, Posting] = {}
    number = 0
    for true_job in CORPUS:
        for board, title, company, place in true_job.postings:
            number += 1
            raw = wire_entry(board, number, title, company, place, days=number % 9)
            entries[board].append(raw)
            job_id = _job_id(board, raw)
            postings[job_id] = Posting(true_job, board, title, company, place, job_id=job_id)
    return entries, postings


def _job_id(board: str, raw: dict) -> str:
    """The ``job_id`` the board module gives this wire entry."""
    field_name = {"arbeitnow": "slug", "bundesagentur": "referenznummer"}.get(board, "id")
    return f"{board}-{raw[field_name]}"
