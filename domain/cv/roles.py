"""Job-title vocabulary in EN, DE, FR, ES, PT, IT and NL: is a short line a role?

A role line names an occupation ("Senior Data Engineer", "Softwareentwicklerin",
"Ingénieure DevOps", "Desarrollador Full Stack", "Enfermeira", "Sviluppatore Java").
German compounds are matched by their head noun's stem ("…entwickler", "…leiterin"); feminine,
plural and spelling variants by their endings ("Apothekerin" -> apotheker, "Pianificatrice" ->
pianificatore, "Rececionista" = "Recepcionista"); unlisted agent nouns by "-ist"/"-ista".
Only supporting evidence for a headline (``domain.cv.titles`` finds it by position first).
"""
from __future__ import annotations

import re

# Whole words (lower case). Feminine and plural forms are covered by the suffix pattern below.
_ROLE_WORDS = set("""
engineer developer programmer manager director head lead architect analyst consultant designer scientist
administrator admin specialist officer coordinator assistant associate intern trainee apprentice technician
nurse physician doctor teacher lecturer professor researcher accountant auditor controller cashier clerk
advisor adviser agent representative salesperson executive founder cofounder co-founder owner cto ceo cfo
coo cio vp president partner editor writer copywriter journalist translator interpreter recruiter
therapist pharmacist dentist electrician plumber mechanic welder driver operator supervisor foreman
chef waiter bartender receptionist secretary paralegal lawyer attorney solicitor counsel strategist
marketer planner buyer merchandiser tester devops sre steward stewardess pilot caregiver carer
midwife paramedic psychologist economist statistician mathematician physicist chemist biologist
librarian photographer illustrator animator producer artist musician owner manager freelancer
ingenieur entwickler berater leiter leiterin referent sachbearbeiter kaufmann kauffrau techniker
mechaniker elektroniker fachkraft assistent architekt lehrer erzieher arzt ärztin verkäufer monteur
disponent buchhalter koordinator spezialist wissenschaftler redakteur pfleger pflegerin krankenschwester
geschäftsführer geschäftsführerin werkstudent praktikant azubi
ingénieur ingénieure développeur développeuse chef responsable directeur directrice chargé chargée
consultante conseiller conseillère gestionnaire technicien technicienne infirmier infirmière comptable
professeur enseignant enseignante vendeur vendeuse commercial commerciale assistante analyste chercheur
chercheuse stagiaire alternant alternante rédacteur rédactrice juriste avocat avocate pharmacien
ingeniero ingeniera desarrollador desarrolladora programador programadora gerente jefe jefa director
directora analista consultor consultora diseñador diseñadora técnico técnica enfermero enfermera
contador contadora profesor profesora vendedor vendedora asesor asesora coordinador coordinadora
especialista responsable abogado abogada científico científica administrativo administrativa becario becaria
engenheiro engenheira desenvolvedor desenvolvedora programador gerente coordenador coordenadora diretor
diretora analista consultor consultora designer técnico técnica enfermeiro enfermeira professor professora
vendedor vendedora assessor assessora especialista estagiário estagiária advogado advogada contabilista
ingegnere sviluppatore sviluppatrice programmatore programmatrice responsabile direttore direttrice
analista consulente progettista tecnico infermiere infermiera insegnante docente commerciale impiegato
impiegata specialista avvocato ricercatore ricercatrice stagista
ontwikkelaar adviseur beheerder medewerker verpleegkundige docent leraar projectleider teamleider
medico médico médica medica médecin geometra architetto architecte arquitecto arquiteto farmacista
farmacéutico farmacêutico cuoco cocinero cozinheiro camarero cameriere autista conducente motorista
contabile ragioniere commercialista magazziniere operaio operário obrero elettricista electricista
eletricista idraulico fontanero carpintero falegname muratore albañil pedreiro segretaria secretaria
secrétaire educatore educadora educador maestro maestra tirocinante logisticien logístico almacenista
cuisinier serveur serveuse vendedora recepcionista receptionniste fisioterapeuta kinésithérapeute
physiotherapist optometrist veterinarian vétérinaire veterinario veterinário
student studentin étudiant étudiante estudiante estudante studente studentessa doktorand doktorandin
doctorant doctorante postdoc trainer coach mentor instructor tutor educator inspector surveyor estimator
worker attendant courier cleaner housekeeper nanny barista scrum product-owner mitarbeiter mitarbeiterin
hygienist dietitian nutritionist radiographer sonographer phlebotomist optician audiologist orthoptist
apotheker logopäde logopede logopeda logopedista orthophoniste ergotherapeut ergothérapeute hebamme sage-femme
ostetrica matrona parteira sanitäter ambulancier socorrista soccorritore zahnarzt odontólogo odontoiatra
erzieher kindergärtner puériculteur educatore éducateur éducatrice pédagogue pädagoge pedagogo
planner scheduler dispatcher pianificatore logistiker spedizioniere transitário expéditeur magazinier
storekeeper warehouseman lagerist picker packer forklift
rececionista recepcionista receptionist receptionniste réceptionniste receptionist concierge portier hotelier
sommelier kellner   cuisinière cuoca cocinera cozinheira pasticcere pâtissier pastelero confeiteiro
  boulanger panadero padeiro fornaio    boucher carnicero açougueiro macellaio
 joiner   menuisier ebanista marceneiro plasterer   peintre
pittore glazier roofer dachdecker   jardinier jardinero jardineiro giardiniere landscaper
florist florista fleuriste hairdresser friseur coiffeur coiffeuse peluquero cabeleireiro parrucchiere
 beautician kosmetiker esthéticien esthéticienne esteticista estetista
banker teller cashier kassierer caissier cajero caixa cassiere treasurer actuary broker underwriter
notary notar notaire notario notário notaio   juge juez juiz giudice anwalt rechtsanwalt jurist
police polizist policier policía polícia poliziotto firefighter feuerwehrmann pompier bombero bombeiro
soldier soldat soldado soldato  wächter agent vigile vigilante
laborant laboratorista chemiker physiker biologe geologe fotograf photographe fotógrafo fotografo grafiker
graphiste grafico gráfico pianist pianiste pianista   chanteur cantante actor actress
schauspieler acteur actrice attore ator dancer tänzer danseur bailarín bailarino ballerino
auxiliar ajudante aiuto helper helfer aide stylist machinist typist
bookkeeper operative janitor custodian caretaker groundskeeper labourer laborer handyman installer fitter
fabricator assembler stocker hostess babysitter childminder lifeguard proofreader curator conservator valet
chauffeur postman draughtsman draftsman drafter commesso badante pizzaiolo auxiliaire hôtesse manutentionnaire
préparateur cariste maçon plombier électricien dependiente reponedor mozo limpiador cuidador repartidor peón
soldador empregado operador repositor operatore operario fachfrau fachmann
""".split())
# Occupations that are also common surnames ("Koch", "Richter", "Baker"): roles only in loose mode.
_SURNAME_ROLE_WORDS = set("""
baker bäcker cook koch painter maler carpenter schreiner tischler gardener gärtner butcher metzger fleischer
judge richter singer sänger guard barber pintor cantor
""".split())
# Medical and scientific specialists: "Radiologo", "Kardiologin", "Psychologist", "Pediatra".
_SPECIALIST_RE = re.compile(r"(?:olog(?:ist|e|in|ue|o|a)|ólog[oa]|iatr[ae]|iater|iatre)$")
# Employers and schools that share a word with roles ("Studio Tecnico Vanvitelli", "Klinikum Fürth").
_ORGANISATION_RE = re.compile(
    r"\b(?:gmbh|ag|kg|se|inc|ltd|llc|plc|corp|sa|sas|sarl|srl|spa|s\.?p\.?a|s\.?l|bv|nv|ltda|studio|"
    r"universit\w*|klinik\w*|clinic|hospital|spital\w*|ospedale|hôpital|policlinico|school|schule|"
    r"college|institut\w*|consejería|ministerio|ministry)\b",
    re.IGNORECASE,
)
# German and Dutch compounds end in a role noun: "Softwareentwickler", "Projektleiterin", "Krankenpfleger".
_COMPOUND_RE = re.compile(
    r"(?:entwickler|ingenieur|berater|leiter|referent|techniker|mechaniker|elektroniker|fachkraft|"
    r"assistent|architekt|pfleger|kaufmann|kauffrau|sachbearbeiter|spezialist|manager|designer|"
    r"analyst|administrator|ontwikkelaar|adviseur|medewerker|beheerder|leider|koordinator|berater|arbeiter|"
    r"anwalt|helfer|pädagoge|therapeut|verkäufer|kaufleute|planer|disponent|lehrer|erzieher|meister|arzt|ärztin|"
    r"schmied|macher|bauer|gärtner|bäcker|koch|köchin|fahrer|führer|händler|makler|verwalter|prüfer|gestalter|"
    r"tischler|schreiner|maler|zeichner|angestellte|angestellter|beamter|beamtin|sekretär|assistenz|hygieniker|"
    r"optiker|akustiker|wirt|geselle|gutachter|redakteur|dolmetscher|übersetzer|programmierer|pflegehilfe|"
    # Not every "-kraft", "-leitung", "-wart": "Durchsetzungskraft", "Rohrleitung" and "Gegenwart" are no roles.
    r"(?:pflege|hilfs|lehr|reinigungs|verkaufs|aushilfs)kraft|"
    r"(?:projekt|team|abteilungs|bereichs|filial|gruppen|schicht|stations|pflegedienst|bau|kita|büro)leitung|"
    r"(?:haus|platz|geräte|zeug)wart)"
    r"(?:in|innen|en|e)?$",
)
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
# Feminine and plural endings mapped back to the listed form: German -in/-innen, Romance -a/-ora/-trice/-eira,
# French -euse/-ière/-ienne/-e. Each pair is (ending, replacements); a word is tried with each.
_ENDINGS = (("innen", ("", "e")), ("in", ("", "e")), ("trice", ("tore", "teur")), ("ora", ("or",)),
            ("eira", ("eiro",)), ("euse", ("eur",)), ("ière", ("ier",)), ("ère", ("er",)), ("ienne", ("ien",)), ("a", ("o", "e", "")),
            ("e", ("", "o")), ("es", ("", "e")), ("s", ("",)))
# Agent-noun suffixes that name an occupation even when the word is unlisted ("Hygienist", "Rececionista").
_AGENT_RE = re.compile(r"(?<![lsx])ist(?:a|e|in)?$")
_NOT_AGENT = {"revista", "entrevista", "conquista", "vista", "lista", "artiste", "insist", "exist", "resist"}


def _spelling(word: str) -> str:
    """Portuguese pre/post-reform and Romance spellings folded together ("recepcionista" = "rececionista")."""
    return re.sub(r"p(?=[cçt])|c(?=[çt])", "", word) if len(word) > 5 else word  # not "cto" -> "to"


_SPELLINGS = {_spelling(word) for word in _ROLE_WORDS}
_LOOSE_SPELLINGS = _SPELLINGS | {_spelling(word) for word in _SURNAME_ROLE_WORDS}


def _listed(word: str, loose: bool) -> bool:
    """True if ``word`` or a base form of it (feminine, plural, other spelling) is a listed role word."""
    known = _LOOSE_SPELLINGS if loose else _SPELLINGS
    if _spelling(word) in known:
        return True
    for ending, replacements in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[:-len(ending)]
            if any(_spelling(base + r) in known for r in replacements):
                return True
    return False


def role_words(text: str, *, loose: bool = False) -> list[str]:
    """The words of ``text`` that name an occupation (lower case).

    ``loose``: also unlisted agent nouns in "-ist"/"-ista" ("Hygienist"); off for names, since
    surnames end so too ("Bautista", "Lindqvist").
    """
    found = []
    for token in _TOKEN_RE.findall(text.lower()):
        for part in {token, *token.split("-")}:
            if _listed(part, loose) or (len(part) > 8 and _COMPOUND_RE.search(part)) \
                    or (len(part) > 6 and _SPECIALIST_RE.search(part)) \
                    or (loose and len(part) > 7 and _AGENT_RE.search(part) and part not in _NOT_AGENT):
                found.append(part)
                break
    return found


def has_role_word(text: str, *, loose: bool = False) -> bool:
    """True if any word of ``text`` names an occupation (``loose``: see :func:`role_words`)."""
    return bool(role_words(text, loose=loose))


def looks_like_organisation(text: str) -> bool:
    """True if ``text`` names an employer or school by a legal form or institution word."""
    return bool(_ORGANISATION_RE.search(text))
