"""Garbled text layers told from real language (domain.cv.text_quality) and refused by read_pdf."""
from pathlib import Path

import pytest

from domain.cv import errors
from domain.cv.pdf_reader import read_pdf, read_pdf_text
from domain.cv.text_quality import garbled_reason, word_share
from tests.support import bad_pdfs as bad

CORPUS = sorted((Path(__file__).parents[2] / "corpus" / "pdfs").glob("*.pdf"))

SHORT_CVS = {
    "en": "Anna Schmidt\nData Engineer, Berlin\nanna@example.com · +49 30 1234 5678\nPython, SQL, AWS, K8s",
    "de": ("Jürgen Weiß\nSoftwareentwickler\nBerufserfahrung\n2019–2024 Entwicklung von Schnittstellen für die "
           "Buchhaltung bei der Müller GmbH in München\nKenntnisse: Java, Spring, Oracle, Jenkins, Git"),
    "fr": ("Hélène Delafontaine\nEnseignante de français\nExpérience professionnelle\nCollège Montchapet, Dijon "
           "— enseignement du français de la sixième à la troisième, projets d'écriture et théâtre"),
    "es": ("José Rodríguez Peña\nIngeniero de software\nExperiencia\nDesarrollo de aplicaciones móviles para "
           "la banca en Madrid; diseño de la arquitectura y migración a la nube"),
    "pt": ("João Gonçalves\nAnalista de dados\nExperiência profissional\nAnálise de vendas e previsão de "
           "procura para uma cadeia de lojas em Lisboa; relatórios em Power BI"),
    "it": ("Giulia Rossi\nProject manager\nEsperienza lavorativa\nGestione di progetti di trasformazione "
           "digitale per clienti del settore assicurativo a Milano e Torino"),
    "nl": ("Pieter van den Berg\nFinancieel analist\nWerkervaring\nOpstellen van maandrapportages en "
           "begrotingen voor de afdeling inkoop bij een groothandel in Utrecht"),
    "pl": ("Małgorzata Wróblewska\nKierownik projektu\nDoświadczenie zawodowe\nZarządzanie zespołem "
           "programistów, wdrożenie systemu rozliczeń w Łodzi i Szczecinie; współpraca z klientami"),
    "cs": ("Kateřina Dvořáková\nVedoucí účetního oddělení\nPracovní zkušenosti\nZodpovědnost za měsíční "
           "uzávěrky, přípravu daňových přiznání a spolupráci s auditory v Brně"),
    "tr": ("Ayşe Yılmaz\nYazılım geliştirici\nİş deneyimi\nİstanbul'da bir e-ticaret şirketinde ödeme "
           "sistemlerinin geliştirilmesi ve bakımı; ekip çalışması, müşteri görüşmeleri"),
    "skills": ("SKILLS\nSQL · AWS · GCP · K8s · CI/CD · ETL · REST · gRPC · HTML5 · CSS3 · TS · JS · PHP\n"
               "Terraform, Ansible, Jenkins, Grafana, Prometheus, Kafka, Redis, MySQL, PostgreSQL, MongoDB\n"
               "AWS EC2 S3 RDS IAM VPC EKS ECS SQS SNS · GCP GKE BQ · Azure AKS"),
    "contacts": ("anna.kowalska@example.com\nhttps://github.com/akowalska\nhttps://www.linkedin.com/in/anna-kowalska-123\n"
                 "+48 601 234 567\nhttps://akowalska.dev/portfolio/projects\nul. Piotrkowska 12/4, 90-001 Łódź"),
    "russian": ("Анна Иванова\nИнженер-программист\nОпыт работы\nРазработка backend-сервисов на Python и Go "
                "для платёжной системы банка в Москве"),
}


@pytest.mark.parametrize("kind", sorted(SHORT_CVS))
def test_real_short_cvs_are_not_garbled(kind):
    assert garbled_reason(SHORT_CVS[kind]) is None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_no_real_cv_in_the_corpus_is_called_garbled(path):
    data = path.read_bytes()
    assert garbled_reason(read_pdf_text(data)) is None
    assert read_pdf(data).text  # read_pdf applies the check itself: it must not raise
    share = word_share(read_pdf_text(data))
    assert share is None or share >= 0.85  # far from the 0.7 threshold, not just over it


def test_corpus_is_there():
    assert len(CORPUS) >= 48


def _shift(text: str, by: int) -> str:
    out = []
    for ch in text:
        for first in ("a", "A"):
            if first <= ch <= chr(ord(first) + 25):
                ch = chr((ord(ch) - ord(first) + by) % 26 + ord(first))
                break
        out.append(ch)
    return "".join(out)


def _mac_order(text: str) -> str:
    """Glyph ids of the TrueType standard glyph order read as WinAnsi: 29 code points down."""
    return "".join(ch if ch.isspace() or not 32 < ord(ch) < 127 else chr(max(ord(ch) - 29, 1)) for ch in text)


@pytest.mark.parametrize("kind", ["de", "fr", "es", "pt", "it", "nl", "pl"])
@pytest.mark.parametrize("by", [1, 2, 3, 13, 25])
def test_shifted_letters_are_garbled(kind, by):
    text = "\n".join([SHORT_CVS[kind]] * 2)
    assert garbled_reason(_shift(text, by)).startswith("no words form")


def test_mac_glyph_order_text_is_garbled():
    text = "\n".join(SHORT_CVS[k] for k in ("de", "fr", "es"))
    assert garbled_reason(_mac_order(text)) is not None  # "$QQD 6FKPLGW"


def test_unmapped_characters_are_garbled():
    assert garbled_reason("\x01\x02\x02\x03 \x04\x05\x06\x07\x08\x09\x0e\x0f " * 6).startswith("unmapped")
    assert garbled_reason("\uf041\uf06e\uf06e\uf061 \uf053\uf063\uf068\uf06d " * 6).startswith("unmapped")
    assert garbled_reason("\ufffd" * 30 + " Anna Schmidt " + "\ufffd" * 30).startswith("unmapped")


def test_a_few_icons_are_not_garbage():
    text = SHORT_CVS["de"].replace("\n", "\n\uf0b7 ")  # a bullet from a symbol font on every line
    assert garbled_reason(text) is None


@pytest.mark.parametrize("soup", [
    "/g36/g81/g81/g68 /g54/g70/g75/g80/g76/g71/g87 /g39/g68/g87/g68 /g40/g81/g74/g76/g81/g72/g72/g85 " * 3,
    "(cid:36)(cid:81)(cid:81)(cid:68) (cid:54)(cid:70)(cid:75)(cid:80)(cid:76)(cid:71)(cid:87) " * 3,
    "/uni0041/uni006E/uni006E/uni0061 /uni0053/uni0063/uni0068/uni006D/uni0069/uni0064/uni0074 " * 3,
    "/A/n/n/a /S/c/h/m/i/d/t /D/a/t/a /E/n/g/i/n/e/e/r /B/e/r/l/i/n " * 3,
])
def test_glyph_name_soup_is_garbled(soup):
    assert garbled_reason(soup).startswith("glyph names")


def test_paths_and_a_digit_glyph_name_are_no_soup():
    text = SHORT_CVS["en"] + "\nDeployed to /usr/local/bin and /etc/nginx; since /two.pnum/zero.pnum/one.pnum/nine.pnum"
    assert garbled_reason(text) is None


def test_too_short_to_judge():
    assert garbled_reason("$QQD 6FKPLGW") is None
    assert garbled_reason("") is None


def test_pdf_without_tounicode_is_refused_with_its_page_count():
    with pytest.raises(errors.GarbledTextError) as info:
        read_pdf(bad.make_no_tounicode_pdf(pages=2))
    assert info.value.code == "garbled_text" and info.value.pages == 2
    assert info.value.detail.startswith("unmapped characters")


def test_pdf_whose_unicode_map_shifts_letters_is_refused():
    with pytest.raises(errors.GarbledTextError) as info:
        read_pdf(bad.make_shifted_tounicode_pdf())
    assert info.value.pages == 1 and info.value.detail.startswith("no words form")


def test_same_font_with_its_unicode_map_reads():
    pdf = read_pdf(bad._cid_font_cv())
    assert "anna.schmidt@example.com" in pdf.text and "Łódź" in pdf.text
