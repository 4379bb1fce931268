"""Dutch-language CVs (Netherlands, Belgium)."""
from tests.corpus.people.model import Job as J, Person as P, School as S

PEOPLE = [
    P(id="nl_vandenberg", lang="nl", country="NL", name="Pieter van den Berg", email="pieter.vandenberg@example.nl",
      phone="06 12345678", city="Utrecht", title="Backend Developer", extra={"surname": "van den Berg"},
      summary="Backend developer met een voorliefde voor schone code en goede tests.",
      jobs=(J("Backend Developer", "Domstad Software BV", "2019-10", None,
              ("Services in Python en Django, gehost op Heroku.",)),
            J("Software Engineer", "Utrechtse Data Groep", "2015-09", "2019-09")),
      education=(S("MSc Informatica", "Universiteit Utrecht", "2013 – 2015"),),
      skills=("Python", "Django", "PostgreSQL", "Heroku", "Docker", "pytest", "Linux"),
      languages=(("Dutch", "moedertaal"), ("English", "vloeiend"), ("German", "goed")), date_style="nl_sinds"),
    P(id="nl_devries", lang="nl", country="BE", name="Sophie de Vries", email="sophie.devries@example.be",
      phone="0478 98 76 54", city="Leuven", title="Verpleegkundige", extra={"surname": "de Vries"},
      summary="Verpleegkundige met ervaring in de ouderenzorg.",
      jobs=(J("Verpleegkundige", "UZ Leuven", "2018-02", None,
              ("Zorg voor geriatrische patiënten en wondzorg.",)),
            J("Zorgkundige", "WZC Ter Meeuwen", "2014-07", "2018-01")),
      education=(S("Bachelor Verpleegkunde", "UCLL", "2011 – 2014"),),
      skills=("Wondzorg", "Geriatrie", "Medicatiebeheer", "Palliatieve zorg"),
      languages=(("Dutch", "moedertaal"), ("French", "goed"), ("English", "goed")), date_style="nl_sinds"),
]
