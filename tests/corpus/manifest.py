"""Which person is rendered by which producer, in which layout: one row per corpus PDF.

Rows are ``(person id, producer, layout, options)``. Producers: ``moderncv``, ``europasscv``, ``curve``,
``simplecv`` (LaTeX; options ``engine`` and, for moderncv, ``style``), ``rendercv`` (``theme``,
``headline``), ``docx`` (python-docx → LibreOffice) and ``html`` (Chromium print).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    person: str
    producer: str
    layout: str
    options: dict = field(default_factory=dict)

    @property
    def file_id(self) -> str:
        detail = "-".join(str(v) for k, v in sorted(self.options.items()) if k != "headline")
        return "__".join(x for x in (self.person, self.producer, detail or self.layout) if x)


def _mcv(person, style, engine):
    return Row(person, "moderncv", "one_column", {"style": style, "engine": engine})


def _tex(person, producer, engine, layout="one_column"):
    return Row(person, producer, layout, {"engine": engine})


def _rcv(person, theme, headline=True):
    return Row(person, "rendercv", "one_column", {"theme": theme, "headline": headline})


ROWS = [
    _mcv("en_whitaker", "classic", "pdflatex"), _mcv("de_meissner", "banking", "xelatex"),
    _mcv("de_meissner", "classic", "lualatex"), _mcv("fr_lefebvre", "casual", "lualatex"),
    _mcv("it_rossi", "classic", "lualatex"), _mcv("es_garcia", "banking", "pdflatex"),
    _mcv("pt_dasilva", "casual", "xelatex"), _mcv("nl_vandenberg", "classic", "xelatex"),
    _mcv("de_huber", "fancy", "pdflatex"), _mcv("en_mcdonald", "oldstyle", "lualatex"),
    _tex("en_oconnor", "europasscv", "pdflatex", "europass"), _tex("de_strauss", "europasscv", "pdflatex", "europass"),
    _tex("fr_benali", "europasscv", "xelatex", "europass"), _tex("it_marasescu", "europasscv", "lualatex", "europass"),
    _tex("es_ortega", "europasscv", "pdflatex", "europass"),
    _tex("en_patel", "curve", "xelatex"), _tex("es_rodriguez", "curve", "pdflatex"),
    _tex("pt_sousa", "simplecv", "pdflatex"), _tex("de_schneider", "simplecv", "lualatex"),
    _rcv("en_harris", "classic"), _rcv("de_vonahlen", "sb2nov"), _rcv("fr_martin", "moderncv"),
    _rcv("es_torres", "engineeringresumes", False), _rcv("pt_ferreira", "engineeringclassic", False),
    _rcv("it_desantis", "classic", False), _rcv("en_kowalska", "sb2nov"), _rcv("de_vonstein", "moderncv"),
    _rcv("it_romano", "engineeringresumes"),
    Row("en_lopez", "docx", "one_column"), Row("de_wroblewski", "docx", "one_column"),
    Row("fr_dupont", "docx", "one_column"), Row("es_navarro", "docx", "table"), Row("it_bianchi", "docx", "table"),
    Row("pt_almeida", "docx", "table"), Row("en_nielsen", "docx", "sidebar"), Row("de_dvorakova", "docx", "sidebar"),
    Row("nl_devries", "docx", "sidebar"), Row("de_keller", "docx", "bundle"),
    Row("en_brooks", "html", "bundle"), Row("fr_peeters", "html", "bundle"),
    Row("en_lopez", "html", "two_column"), Row("fr_delafontaine", "html", "two_column"),
    Row("it_ferrari", "html", "two_column"), Row("es_morales", "html", "sidebar"), Row("pt_costa", "html", "sidebar"),
    Row("de_wroblewski", "html", "sidebar"), Row("pt_oliveira", "html", "one_column"),
    Row("it_bianchi", "html", "one_column"),
]
