"""The candidate's name: the best-scored name-shaped line, the e-mail guess only as a last resort.

Evidence, strongest first: a "Name:" label (Name, Nom, Nombre, Nome, Naam, Vorname Name,
Europass "Surname(s) / First name(s)"), the line after a Europass label ("Personal
information", "Angaben zur Person", ...), the largest lines at the top of page one
(``PdfText.large_lines``), a cover letter's signature, then the header lines. A name that
matches the e-mail's local part gains weight. Never a job title, section heading, company,
place, or the recipient of a cover letter ("Dear Ms. Smith", "Sehr geehrte Frau Müller").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.cv.cover_letter import CLOSING_RE, Letter, find_letter
from domain.cv.gazetteer import cities_named, country_code, fold
from domain.cv.name_words import PARTICLES, normalise_name
from domain.cv.roles import has_role_word
from domain.cv.sections import Line, is_heading

_LABEL_RE = re.compile(
    r"^(?P<label>(?:full\s+)?name|nom(?: et prénom| complet)?|prénom et nom|nombre(?: completo| y apellidos)?|"
    r"nome(?: completo)?|naam|vor-?\s*und\s+(?:nach)?name|vorname,?\s+(?:nach)?name|"
    r"(?P<rev>surname\(?s?\)?\s*/\s*first\s+name\(?s?\)?|nachname\(?n?\)?\s*/\s*vorname\(?n?\)?|"
    r"nom\(?s?\)?\s*/\s*prénom\(?s?\)?|apellido\(?s?\)?\s*/\s*nombre\(?s?\)?|"
    r"apelido\(?s?\)?\s*/\s*nome\(?s?\)?(?:\s+próprio\(?s?\)?)?|cognome\(?i?\)?\s*/\s*nome\(?i?\)?))"
    r"(?![\w(])\s*[:：]?\s*(?P<v>.*)$",
    re.IGNORECASE,
)
_EUROPASS_RE = re.compile(
    r"^(?:personal information|personal details|angaben zur person|persönliche (?:daten|angaben)|"
    r"informations personnelles|información personal|datos personales|informação pessoal|dados pessoais|"
    r"informazioni personali|dati personali|persoonlijke gegevens|persoonsgegevens)(?!\w)\s*:?\s*(?P<v>.*)$",
    re.IGNORECASE,
)
_NOT_NAME_WORDS = set(fold("""
curriculum vitae lebenslauf resume résumé cv bewerbung candidature anschreiben cover letter lettre motivation
carta presentación apresentação lettera presentazione sollicitatiebrief profile profil perfil profilo profiel
summary zusammenfassung résumé resumen resumo sommario samenvatting experience erfahrung berufserfahrung
expérience experiencia experiência esperienza ervaring werkervaring education ausbildung bildung formation
formación formação formazione istruzione educación educação opleiding skills kenntnisse compétences
competencias habilidades competências competenze vaardigheden contact kontakt contacto contato contatto
personal persönliche personnelles pessoal pessoais personali persoonlijke information informations
información informação informazioni angaben daten datos dados dati gegevens about über sobre languages
sprachen langues idiomas línguas lingue talen references referenzen hobbies interests interessen projects
projekte projets proyectos projetos progetti certifications zertifikate page seite página pagina dear
sehr geehrte geehrter madame monsieur estimado estimada prezado prezada gentile geachte objet betreff
subject asunto assunto oggetto gmbh inc ltd llc ag sa sarl srl bv plc corp group solutions technologies
consulting systems software services university universität université universidad universidade
università hochschule school college hospital bank street straße strasse rue calle rua via avenue
present heute today email mail e-mail phone mobile telefon téléphone teléfono telefone telefono address adresse
anschrift indirizzo dirección endereço website linkedin github geburtsdatum nationalität name vorname nachname
nom prénom nombre apellidos nome cognome naam voornaam achternaam beruf
""").split())
# Employers and schools: "Universitätsklinikum Erlangen", "IES Santa Clara", "Spitalul Județean".
_ORGANISATION_RE = re.compile(
    r"universit|klinik|clinic|hospital|spital|ospedale|schule|school|college|colegio|escuela|escola|liceo|"
    r"lycee|institut|akademie|academy|gmbh|consult|solution|technolog|systems|services|group|bank|"
    r"versicherung|ministr|council|agenc|agentur|stiftung|foundation|analytics|software|studio|^ies$",
)
_SPLIT_RE = re.compile(r"\s*[|•·▪]\s*|\s{3,}|\s+[–—-]\s+|\t")


@dataclass
class _Candidate:
    name: str
    score: float


def _acceptable(name: str, raw: str) -> bool:
    words = fold(name).replace("-", " ").split()
    if any(w.strip(".,") in _NOT_NAME_WORDS or _ORGANISATION_RE.search(w) for w in words) \
            or is_heading(raw) or has_role_word(name):
        return False
    return not (cities_named(name) or country_code(name) or ("," in raw and cities_named(raw.split(",")[0])))


def _parse(raw: str) -> str | None:
    name = normalise_name(raw)
    return name if name and _acceptable(name, raw) else None


def _without_label_words(text: str) -> str:
    """``text`` without leading heading/label words ("INFORMATIONS Yasmine Ben Ali")."""
    words = text.split()
    dropped = False
    while len(words) > 2 and fold(words[0]).strip(":") in _NOT_NAME_WORDS:
        words, dropped = words[1:], True
    if dropped and len(words) > 2 and words[0] in ("von", "of", "de", "di", "da", "van"):
        words = words[1:]  # "Lebenslauf von Anna Kowalska", "CV of John Smith"
    return " ".join(words)


def _from_segments(text: str) -> str | None:
    for segment in _SPLIT_RE.split(text.strip()):
        for option in (segment, segment.split(",")[0], _without_label_words(segment)):
            name = _parse(option)
            if name:
                return name
    return None


def _with_next(items: list) -> list[tuple]:
    return list(zip(items, [*items[1:], None]))


def _joined(first: str, following: str | None) -> str | None:
    """A name set over two lines ("Paweł" / "Wróblewski", "Ana Paula" / "da Costa"), else None."""
    if not following or len(first.split()) > 2 or len(following.split()) > 3:
        return None
    second = following.split()
    if len(first.split()) == 2 and second[0] not in PARTICLES:
        return None  # a full name already: the next line is something else
    # A lone given name's next line is its surname even when some town shares it ("MORALES");
    # a comma, a digit or a country means an address line instead.
    if re.search(r"[,\d]", following) or country_code(following):
        return None
    return _parse(f"{first} {following}")


def _labelled(lines: list[Line]) -> list[_Candidate]:
    found = []
    for index, line in enumerate(lines[:60]):
        match = _LABEL_RE.match(line.text)
        europass = _EUROPASS_RE.match(line.text)
        if not match and not europass:
            continue
        value = (match or europass).group("v").strip()
        if not value and index + 1 < len(lines):
            value = lines[index + 1].text
        if match and match.group("rev") and value and not any(w.isupper() and len(w) > 1 for w in value.split()) \
                and "," not in value:
            value = " ".join(value.split()[1:] + value.split()[:1])  # "Kowalska Anna" under "Surname / First name"
        name = _from_segments(value)
        if name:
            found.append(_Candidate(name, 100 if match else 95))
    return found


def _recipient_words(lines: list[Line], letter: Letter | None) -> set[str]:
    """Folded words of the cover letter's addressee: salutation and address block."""
    if not letter:
        return set()
    words = set(fold(re.sub(r"[^\w\s'-]", " ", lines[letter.salutation].text)).split())
    for index in letter.recipient:
        name = _from_segments(lines[index].text)
        words |= set(fold(name).split()) if name else set()
    return words


def _letter_candidates(lines: list[Line], letter: Letter) -> list[_Candidate]:
    """The signature after the closing formula, and the CV header that follows the letter."""
    if letter.closing is None:
        return []
    found = []
    rest = CLOSING_RE.match(lines[letter.closing].text).group("rest")
    signature = [rest] if rest else []
    signature += [line.text for line in lines[letter.closing + 1:letter.closing + 4]]
    for offset, text in enumerate(signature):
        name = _from_segments(text)
        if name:
            found.append(_Candidate(name, 88 - offset))
            break
    for offset, line in enumerate(lines[letter.closing + 1:letter.closing + 12]):
        name = _from_segments(line.text)
        if name:
            found.append(_Candidate(name, 84 - offset * 0.5))
    return found


def _email_matches(name: str, email: str | None) -> bool:
    if not email:
        return False
    local = re.sub(r"[^a-z]", "", fold(email.split("@")[0]))
    return any(len(w) >= 3 and w in local for w in re.sub(r"[^a-z ]", "", fold(name).replace("ß", "ss")).split())


def name_from_email(email: str | None) -> str | None:
    """"anna.kowalska@x" -> "Anna Kowalska" (order kept as written); None unless 2+ words."""
    if not email:
        return None
    words = [w for w in re.split(r"[._-]", email.split("@")[0]) if w.isalpha() and len(w) > 1]
    return " ".join(w.capitalize() for w in words[:3]) if len(words) >= 2 else None


def _layout_and_header(lines: list[Line], large_lines, in_letter: bool) -> list[_Candidate]:
    """Candidates from the large top lines of page one and from the header lines."""
    found = []
    for rank, (text, following) in enumerate(_with_next(list(large_lines[:6]))):
        name = _joined(text, following) or _from_segments(text)
        if name:
            found.append(_Candidate(name, 92 - 3 * rank))
    for index, (line, following) in enumerate(_with_next(lines[:15])):
        if line.section not in ("top", "contact", "summary"):
            continue  # employers, schools, skills ("Power BI") and referees are not the candidate
        same_block = following is not None and following.section == line.section
        name = _joined(line.text, following.text if same_block else None) or _from_segments(line.text)
        if name:
            # Sidebars read first can put a heading above the name: weaker, not excluded.
            header = line.section in ("top", "contact")
            found.append(_Candidate(name, (85 if header else 70) - index - (12 if in_letter else 0)))
    return found


def extract_name(lines: list[Line], email: str | None, *, large_lines=()) -> str | None:
    """The candidate's name in natural case, given name first, without titles; None if unknown.

    ``lines``: ``sections.label_lines`` output; ``email``: the CV's e-mail, used to confirm a
    name or, failing every line, to guess one; ``large_lines``: page one's top lines, largest
    font first.
    """
    letter = find_letter(lines)
    candidates = _labelled(lines) + _layout_and_header(lines, large_lines, letter is not None)
    if letter:
        candidates += _letter_candidates(lines, letter)
    recipient = _recipient_words(lines, letter)
    best = None
    for candidate in candidates:
        if recipient and set(fold(candidate.name).split()) & recipient:
            continue
        score = candidate.score + (20 if _email_matches(candidate.name, email) else 0)
        if best is None or score > best.score:
            best = _Candidate(candidate.name, score)
    return best.name if best else name_from_email(email)
