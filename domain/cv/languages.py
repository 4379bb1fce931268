"""Spoken languages in a CV, named in EN, DE, FR, ES, PT, IT or NL, reported in English.

"Englisch (C1)", "Anglais courant", "Inglés", "Inglês", "Inglese", "Engels": a name counts in the
languages section, after a "Languages:"/"Mother tongue:" label (Europass), or anywhere next to a
level word ("German (native)", "fließend Englisch") - never as a bare adjective ("French accountant").
"""
from __future__ import annotations

import re

from domain.cv.bullets import strip_bullet
from domain.cv.sections import Line

# English name: names in DE, FR, ES, PT, IT, NL, PL, CS, SK and the language's own name (CLDR language names).
_NAMES = {
    "English": "english englisch anglais inglés ingles inglês inglese engels angielski angličtina",
    "German": "german deutsch allemand alemán aleman alemão alemao tedesco duits niemiecki němčina nemčina",
    "French": "french französisch franzosisch français francais francés frances francês francese frans francuski francouzština francúzština",
    "Spanish": "spanish spanisch espagnol español espanol castellano espanhol spagnolo spaans hiszpański španělština španielčina",
    "Italian": "italian italienisch italien italiano italiaans włoski italština taliančina",
    "Portuguese": "portuguese portugiesisch portugais portugués portugues português portoghese portugees portugalski portugalština portugalčina",
    "Dutch": "dutch niederländisch néerlandais neerlandés neerlandes holandés holandês olandese nederlands flemish niderlandzki holenderski nizozemština holandština",
    "Polish": "polish polnisch polonais polaco polonês polacco pools polski polština poľština",
    "Russian": "russian russisch russe ruso russo russisch rosyjski ruština",
    "Ukrainian": "ukrainian ukrainisch ukrainien ucraniano ucraino oekraïens ukraiński ukrajinština ukrajinčina",
    "Turkish": "turkish türkisch turc turco turks türkçe",
    "Arabic": "arabic arabisch arabe árabe arabo",
    "Chinese": "chinese mandarin cantonese chinesisch chinois chino chinês cinese chinees",
    "Japanese": "japanese japanisch japonais japonés japonês giapponese japans",
    "Korean": "korean koreanisch coréen coreano koreaans",
    "Hindi": "hindi",
    "Tamil": "tamil tamoul",
    "Urdu": "urdu ourdou",
    "Bengali": "bengali bangla",
    "Greek": "greek griechisch grec griego grego greco grieks",
    "Swedish": "swedish schwedisch suédois sueco svedese zweeds svenska",
    "Norwegian": "norwegian norwegisch norvégien noruego norueguês norvegese noors",
    "Danish": "danish dänisch danois danés dinamarquês danese deens",
    "Finnish": "finnish finnisch finnois finlandés finlandês finlandese fins",
    "Czech": "czech tschechisch tchèque checo tcheco ceco tsjechisch czeski čeština",
    "Romanian": "romanian rumänisch roumain rumano romeno rumeno roemeens",
    "Hungarian": "hungarian ungarisch hongrois húngaro ungherese hongaars węgierski maďarština",
    "Croatian": "croatian kroatisch croate croata kroatisch",
    "Serbian": "serbian serbisch serbe serbio sérvio serbo servisch",
    "Vietnamese": "vietnamese vietnamesisch vietnamien vietnamita vietnamees",
    "Persian": "persian farsi persisch persan persa persiano perzisch",
    "Hebrew": "hebrew hebräisch hébreu hebreo hebraico ebraico hebreeuws",
    "Catalan": "catalan katalanisch català catalán catalão catalano catalaans",
    "Swahili": "swahili kiswahili suajili",
    "Galician": "galician galicisch galicien gallego galego",
    "Basque": "basque baskisch vasco euskera basco baskisch",
    "Luxembourgish": "luxembourgish luxemburgisch luxembourgeois luxemburgués lussemburghese luxemburgs",
    "Albanian": "albanian albanisch albanais albanés albanês albanese albanees",
    "Bulgarian": "bulgarian bulgarisch bulgare búlgaro bulgaro bulgaars",
    "Slovak": "slovak slowakisch slovaque eslovaco slovacco slowaaks słowacki slovenština slovenčina",
    "Slovenian": "slovenian slowenisch slovène esloveno sloveno sloveens",
    "Lithuanian": "lithuanian litauisch lituanien lituano litouws",
    "Latvian": "latvian lettisch letton letón letão lettone lets",
    "Estonian": "estonian estnisch estonien estonio estoniano estone ests",
    "Indonesian": "indonesian indonesisch indonésien indonesio indonésio indonesiano indonesisch",
    "Malay": "malay malaiisch malais malayo malaio malese maleis",
    "Thai": "thai thailändisch thaï tailandés tailandês tailandese thais",
    "Tagalog": "tagalog filipino",
    "Punjabi": "punjabi panjabi pendjabi",
    "Berber": "berber tamazight amazigh",
    "Latin": "latin latein latín latim latino latijn",
    "Irish": "irish irisch irlandais irlandés irlandês irlandese iers gaeilge",
    "Welsh": "welsh walisisch gallois galés galês gallese welsh cymraeg",
    "Icelandic": "icelandic isländisch islandais islandés islandês islandese ijslands",
    "Maltese": "maltese maltesisch maltais maltés maltês maltees",
    "Afrikaans": "afrikaans",
    "Armenian": "armenian armenisch arménien armenio armênio armeno armeens",
    "Georgian": "georgian georgisch géorgien georgiano georgisch",
    "Azerbaijani": "azerbaijani aserbaidschanisch azéri azerí azerbaigiano azerbeidzjaans",
    "Kazakh": "kazakh kasachisch kazakh kazajo cazaque kazako kazachs",
    "Gujarati": "gujarati gudscharati goudjarati guyaratí guzerate",
    "Marathi": "marathi",
    "Telugu": "telugu télougou",
    "Kannada": "kannada",
    "Malayalam": "malayalam",
    "Nepali": "nepali nepalesisch népalais nepalí nepalês nepalese",
    "Sinhala": "sinhala sinhalese singhalesisch cingalais cingalés",
    "Amharic": "amharic amharisch amharique amárico amarico",
    "Somali": "somali somalisch somalien somalí",
    "Yoruba": "yoruba",
    "Hausa": "hausa haoussa",
    "Igbo": "igbo",
    "Zulu": "zulu isizulu",
    "Pashto": "pashto paschtu pachto pastún",
    "Kurdish": "kurdish kurdisch kurde kurdo koerdisch",
}
_ALIAS = {alias: canon for canon, aliases in _NAMES.items() for alias in aliases.split()}
_NAME_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _ALIAS), key=len, reverse=True)) + r")(?![\w-])",
                      re.IGNORECASE)
# Words that show a language is meant as a spoken language, not an adjective.
_LEVEL_RE = re.compile(
    r"\b(?:[ABC][12]\b|native|mother tongue|fluent|bilingual|proficient|professional|advanced|intermediate|"
    r"conversational|business|basic|beginner|elementary|working knowledge|full professional|"
    r"muttersprache|muttersprachlich|fließend|verhandlungssicher|gut|sehr gut|grundkenntnisse|kenntnisse|"
    r"langue maternelle|maternelle|courant|bilingue|notions|intermédiaire|débutant|professionnel|lu, écrit, parlé|"
    r"nativo|nativa|lengua materna|fluido|fluida|avanzado|intermedio|básico|basico|bilingüe|alto|medio|"
    r"língua materna|fluente|avançado|intermediário|intermediario|madrelingua|lingua madre|ottimo|buono|"
    r"discreto|scolastico|avanzato|moedertaal|vloeiend|goed|redelijk|gevorderd|basiskennis|"
    r"ojczysty|biegły|biegle|zaawansowany|średniozaawansowany|podstawowy|komunikatywny|"
    r"rodilý mluvčí|mateřský jazyk|plynně|plynule|pokročilý|středně pokročilý|základní|aktivně|pasivně|materinský)",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"^\W*(?:languages?|language skills|mother tongue\(?s?\)?|other language(?:s|\(s\))?|sprachen|sprachkenntnisse|"
    r"fremdsprachen|muttersprache\(?n?\)?|langues?|langue\(?s?\)? maternelle\(?s?\)?|idiomas?|lenguas?|"
    r"lengua materna|línguas?|linguas?|língua materna|lingue|lingua madre|talen|talenkennis|moedertaal|"
    r"języki(?: obce)?|znajomość języków|jazyky|jazykové znalosti|cizí jazyky)"
    r"(?:\s*:|\s+(?=[A-ZÀ-Þ]))",  # "Languages: …", or a Europass label column: "Languages English (native)"
    re.IGNORECASE)
_BARE_NAME = re.compile(r"^[\W\d]*(\w+)\W*$")  # a line that is only a language name ("• Español")


def extract_languages(lines: list[Line]) -> list[str]:
    """English names of the spoken languages, in mention order: those listed in the languages section,
    after a label, alone on a line ("Español"), or next to a level anywhere ("German (native)", "Englisch B2")."""
    found: dict[str, None] = {}
    for line in lines:
        text = strip_bullet(line.text)
        bare = _BARE_NAME.match(text)
        listed = _LABEL_RE.match(text) is not None or (bare is not None and bare.group(1).lower() in _ALIAS) or (
            line.section == "languages" and len(text) <= 80 and _NAME_RE.match(text) is not None
        )
        for match in _NAME_RE.finditer(text):
            if listed or _has_level_nearby(text, match.start(), match.end()):
                found.setdefault(_ALIAS[match.group(1).lower()], None)
    return list(found)


def _has_level_nearby(text: str, start: int, end: int) -> bool:
    # "German (native)", "Englisch: B2", "fließend Englisch" – but not "French accountant
    # with advanced Excel", where the level word is far from the language.
    after = text[end:end + 25]
    before = text[max(0, start - 15):start]
    return _LEVEL_RE.match(after.lstrip(" :-–(,•·|")) is not None or _LEVEL_RE.search(before) is not None


def names_a_language(text: str) -> bool:
    """True when ``text`` names a spoken language in any of the seven languages ("Englisch (C1)", "Inglês")."""
    return _NAME_RE.search(text) is not None
