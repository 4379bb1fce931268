"""Is a PDF's text layer real language, or the garbage a font without a Unicode map gives?

A PDF draws glyphs; which letters they are comes from the font's ``/ToUnicode`` CMap or, for
simple fonts, its encoding (PDF 32000-1:2008 §9.10.2). When both are missing or wrong the
text layer still has text, but not the letters on the page, and the reader must send the
pages to OCR instead of building an empty profile from it. ``garbled_reason`` recognises the
three ways this shows, in the order it checks them:

1. **Unmapped characters.** Identity-H CID fonts without ToUnicode give the glyph ids
   themselves, which for subset fonts numbered in order of use are control characters and
   low punctuation (``\\x01\\x02\\x02\\x03`` for "Anna"); symbolic TrueType fonts give
   private-use code points (U+F000 + code, as PDFium and pdf.js map them); extractors give
   U+FFFD for what they cannot map. A text layer made mostly of these is no text.
2. **Glyph-name soup.** Extractors that fall back to glyph names print them: ``/g123``,
   ``/uni00E9``, ``/two.pnum`` (pypdf), ``(cid:72)`` (pdfminer.six's notation for an
   unmapped CID), ``cid123`` or ``glyph123``. ``domain.cv.repair.glyph_name_digits``
   turns the pdfTeX digit and punctuation names back into characters first; what is left
   here is names of letters.
3. **No words form.** A font whose codes are glyph ids in the TrueType standard (Macintosh)
   glyph order, read as WinAnsi, gives letters shifted by 29 code points ("Anna" -> "$QQD"),
   and a wrong ``/Differences`` or CMap shifts or permutes letters within the alphabet.
   The characters are ordinary letters, so only language can tell: the share of words whose
   letter pairs are pairs that Latin-script European languages use. The rules follow the
   garbage-string detector of Taghva, Nartker, Condit & Borsack, "Automatic removal of
   'garbage strings' in OCR text: an implementation" (SCI 2001) — strings without vowels, or
   with letter pairs no language has, are garbage — with the letter pairs taken from a
   character-bigram table as in Cavnar & Trenkle's n-gram text categorisation (1994).

The bigram table (``_BIGRAMS``) holds the letter pairs that make up 99 % of the pairs in the
real CVs of ``tests/corpus`` (German, English, French, Spanish, Portuguese, Italian, Dutch)
plus a few sentences of Polish, Czech and Turkish CV vocabulary, with diacritics folded to
their base letters (``Łódź`` -> ``lodz``), so it holds no language's rare pairs but every
common pair of any of them. It was checked on half of the corpus with a table built from
the other half: the held-out CVs scored 0.92-1.0 word share; the corpus texts with letters
shifted by 1, 2, 3, 13 or 25 or in the Macintosh glyph order scored at most 0.53, and of
1,440 random letter permutations one scored over ``WORD_SHARE`` (0.72). With the full table
every corpus CV scores 0.95 or more (tests/domain/cv/test_text_quality.py asserts >= 0.85).

Short texts and texts of acronyms, e-mail addresses, URLs and numbers are never judged by
language: pieces of at most ``_ACRONYM_MAX`` capitals (SQL, AWS, GCP) are left out unless
the text has almost no lower-case letters (shifted garbage is upper-case), addresses and
numbers are skipped, and at least ``MIN_WORDS`` words must be judged.
"""
from __future__ import annotations

import re
import unicodedata

from domain.cv.repair import glyph_name_digits

MIN_CHARS = 40  # non-space characters below which nothing is judged (a name and an e-mail)
UNMAPPED_SHARE = 0.2  # icon fonts put a few PUA glyphs in real CVs (≈1-2 %); garbage is most of it
GLYPH_NAME_SHARE = 0.3
MIN_WORDS = 12  # words judged by language, fewer is no evidence either way
WORD_SHARE = 0.7  # real CVs score 0.92-1.0 (names and jargon included), shifted letters under 0.55
_ACRONYM_MAX = 5
_UPPER_TEXT = 0.1  # lower-case share of letters under which acronyms are judged as words too

_SPACES = frozenset(" \n\r\t")
_GLYPH_NAME_RE = re.compile(
    r"\(cid:\d+\)"  # pdfminer.six
    r"|(?<![\w/.:])(?:/(?:(?:g|G|glyph|gid|cid|index|c)\d{1,5}|uni[0-9A-F]{4,8}|u[0-9A-F]{4,6})(?:\.\w+)?)+(?!\w)"
    r"|(?<![\w/.:])(?:/[A-Za-z][\w.]*){3,}"  # /A/n/n/a: names of letters one after another
    r"|\b(?:cid|gid|glyph):?\d+\b"
)
_EDGE = "\"'()[]{}<>«»“”„‘’‚‹›,.;:!?¡¿*•·–—-_/|…"
_ADDRESS_RE = re.compile(r"@|://|^www\.|\.(?:com|org|net|io|de|fr|es|it|nl|pt|pl|eu|uk|dev|ch|at)\b", re.IGNORECASE)
_PIECE_RE = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouy")
_FOLD = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
                       "ð": "d", "ŀ": "l"})

# Letter pairs (diacritics folded) of Latin-script European CV text; see the module docstring.
_BIGRAMS = frozenset(["aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai", "ak", "al", "am", "an", "ao", "ap", "ar", "as", "at", "au", "av", "aw", "ax", "ay", "az", "ba", "bc", "be", "bh", "bi", "bl", "bo", "br", "bs", "bu", "ca", "cc", "ce", "ch", "ci", "ck", "cl", "cn", "co", "cr", "cs", "ct", "cu", "cy", "cz", "da", "dc", "dd", "de", "dh", "di", "dl", "dm", "dn", "do", "dp", "dr", "ds", "du", "dz", "ea", "eb", "ec", "ed", "ee", "ef", "eg", "eh", "ei", "ej", "ek", "el", "em", "en", "eo", "ep", "er", "es", "et", "eu", "ev", "ew", "ex", "ey", "ez", "fa", "fe", "fi", "fl", "fo", "fr", "fs", "ft", "fu", "ga", "ge", "gg", "gh", "gi", "gl", "gm", "gn", "go", "gr", "gu", "ha", "he", "hi", "hl", "hn", "ho", "hr", "ht", "hu", "hy", "ia", "ib", "ic", "id", "ie", "if", "ig", "ij", "ik", "il", "im", "in", "io", "ip", "iq", "ir", "is", "it", "iu", "iv", "ix", "iz", "ja", "je", "jo", "js", "ju", "ka", "ke", "ki", "kl", "ko", "kr", "ks", "kt", "ku", "la", "lc", "ld", "le", "li", "ll", "ln", "lo", "ls", "lt", "lu", "ly", "ma", "mb", "me", "mi", "ml", "mm", "mo", "mp", "ms", "mu", "na", "nc", "nd", "ne", "nf", "ng", "nh", "ni", "nk", "nl", "nn", "no", "np", "ns", "nt", "nu", "nv", "nz", "oa", "ob", "oc", "od", "oe", "of", "og", "oi", "oj", "ok", "ol", "om", "on", "oo", "op", "or", "os", "ot", "ou", "ov", "ow", "oy", "oz", "pa", "pd", "pe", "pf", "ph", "pi", "pl", "po", "pp", "pr", "ps", "pt", "pu", "py", "ql", "qu", "ra", "rb", "rc", "rd", "re", "rf", "rg", "rh", "ri", "rk", "rl", "rm", "rn", "ro", "rp", "rr", "rs", "rt", "ru", "rv", "rz", "sa", "sb", "sc", "se", "sh", "si", "sk", "sm", "sn", "so", "sp", "sq", "ss", "st", "su", "sw", "sy", "sz", "ta", "te", "th", "ti", "tl", "tm", "tn", "to", "tp", "tr", "ts", "tt", "tu", "tw", "ty", "ua", "ub", "uc", "ud", "ue", "uf", "ug", "ui", "uk", "ul", "um", "un", "up", "ur", "us", "ut", "ux", "uz", "va", "ve", "vi", "vn", "vo", "vr", "vy", "vz", "wa", "wd", "we", "wi", "wm", "wn", "wo", "wr", "ws", "wy", "xa", "xc", "xi", "xp", "ya", "yf", "yi", "yk", "yo", "yp", "ys", "yt", "yv", "za", "zd", "ze", "zi", "zk", "zn", "zo", "zp", "zt", "zw", "zy", "zz"])


def garbled_reason(text: str) -> str | None:
    """Why ``text`` is no real language, or None when it looks like one.

    The reason is a short English phrase for logs ("unmapped characters: 83 % private-use,
    control or U+FFFD"). Pure function of the text; about 0.5 ms for a two-page CV.
    """
    visible = [ch for ch in text if ch not in _SPACES]
    if len(visible) < MIN_CHARS:
        return None
    unmapped = sum(_unmapped(ch) for ch in visible)
    if unmapped > UNMAPPED_SHARE * len(visible):
        return f"unmapped characters: {unmapped / len(visible):.0%} private-use, control or U+FFFD"
    named = sum(len(m.group(0)) for m in _GLYPH_NAME_RE.finditer(glyph_name_digits(text)))
    if named > GLYPH_NAME_SHARE * len(visible):
        return f"glyph names instead of letters: {named / len(visible):.0%} of the text"
    share = word_share(text)
    if share is not None and share < WORD_SHARE:
        return f"no words form: {share:.0%} of the words have letter pairs of a language"
    return None


def word_share(text: str) -> float | None:
    """Share of the text's Latin-script words (letter runs of three or more, diacritics
    folded; other scripts are not judged) that have
    a vowel and at most one letter pair in five outside ``_BIGRAMS``; None when fewer than
    ``MIN_WORDS`` words can be judged."""
    letters = [ch for ch in text if ch.isalpha()]
    upper_text = sum(ch.islower() for ch in letters) < _UPPER_TEXT * len(letters)
    judged = good = 0
    for token in text.split():
        token = token.strip(_EDGE)
        if not token or _ADDRESS_RE.search(token):
            continue
        for piece in _PIECE_RE.findall(token):
            folded = _fold(piece)
            if not folded.isascii() or len(folded) < 3 or (not upper_text and piece.isupper() and len(piece) <= _ACRONYM_MAX):
                continue
            judged += 1
            good += _plausible(folded)
    if judged < MIN_WORDS:
        return None
    return good / judged


def _plausible(word: str) -> bool:
    if not _VOWELS.intersection(word):
        return False
    pairs = [word[i:i + 2] for i in range(len(word) - 1)]
    missing = sum(pair not in _BIGRAMS for pair in pairs)
    return missing <= max(1, len(pairs) // 5)


def _fold(word: str) -> str:
    word = word.lower().translate(_FOLD)
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _unmapped(ch: str) -> bool:
    """Private use, control (other than line breaks and tabs), unassigned, surrogate, U+FFFD."""
    return ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc", "Cn", "Cs")
