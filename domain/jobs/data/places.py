"""Cities, countries and company-name parts for the offline postings generator.

A city: name, location strings boards use, region, languages (weighted), pay multiplier
(the role's German-level band times this gives the local band in the local currency), currency.
"""

# The cities of the first sample. The generator draws its first postings from this list exactly
# as it did then, so those postings (and the tests that name them) stay as they were.
FIRST_CITIES = [
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

# Cities added so that a first search in most of Europe and North America finds local jobs.
# Postings are written in German, French or English (what the templates know); elsewhere in English.
# No place name here may read as a skill to the CV reader ("Basel" is Basel III, "QC" quality
# control): a letter naming the city would seem to claim it.
MORE_CITIES = [
    ("Düsseldorf", ["Düsseldorf", "Düsseldorf, Germany"], "de", "de de en", 1.03, "EUR"),
    ("Dresden", ["Dresden", "Dresden, Sachsen"], "de", "de de en", 0.9, "EUR"),
    ("Hannover", ["Hannover", "Hannover, Germany"], "de", "de de en", 0.97, "EUR"),
    ("Nuremberg", ["Nürnberg", "Nuremberg, Germany"], "de", "de de en", 0.98, "EUR"),
    ("Graz", ["Graz", "Graz, Steiermark"], "at", "de de en", 0.9, "EUR"),
    ("Salzburg", ["Salzburg", "Salzburg, Österreich"], "at", "de de en", 0.92, "EUR"),
    ("Bern", ["Bern", "Bern, Switzerland"], "ch", "de en", 1.55, "CHF"),
    ("Lausanne", ["Lausanne", "Lausanne, Suisse"], "ch", "fr en", 1.55, "CHF"),
    ("Marseille", ["Marseille", "Marseille (13)"], "fr", "fr fr en", 0.8, "EUR"),
    ("Lille", ["Lille", "Lille (59)"], "fr", "fr fr en", 0.8, "EUR"),
    ("Nantes", ["Nantes", "Nantes (44)"], "fr", "fr fr en", 0.8, "EUR"),
    ("Birmingham", ["Birmingham", "Birmingham, UK"], "uk", "en", 0.78, "GBP"),
    ("Edinburgh", ["Edinburgh", "Edinburgh, Scotland, United Kingdom"], "uk", "en", 0.8, "GBP"),
    ("Bristol", ["Bristol", "Bristol, UK"], "uk", "en", 0.82, "GBP"),
    ("Utrecht", ["Utrecht", "Utrecht, Netherlands"], "nl", "en", 0.98, "EUR"),
    ("Boston", ["Boston, MA", "Boston, MA, United States"], "us", "en", 1.4, "USD"),
    ("Seattle", ["Seattle, WA", "Seattle, WA, United States"], "us", "en", 1.5, "USD"),
    ("Toronto", ["Toronto, ON", "Toronto, ON, Canada"], "ca", "en", 1.3, "CAD"),
    ("Vancouver", ["Vancouver, BC", "Vancouver, BC, Canada"], "ca", "en", 1.3, "CAD"),
    ("Montreal", ["Montréal", "Montréal, Québec", "Montreal, Canada"], "ca", "fr en", 1.2, "CAD"),
    ("Dublin", ["Dublin", "Dublin, Ireland"], "ie", "en", 1.0, "EUR"),
    ("Cork", ["Cork", "Cork, Ireland"], "ie", "en", 0.9, "EUR"),
    ("Madrid", ["Madrid", "Madrid, Spain"], "es", "en", 0.65, "EUR"),
    ("Barcelona", ["Barcelona", "Barcelona, Spain"], "es", "en", 0.65, "EUR"),
    ("Milan", ["Milan", "Milano, Italy"], "it", "en", 0.7, "EUR"),
    ("Rome", ["Rome", "Roma, Italy"], "it", "en", 0.62, "EUR"),
    ("Warsaw", ["Warsaw", "Warszawa, Poland"], "pl", "en", 2.8, "PLN"),
    ("Krakow", ["Kraków", "Krakow, Poland"], "pl", "en", 2.6, "PLN"),
    ("Lisbon", ["Lisbon", "Lisboa, Portugal"], "pt", "en", 0.55, "EUR"),
    ("Porto", ["Porto", "Porto, Portugal"], "pt", "en", 0.5, "EUR"),
    ("Brussels", ["Brussels", "Bruxelles, Belgique", "Brussels, Belgium"], "be", "fr en", 0.98, "EUR"),
    ("Antwerp", ["Antwerp", "Antwerpen, Belgium"], "be", "en", 0.95, "EUR"),
    ("Stockholm", ["Stockholm", "Stockholm, Sweden"], "se", "en", 10.5, "SEK"),
    ("Gothenburg", ["Gothenburg", "Göteborg, Sweden"], "se", "en", 10.0, "SEK"),
]
CITIES = FIRST_CITIES + MORE_CITIES

# ISO 3166-1 alpha-2 code and English name of each region's country (for the gazetteer lookup).
COUNTRIES = {"de": ("DE", "Germany"), "at": ("AT", "Austria"), "ch": ("CH", "Switzerland"),
             "fr": ("FR", "France"), "uk": ("GB", "United Kingdom"), "nl": ("NL", "Netherlands"),
             "us": ("US", "United States"), "ca": ("CA", "Canada"), "ie": ("IE", "Ireland"),
             "es": ("ES", "Spain"), "it": ("IT", "Italy"), "pl": ("PL", "Poland"),
             "pt": ("PT", "Portugal"), "be": ("BE", "Belgium"), "se": ("SE", "Sweden")}

# The first sample named one of this many real boards per region on each posting. The postings
# now say they are a sample; the generator still makes the same random draw, so the first
# postings keep their ids, titles and companies.
FIRST_BOARD_COUNTS = {"de": 6, "at": 4, "ch": 4, "fr": 6, "uk": 5, "nl": 3, "us": 5, "remote": 4}

LEGAL = {"de": ["GmbH", "AG", "GmbH & Co. KG", "SE"], "at": ["GmbH", "AG"],
         "ch": ["AG", "SA", "GmbH"], "fr": ["SAS", "SA", "SARL"], "uk": ["Ltd", "plc"],
         "nl": ["B.V.", "N.V."], "us": ["Inc.", "LLC", "Corp."], "remote": ["Inc.", "GmbH", "Ltd"],
         "ca": ["Inc.", "Ltd."], "ie": ["Ltd", "DAC"], "es": ["S.L.", "S.A."], "it": ["S.r.l.", "S.p.A."],
         "pl": ["sp. z o.o.", "S.A."], "pt": ["Lda.", "S.A."], "be": ["NV", "SRL", "BV"], "se": ["AB"]}
# Fields whose employers carry no company form (a city council, an institute, a charity).
NO_LEGAL_FORM = frozenset({"public_sector", "research", "social_work"})

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
    "ca": ["Maple Ridge", "Laurentide", "Northshore", "Rideau"],
    "ie": ["Liffey", "Emerald Bay", "Corrib", "Shannonside"],
    "es": ["Sol y Mar", "Castellana", "Mediterránea", "Alameda"],
    "it": ["Navigli", "Tevere", "Dolomiti", "Lombarda Nuova"],
    "pl": ["Wisła", "Bałtyk", "Tatra", "Mazowsze"],
    "pt": ["Tejo", "Atlântico", "Douro", "Alfama"],
    "be": ["Brabant", "Escaut", "Ardennes", "Meuse"],
    "se": ["Nordstjärna", "Mälaren", "Skärgård", "Vasastan"],
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
    "product": {"de": "{stem} Digital", "fr": "{stem} Numérique", "en": "{stem} Products"},
    "customer_service": {"de": "{stem} Kundenservice", "fr": "{stem} Relation Client",
                         "en": "{stem} Contact Centre"},
    "retail": {"de": "{stem} Markt", "fr": "Magasins {stem}", "en": "{stem} Stores"},
    "pharmacy": {"de": "{stem}-Apotheke", "fr": "Pharmacie {stem}", "en": "{stem} Pharmacy"},
    "construction": {"de": "{stem} Bau", "fr": "{stem} Construction", "en": "{stem} Construction"},
    "security": {"de": "{stem} Sicherheitsdienst", "fr": "{stem} Sécurité", "en": "{stem} Security"},
    "research": {"de": "Forschungsinstitut {stem}", "fr": "Institut de recherche {stem}",
                 "en": "{stem} Research Institute"},
    "public_sector": {"de": "Stadtverwaltung {stem}", "fr": "Communauté de communes {stem}",
                      "en": "{stem} District Council"},
    "cleaning": {"de": "{stem} Gebäudereinigung", "fr": "{stem} Propreté", "en": "{stem} Cleaning Services"},
    "childcare": {"de": "Kinderhaus {stem}", "fr": "Crèche {stem}", "en": "{stem} Childcare"},
    "social_work": {"de": "Sozialwerk {stem} e.V.", "fr": "Association {stem}", "en": "{stem} Family Trust"},
    "administration": {"de": "{stem} Verwaltung", "fr": "{stem} Services", "en": "{stem} Business Services"},
    "manufacturing": {"de": "{stem} Fertigung", "fr": "{stem} Industrie", "en": "{stem} Manufacturing"},
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
    "ca": {"en": "Legally entitled to work in Canada",
           "fr": "Maîtrise du français et de l'anglais"},
    "ie": {"en": "Eligible to work in Ireland"},
    "es": {"en": "Fluent English; Spanish is a plus"},
    "it": {"en": "Fluent English; Italian is a plus"},
    "pl": {"en": "Fluent English; Polish is a plus"},
    "pt": {"en": "Fluent English; Portuguese is a plus"},
    "be": {"en": "Fluent English; French or Dutch is a plus",
           "fr": "Maîtrise du français, le néerlandais est un atout"},
    "se": {"en": "Fluent English; Swedish is a plus"},
}
