"""Whether a short text is a person's name, and that name in natural case and order.

Handles every Unicode letter (ł, ř, ă, ș, ß, é), names in capitals ("ANNA MARIA KOWALSKA" ->
"Anna Maria Kowalska"), particles kept lower (van, de, von, da, di, del, dos, der), O'Connor,
McDonald and the common Mac- surnames, hyphenated names, middle initials ("Maria T. Lopez"),
surname-first forms ("KOWALSKA Anna", "Kowalska, Anna"). Academic and courtesy titles
("Dr.", "Prof.", "Dipl.-Ing.", ", PhD") are stripped: the name is returned without them.
"""
from __future__ import annotations

import re

PARTICLES = {"van", "de", "von", "da", "di", "del", "dos", "der", "den", "das", "du", "des", "le", "la", "zu",
             "ten", "ter", "y", "e", "bin", "al", "della", "degli", "vom", "zum", "van der", "van den"}
_MAC_NAMES = {"macleod", "macdonald", "mackenzie", "macgregor", "macintyre", "maclean", "macmillan", "mackay",
              "macarthur", "macaulay", "macneil", "macpherson", "macdougall", "mackinnon", "maclachlan",
              "macinnes", "macrae", "macfarlane", "macdonnell", "mackintosh", "maccallum", "macleay"}
_TITLE_RE = re.compile(
    r"^(?:(?:prof|dr|dipl|ing|mag|mr|mrs|ms|mme|mlle|sr|sra|srta|dott|dott\.ssa|avv|univ|med|rer\s?nat|"
    r"phil|jur|habil|lic|eng)\.?(?:-\w+\.?)*\s+)+",
    re.IGNORECASE,
)
_POST_TITLE_RE = re.compile(
    r"(?:,?\s+(?:ph\.?\s?d\.?|m\.?\s?sc\.?|b\.?\s?sc\.?|m\.?\s?a\.?|b\.?\s?a\.?|mba|md|msc|bsc|pmp|cpa|"
    r"dipl\.?-\w+\.?|mph|rn|eng\.?))+$",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(r",?\s+(Jr\.?|Sr\.?|II|III|IV)$")
_LETTERS = r"[^\W\d_]"
_WORD_RE = re.compile(rf"^{_LETTERS}+(?:['’]{_LETTERS}+)?(?:-{_LETTERS}+(?:['’]{_LETTERS}+)?)*$")
_ELISION_RE = re.compile(r"^(?:d|l|dell|dall|degl)['’](?=[^\W\d_])")
_INITIAL_RE = re.compile(rf"^{_LETTERS}\.?(?:-{_LETTERS}\.?)?$")


def strip_titles(text: str) -> str:
    """``text`` without leading academic/courtesy titles or trailing degrees."""
    text = re.sub(r"\s*[(\[][^)\]]*[)\]]", " ", text.replace("’", "'"))  # "(she/her)", "[MBA]"
    text = " ".join(text.split()).strip(" ,;:|")
    return _POST_TITLE_RE.sub("", _TITLE_RE.sub("", text)).strip(" ,")


def _is_name_word(word: str) -> bool:
    elided = _ELISION_RE.match(word)  # "d'Aubigné", "dell'Acqua"
    if elided:
        word = word[elided.end():]
    return bool(_WORD_RE.match(word)) and word[0].isupper() and (word.isupper() or not word[1:].isupper()
                                                                   or len(word) <= 2)


def _kind(word: str) -> str:
    if word.lower() in PARTICLES and word[0].islower():
        return "particle"
    if _INITIAL_RE.match(word) and word[0].isupper() and (word.endswith(".") or len(word) == 1):
        return "initial"
    return "word" if _is_name_word(word) else "other"


def name_shape(text: str) -> bool:
    """True if ``text`` (titles already stripped) is shaped like a 2-5 word personal name."""
    words = text.replace(",", " , ").split()
    if words.count(",") > 1:
        return False
    words = [w for w in words if w != ","]
    kinds = [_kind(w) for w in words]
    long_words = sum(len(w) >= 3 for w, k in zip(words, kinds) if k == "word")
    # Letter-spaced headings come out as fragments ("Ko N Ta Kt"): a name has real words.
    if long_words < 1 or (long_words < 2 and any(len(w) == 1 for w in words)):
        return False
    return (2 <= len(kinds) <= 6 and "other" not in kinds and kinds.count("word") >= 2
            and kinds[0] != "particle" and kinds[-1] == "word")


def _case_part(part: str) -> str:
    lower = part.lower()
    if lower in _MAC_NAMES:
        return "Mac" + lower[3:].capitalize()
    if lower.startswith("mc") and len(lower) > 3:
        return "Mc" + lower[2:].capitalize()
    return "'".join(p[:1].upper() + p[1:] for p in lower.replace("’", "'").split("'")) \
        if re.match(r"^[odl]['’]", lower) else lower.capitalize()


def natural_case(word: str, *, first: bool) -> str:
    """One word of a name in natural case: "KOWALSKA" -> "Kowalska", "O'CONNOR" -> "O'Connor"."""
    if word.lower() in PARTICLES and not first:
        return word.lower()
    elided = _ELISION_RE.match(word)
    if elided and word.isupper() and not first:  # "D'AUBIGNÉ" -> "d'Aubigné"
        return word[:elided.end()].lower() + natural_case(word[elided.end():], first=True)
    if not word.isupper() or len(word) == 1:
        return word
    if word.endswith(".") and len(word) == 2:
        return word
    return "-".join(_case_part(p) for p in word.split("-"))


def normalise_name(text: str) -> str | None:
    """The name in natural case and given-name-first order, or None if ``text`` is no name.

    "KOWALSKA Anna" and "Kowalska, Anna" -> "Anna Kowalska"; "Dr. Jean DUPONT" -> "Jean Dupont".
    """
    text = strip_titles(text)
    suffix = _SUFFIX_RE.search(text)  # a generational suffix is part of the name: kept as written
    if suffix:
        text = text[:suffix.start()]
    if not name_shape(text):
        return None
    if "," in text:
        surname, given = (p.strip() for p in text.split(",", 1))
        text = f"{given} {surname}"
    words = text.split()
    caps = [w.isupper() and len(w.rstrip(".")) > 1 for w in words]
    # Europass and French style: surname in capitals before the given names ("KOWALSKA Anna").
    split = caps.index(False) if False in caps else len(caps)
    if 0 < split < len(words) and not any(caps[split:]) and all(_kind(w) == "word" for w in words[split:]):
        words = words[split:] + words[:split]
    name = " ".join(natural_case(w, first=i == 0) for i, w in enumerate(words))
    return f"{name} {suffix.group(1)}" if suffix else name
