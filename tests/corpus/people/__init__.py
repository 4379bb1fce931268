"""All invented people of the corpus, by id."""
from tests.corpus.people import de, en, es, fr, it, nl, pt
from tests.corpus.people.model import Job, Person, School

PEOPLE: dict[str, Person] = {p.id: p for module in (en, de, fr, es, pt, it, nl) for p in module.PEOPLE}

__all__ = ["PEOPLE", "Job", "Person", "School"]
