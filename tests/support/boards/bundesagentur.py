"""A loopback Jobsuche service of the Bundesagentur für Arbeit for tests.

It answers ``GET /jobboerse/jobsuche-service/pc/v6/jobs`` the way the live service does (answers
recorded by public clients, 2026; parameters as on https://jobsuche.api.bund.dev/):

- without the header ``X-API-Key: jobboerse-jobsuche`` it answers 403 with an empty body; the
  retired ``/pc/v4/jobs``, ``/pc/v4/app/jobs`` and ``/pc/v5/...`` answer 404, other paths 403;
- ``size`` above 100, ``page`` x ``size`` above 10,000, ``veroeffentlichtseit`` outside 0-100 or an
  empty ``was`` answer 400 with an ``EINGABEPARAMETER_FEHLERHAFT`` message;
- ``was`` keeps postings whose title or occupations hold every word; ``wo`` keeps postings whose
  town, postcode or region match, or that lie within ``umkreis`` km (default 25) of the place;
  ``veroeffentlichtseit`` keeps postings published in the last so many days; pages start at 1;
- a search that finds nothing has no ``ergebnisliste`` (nor ``facetten``) at all.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.jobs.places import Place, distance_km, resolve_place
from tests.support.board_standin import BoardStandIn

SEARCH_PATH = "/jobboerse/jobsuche-service/pc/v6/jobs"
RETIRED = ("/jobboerse/jobsuche-service/pc/v4/jobs", "/jobboerse/jobsuche-service/pc/v4/app/jobs",
           "/jobboerse/jobsuche-service/pc/v5/jobs", "/jobboerse/jobsuche-service/pc/v5/app/jobs")
API_KEY = "jobboerse-jobsuche"
DEFAULT_RADIUS_KM = 25.0


class BundesagenturStandIn(BoardStandIn):
    """``jobs``: raw ``ergebnisliste`` entries (default ``sample_jobs()``); ``today``: the day
    ``veroeffentlichtseit`` counts back from."""

    def __init__(self, jobs: list[dict] | None = None, *, today: date | None = None, **options):
        super().__init__(**options)
        self.today = today or datetime.now(UTC).date()
        self.jobs = sample_jobs(self.today) if jobs is None else jobs

    def answer(self, path, params, headers):
        if path in RETIRED:
            return 404, {}, b""
        if path != SEARCH_PATH or headers.get("x-api-key") != API_KEY:
            return 403, {}, b""
        try:
            page = int(params.get("page") or 1)
            size = int(params.get("size") or 25)
            days = int(params["veroeffentlichtseit"]) if params.get("veroeffentlichtseit") else None
            radius = float(params.get("umkreis") or DEFAULT_RADIUS_KM)
        except ValueError:
            return self.refused()
        if (page < 1 or not 1 <= size <= 100 or page * size > 10_000 or (days is not None and not 0 <= days <= 100)
                or not (params.get("was") or "").strip()):
            return self.refused()
        words = params["was"].lower().split()
        where = (params.get("wo") or "").strip()
        wanted = resolve_place(where) if where else None
        matches = []
        for job in self.jobs:
            if not _has_words(job, words) or not self._published_within(job, days):
                continue
            distance = _distance(job, wanted)
            if where and not (_named(job, where) or (distance is not None and distance <= radius)):
                continue
            matches.append({**job, "entfernung": round(distance)} if distance is not None else job)
        body: dict = {"maxErgebnisse": len(matches), "page": page, "size": size}
        if where:
            body["woOutput"] = {"bereinigterOrt": where, "suchmodus": "UMKREISSUCHE",
                                "koordinaten": [{"lat": wanted.latitude, "lon": wanted.longitude}]
                                if wanted is not None and wanted.has_point else []}
        shown = matches[(page - 1) * size:page * size]
        if shown:
            body["ergebnisliste"] = shown
            counts: dict[str, int] = {}
            for job in matches:
                town = _address(job).get("ort")
                if town:
                    counts[town] = counts.get(town, 0) + 1
            body["facetten"] = {"arbeitsort": {"counts": counts, "maxCount": len(matches)}}
        return 200, {}, body

    def refused(self):
        return 400, {}, {"timestamp": datetime.now(UTC).isoformat(), "logref": "2f6fe",
                         "messages": [{"code": "EINGABEPARAMETER_FEHLERHAFT"}]}

    def _published_within(self, job: dict, days: int | None) -> bool:
        if days is None:
            return True
        period = job.get("veroeffentlichungszeitraum") or {}
        published = period.get("von") or job.get("datumErsteVeroeffentlichung")
        try:
            return date.fromisoformat(published) >= self.today - timedelta(days=days)
        except (TypeError, ValueError):
            return True


def _address(job: dict) -> dict:
    places = job.get("stellenlokationen") or []
    return (places[0].get("adresse") or {}) if places and isinstance(places[0], dict) else {}


def _has_words(job: dict, words: list[str]) -> bool:
    text = " ".join([str(job.get("stellenangebotsTitel") or ""), str(job.get("hauptberuf") or ""),
                     *[str(b) for b in job.get("alleBerufe") or []]]).lower()
    return all(word in text for word in words)


def _named(job: dict, where: str) -> bool:
    address = _address(job)
    names = {str(address.get(k) or "").lower() for k in ("ort", "plz", "region")}
    return where.lower() in names


def _distance(job: dict, wanted: Place | None) -> float | None:
    places = job.get("stellenlokationen") or []
    if wanted is None or not wanted.has_point or not places:
        return None
    lat, lon = places[0].get("breite"), places[0].get("laenge")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    return distance_km(wanted, Place(latitude=lat, longitude=lon))


def sample_jobs(today: date | None = None) -> list[dict]:
    """Fourteen ``ergebnisliste`` entries as the v6 service writes them: yearly, monthly and hourly
    salaries (ranges and fixed), none at all, postings from a partner board (``externeURL``) and
    from Austria, a place without coordinates, an entry without any place, home office by
    agreement and exclusively, part-time and mini jobs, an anonymous (Chiffre) advert without a
    company, and one published 45 days ago that ``veroeffentlichtseit=30`` leaves out."""
    today = today or datetime.now(UTC).date()

    def day(days_ago: int) -> str:
        return (today - timedelta(days=days_ago)).isoformat()

    def place(plz, ort, region, land="DEUTSCHLAND", lat=None, lon=None, strasse=None):
        address = {"plz": plz, "ort": ort, "region": region, "land": land}
        if strasse:
            address["strasse"] = strasse
        entry = {"adresse": address}
        if lat is not None:
            entry.update(breite=lat, laenge=lon)
        return entry

    def job(ref, title, beruf, firma, places, published, **fields):
        entry = {
            "stellenangebotsart": "ARBEIT", "stellenangebotsTitel": title, "hauptberuf": beruf,
            "alleBerufe": [beruf], "firma": firma, "stellenlokationen": places,
            "arbeitszeitVollzeit": True, "arbeitszeitTeilzeitVormittag": False,
            "arbeitszeitTeilzeitNachmittag": False, "arbeitszeitTeilzeitAbend": False,
            "arbeitszeitTeilzeitFlexibel": False, "arbeitszeitSchichtNachtWochenende": False,
            "istGeringfuegigeBeschaeftigung": False, "quereinstiegGeeignet": False,
            "verguetungsangabe": "KEINE_ANGABEN", "vertragsdauer": "KEINE_ANGABE",
            "eintrittszeitraum": {"von": day(-14)},
            "veroeffentlichungszeitraum": {"von": day(published)},
            "datumErsteVeroeffentlichung": day(published + 10),
            "aenderungsdatum": f"{day(published)}T07:57:38.033",
            "referenznummer": ref,
        }
        entry.update(fields)
        return entry

    return [
        job("14225-d678889039fc0001-S", "Informatiker (m/w/d)", "Informatiker/in",
            "Bundesinstitut für Risikobewertung (BfR)",
            [place("10589", "Berlin", "BERLIN", lat=52.530795, lon=13.296708, strasse="Max-Dohrn-Str.")], 2,
            verguetungsangabe="JAHRESGEHALT", artDerVerguetung="GEHALTSSPANNE", gehaltsspanneVon=60772.4,
            gehaltsspanneBis=87110, homeofficemoeglich=True, homeofficetyp="NACH_VEREINBARUNG",
            externeURL="https://www.jobvector.de/job/informatiker-d678889039fc0001/?utm_source=arbeitsagentur",
            alleBerufe=["Informatiker/in", "Softwareentwickler/in"]),
        job("10000-1200000001-S", "Softwareentwickler Python (m/w/d)", "Softwareentwickler/in", "Isar Data GmbH",
            [place("80331", "München", "BAYERN", lat=48.13743, lon=11.57549)], 1,
            verguetungsangabe="JAHRESGEHALT", artDerVerguetung="FESTGEHALT", festgehalt=68000,
            homeofficemoeglich=True, homeofficetyp="AUSSCHLIESSLICH"),
        job("10000-1200000002-S", "Python-Entwickler (m/w/d) Backend", "Softwareentwickler/in",
            "Nordlicht Software AG", [place("20095", "Hamburg", "HAMBURG", lat=53.55073, lon=9.99302)], 3,
            homeofficemoeglich=False),
        job("10000-1200000003-S", "Pflegefachkraft (m/w/d) Intensivstation", "Gesundheits- und Krankenpfleger/in",
            "Klinikum Oldenburg AöR",
            [place("26133", "Oldenburg (Oldb)", "NIEDERSACHSEN", lat=53.121951, lon=8.2535709)], 4,
            verguetungsangabe="MONATSGEHALT", artDerVerguetung="GEHALTSSPANNE", gehaltsspanneVon=3800,
            gehaltsspanneBis=4600, arbeitszeitSchichtNachtWochenende=True),
        job("10000-1200000004-S", "Buchhalter (m/w/d) Kreditorenbuchhaltung", "Finanzbuchhalter/in",
            "Main Finanz GmbH", [place("60311", "Frankfurt am Main", "HESSEN", lat=50.11552, lon=8.68417)], 5,
            arbeitszeitVollzeit=False, arbeitszeitTeilzeitFlexibel=True),
        job("10000-1200000005-S", "Lagerhelfer (m/w/d) Minijob", "Lagerarbeiter/in", "Rheinlogistik KG",
            [place("50667", "Köln", "NORDRHEIN-WESTFALEN", lat=50.93333, lon=6.95)], 2,
            arbeitszeitVollzeit=False, istGeringfuegigeBeschaeftigung=True,
            verguetungsangabe="STUNDENLOHN", artDerVerguetung="FESTGEHALT", festgehalt=14.5),
        job("10000-1200000006-S", "Data Engineer Python (m/w/d)", "Data-Engineer", "Wiener Datenwerk GmbH",
            [place("1010", "Wien", "WIEN", land="OESTERREICH", lat=48.20849, lon=16.37208)], 3,
            verguetungsangabe="JAHRESGEHALT", artDerVerguetung="GEHALTSSPANNE", gehaltsspanneVon=58000,
            gehaltsspanneBis=64000),
        job("10000-1200000007-S", "Python Developer (m/w/d) – Potsdam", "Softwareentwickler/in",
            "Havel Software GmbH", [place("14467", "Potsdam", "BRANDENBURG", lat=52.39886, lon=13.06566)], 6),
        job("10000-1200000008-S", "Elektroniker (m/w/d) Betriebstechnik", "Elektroniker/in - Betriebstechnik",
            "Sachsenwerk Leipzig GmbH", [place("04109", "Leipzig", "SACHSEN")], 2),
        job("10000-1200000009-S", "Kundenberater (m/w/d) im Homeoffice", "Kundenberater/in", "Callwerk GmbH",
            [], 1, homeofficemoeglich=True, homeofficetyp="AUSSCHLIESSLICH"),
        job("10000-1200000010-S", "Sachbearbeiter (m/w/d) Personal", "Sachbearbeiter/in - Personalwesen", None,
            [place("70173", "Stuttgart", "BADEN-WÜRTTEMBERG", lat=48.78232, lon=9.17702)], 7,
            chiffrenummer="CH-2026-4711"),
        job("10000-1200000011-S", "Python Entwickler Legacy (m/w/d)", "Softwareentwickler/in", "Altbestand AG",
            [place("10115", "Berlin", "BERLIN", lat=52.53, lon=13.38)], 45),
        job("10000-1200000012-S", "Softwareentwickler Python (m/w/d) Medizintechnik", "Softwareentwickler/in",
            "Spree Medical GmbH", [place("12489", "Berlin", "BERLIN", lat=52.4311, lon=13.5303)], 1,
            verguetungsangabe="JAHRESGEHALT", artDerVerguetung="GEHALTSSPANNE", gehaltsspanneVon=0,
            gehaltsspanneBis=72000, homeofficemoeglich=True, homeofficetyp="NACH_VEREINBARUNG"),
        job("10000-1200000013-S", "Erzieher (m/w/d) Kita Sonnenschein", "Erzieher/in", "Stadt Dresden",
            [place("01067", "Dresden", "SACHSEN", lat=51.05089, lon=13.73832)], 8,
            arbeitszeitVollzeit=False, arbeitszeitTeilzeitVormittag=True,
            verguetungsangabe="MONATSGEHALT", artDerVerguetung="FESTGEHALT", festgehalt=3450),
    ]
