"""Bullet glyphs at the start of a CV list item, as text layers give them.

Word and LibreOffice draw bullets with symbol fonts (Symbol, Wingdings) whose glyphs come out of
the text layer as private-use characters ("\\uf0b7", "\\uf0a7", "\\uf0d8"), as dingbats and arrows
("➢", "➤", "❖", "✓"), geometric shapes ("▪", "◦", "●", "◆") or, without the font's mapping, as the
plain letter the glyph sits on: Wingdings "l" is "●", "n" is "■", "q" is "❑", "v" is "❖", "ü" is "✓",
"Ø" is "➢", "§" is "▪" (Unicode Wingdings mapping, unicode.org/L2/L2011/11052r-wingding.pdf). So a single
lower-case letter (or Ø, §) and a space before a capitalised item ("f Arzneimittelberatung") is a bullet.
"""
from __future__ import annotations

import re

# Dash and star-like marks, dingbats (U+2700-27BF), arrows (U+2190-21FF), geometric shapes
# (U+25A0-25FF), miscellaneous symbols (U+2600-26FF), bullets and the private-use area.
GLYPHS = r"\-*•·‣⁃∙>»→⇒\u2190-\u21ff\u25a0-\u25ff\u2600-\u26ff\u2700-\u27bf\ue000-\uf8ff"
_GLYPH_BULLET = re.compile(r"^[\s" + GLYPHS + r"]+")
# A stray letter left by a symbol font's bullet: one lower-case letter, Ø or §, then a capital.
_LETTER_BULLET = re.compile(r"^(?:[^\W\dA-Z_À-Þ]|[Ø§])\s+(?=[A-ZÀ-Þ])")


def strip_bullet(text: str) -> str:
    """``text`` without the bullet at its start ("➢ Python" -> "Python", "f Arzneimittelberatung" ->
    "Arzneimittelberatung", "\\uf0b7 SAP EWM" -> "SAP EWM"); other text is returned stripped."""
    text = _GLYPH_BULLET.sub("", text.strip())
    return _LETTER_BULLET.sub("", text, count=1)


def starts_with_bullet(text: str) -> bool:
    """True when ``text`` starts with a bullet glyph or a symbol font's stray bullet letter."""
    stripped = text.strip()
    return bool(stripped) and strip_bullet(stripped) != stripped
