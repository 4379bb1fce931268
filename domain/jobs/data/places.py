"""Cities, boards and company-name parts for the offline postings generator."""

# name, location strings boards use, region, languages (weighted), pay multiplier, currency
CITIES = [
    ("Berlin", ["Berlin", "Berlin, Germany", "Berlin, Deutschland"], "de", "de de en", 1.0, "EUR"),
    ("Munich", ["München", "Munich, Germany", "München, Bayern"], "de", "de de en", 1.08, "EUR"),
    ("Hamburg", ["Hamburg", "Hamburg, Germany"], "de", "de de en", 1.03, "EUR"),
    ("Frankfurt", ["Frankfurt am Main", "Frankfurt, Germany"], "de", "de en", 1.06, "EUR"),
    ("Cologne", ["Köln", "Cologne, Germany"], "de", "de", 1.0, "EUR"),
    ("Stuttgart", ["Stuttgart", "Stuttgart, Baden-Württemberg"], "de", "de", 1.04, "EUR"),
    ("Leipzig", ["Leipzig", "Leipzig, Sachsen"], "de", "de", 0.9, "EUR"),
    ("Vienna", ["Wien", "Vienna, Austria", "Wien, Österreich"], "at", "de de en", 0.95, "EUR"),
    ("Zurich", ["Zürich", "Zurich, Switzerland"], "ch", "de en", 1.65, "CHF"),
    ("Geneva", ["Genève", "Geneva, Switzerland"], "ch", "fr en", 1.6, "CHF"),
    ("Paris", ["Paris", "Paris, France", "Paris (75)"], "fr", "fr fr en", 0.92, "EUR"),
    ("Lyon", ["Lyon", "Lyon, France", "Lyon (69)"], "fr", "fr", 0.85, "EUR"),
    ("Toulouse", ["Toulouse", "Toulouse, France"], "fr", "fr", 0.82, "EUR"),
    ("Bordeaux", ["Bordeaux", "Bordeaux, France"], "fr", "fr", 0.8, "EUR"),
    ("London", ["London", "London, UK", "London, England, United Kingdom"], "uk", "en", 0.95,
     "GBP"),
    ("Manchester", ["Manchester", "Manchester, UK"], "uk", "en", 0.8, "GBP"),
    ("Amsterdam", ["Amsterdam", "Amsterdam, Netherlands"], "nl", "en", 1.02, "EUR"),
    ("Rotterdam", ["Rotterdam", "Rotterdam, Netherlands"], "nl", "en", 0.95, "EUR"),
    ("New York", ["New York, NY", "New York, NY, United States", "Brooklyn, NY"], "us", "en",
     1.45, "USD"),
    ("San Francisco", ["San Francisco, CA", "San Francisco, CA, United States"], "us", "en",
     1.6, "USD"),
    ("Chicago", ["Chicago, IL", "Chicago, IL, United States"], "us", "en", 1.25, "USD"),
    ("Remote", ["Anywhere"], "remote", "en en de", 1.0, "EUR"),
]

BOARDS = {
    "de": ["LinkedIn", "StepStone", "Indeed", "XING", "Jobbörse der Arbeitsagentur", "Glassdoor"],
    "at": ["karriere.at", "StepStone", "LinkedIn", "Indeed"],
    "ch": ["jobs.ch", "LinkedIn", "Indeed", "jobup.ch"],
    "fr": ["Welcome to the Jungle", "Indeed", "LinkedIn", "HelloWork", "APEC", "France Travail"],
    "uk": ["LinkedIn", "Indeed", "Reed.co.uk", "Totaljobs", "Glassdoor"],
    "nl": ["LinkedIn", "Indeed", "Nationale Vacaturebank"],
    "us": ["LinkedIn", "Indeed", "ZipRecruiter", "Glassdoor", "Built In"],
    "remote": ["LinkedIn", "We Work Remotely", "Remote OK", "Wellfound"],
}

LEGAL = {"de": ["GmbH", "AG", "GmbH & Co. KG", "SE"], "at": ["GmbH", "AG"],
         "ch": ["AG", "SA", "GmbH"], "fr": ["SAS", "SA", "SARL"], "uk": ["Ltd", "plc"],
         "nl": ["B.V.", "N.V."], "us": ["Inc.", "LLC", "Corp."], "remote": ["Inc.", "GmbH", "Ltd"]}

STEMS = {
    "de": ["Nordwind", "Spreeblick", "Isartal", "Elbufer", "Rheinwerk", "Lindenhof",
           "Hanseatic", "Sonnenberg", "Bergmann", "Falkenstein", "Auental", "Brückner"],
    "at": ["Donaublick", "Alpenland", "Kahlenberg", "Wachau"],
    "ch": ["Limmat", "Helvetia Nova", "Zugersee", "Léman", "Gotthard"],
    "fr": ["Lumière", "Bellevue", "Rive Gauche", "Garonne", "Saint-Clair", "Vauban",
           "Les Tilleuls", "Confluence"],
    "uk": ["Thames", "Kingsway", "Northgate", "Albion", "Pennine", "Harbourside"],
    "nl": ["Grachten", "Oranje", "Maasland", "Zuidas"],
    "us": ["Hudson", "Lakeshore", "Golden Gate", "Brightline", "Evergreen", "Union Square"],
    "remote": ["Orbit", "Distributed Labs", "Nomad", "Cloudhaven", "Everywhere"],
}

# Company name patterns per field: {stem} is a regional stem; legal form appended after.
COMPANY_PATTERNS = {
    "software": {"de": "{stem} Software", "fr": "{stem} Technologies", "en": "{stem} Software"},
    "data": {"de": "{stem} Analytics", "fr": "{stem} Data", "en": "{stem} Analytics"},
    "devops": {"de": "{stem} Cloud Services", "fr": "{stem} Cloud", "en": "{stem} Cloud"},
    "design": {"de": "Studio {stem}", "fr": "Atelier {stem}", "en": "{stem} Studio"},
    "marketing": {"de": "{stem} Media", "fr": "Agence {stem}", "en": "{stem} Digital"},
    "sales": {"de": "{stem} Vertrieb", "fr": "{stem} Solutions", "en": "{stem} Solutions"},
    "finance": {"de": "{stem} Treuhand", "fr": "Cabinet {stem}", "en": "{stem} Financial"},
    "legal": {"de": "{stem} Rechtsanwälte", "fr": "{stem} Avocats", "en": "{stem} Legal"},
    "hr": {"de": "{stem} Personal", "fr": "{stem} Talents", "en": "{stem} People"},
    "healthcare": {"de": "Klinikum {stem}", "fr": "Clinique {stem}", "en": "{stem} Health"},
    "teaching": {"de": "{stem} Bildung", "fr": "École {stem}", "en": "{stem} Academy"},
    "logistics": {"de": "{stem} Logistik", "fr": "{stem} Transports", "en": "{stem} Logistics"},
    "hospitality": {"de": "Hotel {stem}", "fr": "Hôtel {stem}", "en": "The {stem} Hotel"},
    "engineering": {"de": "{stem} Maschinenbau", "fr": "{stem} Industries",
                    "en": "{stem} Engineering"},
    "trades": {"de": "{stem} Handwerk", "fr": "{stem} Bâtiment", "en": "{stem} Building Services"},
}

LANGUAGE_LINES = {
    "de": {"de": "Sehr gute Deutschkenntnisse (mind. C1)",
           "en": "Fluent German (C1) and good English"},
    "at": {"de": "Sehr gute Deutschkenntnisse", "en": "Good German and fluent English"},
    "ch": {"de": "Sehr gute Deutsch- und gute Englischkenntnisse",
           "en": "Fluent English; German or French is a plus",
           "fr": "Maîtrise du français, l'allemand est un atout"},
    "fr": {"fr": "Maîtrise du français, anglais professionnel",
           "en": "Fluent English, French is a plus"},
    "uk": {"en": "Right to work in the UK"},
    "nl": {"en": "Fluent English; Dutch is a plus"},
    "us": {"en": "Authorized to work in the United States"},
    "remote": {"en": "Excellent written English", "de": "Sehr gutes Deutsch in Wort und Schrift"},
}
