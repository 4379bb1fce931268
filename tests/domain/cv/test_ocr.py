"""OCR of scans and photos: orientation, skew, reading order, page caps and unreadable scans.

Inputs are corpus CVs (tests/corpus) rendered and degraded by ``tests/support/scans.py``;
fields are checked through ``profile_from_text`` as the product does. Each OCR'd page costs
2-3 s, so the pages are few and small (150 dpi where orientation alone is under test); the
accuracy over more files is ``test_scan_accuracy.py``'s and ``bench/ocr_accuracy.py``'s.
"""
from __future__ import annotations

import math
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from domain.cv import ocr
from domain.cv.errors import (
    CorruptPdfError,
    NoTextInImageError,
    OcrUnavailableError,
    PoorScanError,
    ScanTooLongError,
    TooManyPagesError,
    UnsupportedScriptError,
)
from domain.cv.fields import profile_from_text
from domain.cv.layout import SEGMENT_GAP
from domain.cv.ocr import estimate_skew, lay_out, ocr_page, read_image, read_scanned_pdf
from tests.corpus.measure import load_answers, pdf_path
from tests.support import scans

ANSWERS = load_answers()


def _corpus_page(file_id: str, dpi: int = 300) -> Image.Image:
    return scans.render_page(pdf_path(file_id).read_bytes(), dpi=dpi)


def _blank_scan(seed: int = 0) -> Image.Image:
    """An empty A4 page at 150 dpi through the scanner: paper grey, noise, dust specks."""
    return scans.scanner(Image.new("RGB", (1240, 1754), "white"), seed=seed, angle=1.0)


def _assert_fields(text, large_lines, file_id: str, *, min_skills: int) -> None:
    answer = ANSWERS[file_id]
    profile = profile_from_text(text, large_lines=large_lines)
    assert profile.name == answer["name"]
    assert profile.email == answer["email"]
    expected = {skill.casefold() for skill in answer["skills"]}
    found = {skill.casefold() for skill in profile.skills} & expected
    assert len(found) >= min_skills, (sorted(found), sorted(expected))


# --- the engine ----------------------------------------------------------------------------------

def test_engine_loads_the_models_shipped_in_the_wheel_without_network(monkeypatch):
    import rapidocr

    package = Path(rapidocr.__file__).resolve().parent
    paths = ocr.model_paths()
    assert all(path.resolve().is_relative_to(package) and path.is_file() for path in paths.values())

    def no_network(*args, **kwargs):
        raise AssertionError(f"OCR engine tried to open a connection: {args}")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)

    engine = ocr._create_engine()  # a fresh one: models loaded and run once on a blank image

    assert engine.cfg.Global.use_cls is False  # the line classifier flips clean lines
    assert Path(engine.cfg.Det.model_path) == paths["det"] and Path(engine.cfg.Rec.model_path) == paths["rec"]


def test_missing_engine_is_ocr_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # what ``import rapidocr`` meets when not installed
    monkeypatch.setattr(ocr, "_engine", None)

    with pytest.raises(OcrUnavailableError) as caught:
        ocr_page(_blank_scan())

    assert caught.value.code == "ocr_unavailable"


# --- whole documents -----------------------------------------------------------------------------

def test_skewed_two_column_scan_reads_fields_in_column_order():
    """A two-column CV scanned 2.5° askew, and a blank second page, in an image-only PDF."""
    file_id = "en_lopez__html__two_column"
    pdf = scans.as_pdf([scans.scanner(_corpus_page(file_id, dpi=200), angle=2.5, quality=None), _blank_scan()],
                       dpi=200)
    calls = []

    text = read_scanned_pdf(pdf, on_page=lambda page, pages: calls.append((page, pages)))

    assert calls == [(1, 2), (2, 2)]
    assert text.source == "scan" and text.pages == 2
    assert text.large_lines[0] == "Maria T. Lopez"
    _assert_fields(text.text, text.large_lines, file_id, min_skills=8)
    # The skills column is read as one list, not interleaved with the experience beside it.
    lines = text.text.split("\n")
    skills = [lines.index(skill) for skill in ("Python", "PyTorch", "CUDA", "pandas")]
    assert skills == list(range(skills[0], skills[0] + 4))
    assert lines.index("PROFILE") < lines.index("WORK EXPERIENCE") < lines.index("EDUCATION")


def test_phone_photo_with_perspective_reads_fields():
    """Polish and German letters (ł, ó, ü) survive a hand-held photo's warp, light and JPEG."""
    file_id = "de_wroblewski__docx__one_column"
    photo = scans.as_jpeg(scans.phone_photo(_corpus_page(file_id)), quality=80)
    calls = []

    text = read_image(photo, on_page=lambda page, pages: calls.append((page, pages)))

    assert calls == [(1, 1)]
    assert text.source == "photo" and text.pages == 1
    _assert_fields(text.text, text.large_lines, file_id, min_skills=4)
    assert "Elektroniker für Betriebstechnik" in text.text


@pytest.mark.parametrize("turn, encode", ids=["grey-png-90", "heic-180"], argvalues=[
    (90, lambda page: scans.as_png(page.convert("L"))),  # sideways, lines bottom to top, a grey scan
    (180, scans.as_heic),  # upside down, as an iPhone photo
])
def test_turned_page_is_read_upright(turn, encode):
    file_id = "it_ferrari__html__two_column"
    page = scans.rotated(scans.scanner(_corpus_page(file_id, dpi=150), angle=0.0, quality=None), turn)

    text = read_image(encode(page))

    _assert_fields(text.text, text.large_lines, file_id, min_skills=5)


def test_page_read_reports_its_turn_and_skew():
    """``ocr_page``'s own account: turned back by the right angle, skew measured."""
    file_id = "fr_dupont__docx__one_column"
    # Sideways the other way from the test above: lines run top to bottom (a JPEG this time).
    page = scans.rotated(scans.scanner(_corpus_page(file_id, dpi=150), angle=-2.0), 270)

    read = ocr_page(page)

    assert read.rotation == 270  # turned 270° counter-clockwise: read after 270° clockwise
    # Pillow's angle is counter-clockwise; after the turn back the lines fall to the right.
    assert read.skew == pytest.approx(2.0, abs=0.6)
    assert read.confidence > 0.9 and read.letters > 300
    assert read.large_lines[0] == "Jean-Baptiste Dupont"
    assert read.lines[0].text == "Jean-Baptiste Dupont" and read.lines[0].size > 1.5 * read.lines[3].size


@pytest.mark.parametrize("page", [
    _blank_scan(),
    scans.scanner(Image.effect_noise((1240, 1754), 90).convert("RGB"), angle=0.0),  # grain only
], ids=["blank", "noise"])
def test_page_without_text_is_no_text_not_a_poor_scan(page):
    with pytest.raises(NoTextInImageError) as caught:
        read_image(scans.as_jpeg(page))

    assert caught.value.code == "no_text_in_image"
    assert isinstance(caught.value, PoorScanError)  # callers that catch poor scans still catch it


def _font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans (Latin, Cyrillic and Arabic glyphs), found by fontconfig: no such font on
    the machine is a failure here, not a skip."""
    path = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans:style=Book"], capture_output=True, text=True,
                          check=True).stdout
    assert path.endswith("DejaVuSans.ttf"), f"DejaVu Sans is needed to draw the script pages; fc-match gave {path!r}"
    return ImageFont.truetype(path, size)


_CV_LINES = {
    "cyrillic": ["Иван Петров", "Инженер-программист, Москва", "+7 912 345 67 89", "ivan.petrov@example.ru",
                 "ОПЫТ РАБОТЫ", "Ведущий разработчик, ООО «Технологии», 2018–2024",
                 "Разработка серверных сервисов на Python и Go", "Проектирование баз данных PostgreSQL",
                 "ОБРАЗОВАНИЕ", "Московский государственный университет, 2014", "НАВЫКИ",
                 "Python, Go, Kubernetes, Docker", "Языки: русский, английский"],
    "arabic": ["أحمد علي", "مهندس برمجيات، القاهرة", "+20 100 123 4567", "الخبرة العملية",
               "مطور أول في شركة التقنية من 2018 إلى 2024", "تطوير خدمات الخادم باستخدام بايثون",
               "تصميم قواعد البيانات", "التعليم", "جامعة القاهرة، 2014", "المهارات", "بايثون، جو، دوكر"],
    "latin": ["Jean Dupont", "Ingénieur logiciel, Paris", "+33 6 12 34 56 78", "jean.dupont@example.fr",
              "EXPÉRIENCE", "Développeur principal, Société Générale, 2018–2024",
              "Services serveur en Python et Go", "Bases de données PostgreSQL", "FORMATION",
              "École Polytechnique, 2014", "COMPÉTENCES", "Python, Go, Kubernetes, Docker"],
}


def _typed_cv(script: str) -> Image.Image:
    """A CV page typed in ``script`` at 150 dpi, its name large, as a photo of it would read."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    lines = _CV_LINES[script]
    draw.text((100, 100), lines[0], font=_font(56), fill="black")
    for row, line in enumerate(lines[1:] * 2):
        draw.text((100, 220 + row * 50), line, font=_font(26), fill="black")
    return page


@pytest.mark.parametrize("script", ["cyrillic", "arabic"])
def test_cv_in_another_script_is_refused_as_such(script):
    """The recogniser reads Latin: a Cyrillic CV's e-mail and skills alone once made a "ready"
    profile, and Arabic got the advice to take the photo in better light."""
    with pytest.raises(UnsupportedScriptError) as caught:
        read_image(scans.as_png(_typed_cv(script)))

    assert caught.value.code == "unsupported_script"


def test_the_same_cv_typed_in_latin_letters_is_read():
    """The control for the test above: the same page, font and size in French is read."""
    text = read_image(scans.as_png(_typed_cv("latin")))

    assert "jean.dupont@example.fr" in text.text and "Ingénieur logiciel, Paris" in text.text


def test_turned_page_is_not_read_again_after_the_deadline():
    """A sideways page is read once as it is; its second (turned) reading waits for the budget."""
    page = scans.rotated(_typed_cv("latin"), 90)

    started = time.monotonic()
    with pytest.raises(ScanTooLongError):
        ocr_page(page, deadline=started)
    alone = ocr_page(_typed_cv("latin"), deadline=started)  # upright: one reading, the deadline unneeded

    assert alone.rotation == 0 and alone.letters > 200


def test_too_many_scanned_pages_are_refused_before_reading():
    pdf = scans.as_pdf([Image.new("RGB", (620, 877), "white")] * 7, dpi=75)
    calls = []

    with pytest.raises(TooManyPagesError) as caught:
        read_scanned_pdf(pdf, max_pages=5, on_page=lambda page, pages: calls.append(page))

    assert caught.value.code == "too_many_pages"
    assert "7 scanned pages" in caught.value.user_message and "up to 5 scanned pages" in caught.value.user_message
    assert calls == []


def test_time_budget_is_checked_between_pages():
    pdf = scans.as_pdf([_blank_scan(1), _blank_scan(2)], dpi=150)
    calls = []

    with pytest.raises(ScanTooLongError):
        read_scanned_pdf(pdf, time_budget=0.0, on_page=lambda page, pages: calls.append(page))

    assert calls == [1]  # the first page is always read; the budget stops the second


def test_damaged_pdf_is_corrupt():
    pdf = scans.as_pdf([_blank_scan()], dpi=150)

    with pytest.raises(CorruptPdfError):
        read_scanned_pdf(pdf[:200])


# --- geometry, without the engine ----------------------------------------------------------------

def _quad(x0: float, y0: float, x1: float, y1: float, angle: float, centre: tuple[float, float]):
    """An axis-aligned box turned ``angle`` degrees clockwise (y down) about ``centre``."""
    theta = math.radians(angle)
    cx, cy = centre

    def turn(x, y):
        dx, dy = x - cx, y - cy
        return cx + dx * math.cos(theta) - dy * math.sin(theta), cy + dx * math.sin(theta) + dy * math.cos(theta)
    return [turn(x0, y0), turn(x1, y0), turn(x1, y1), turn(x0, y1)]


def _skewed_page(angle: float):
    """A 2000 × 2800 px page: a name across the top, then a sidebar (x 100-500) beside a main column
    (x 700-1900) whose lines are each two boxes with a word gap between them, all turned."""
    size, centre = (2000, 2800), (1000, 1400)
    boxes, texts = [_quad(100, 150, 1500, 260, angle, centre)], ["Anna Example"]
    for row in range(12):
        top = 400 + row * 70
        boxes.append(_quad(100, top, 400, top + 45, angle, centre))
        texts.append(f"side {row}")
        boxes += [_quad(700, top, 1250, top + 45, angle, centre), _quad(1290, top, 1900, top + 45, angle, centre)]
        texts += [f"main {row} left", f"main {row} right"]
    return boxes, texts, size


@pytest.mark.parametrize("angle", [0.0, 3.0, -3.0])
def test_boxes_are_ordered_by_their_deskewed_centres(angle):
    boxes, texts, size = _skewed_page(angle)

    skew = estimate_skew(boxes)
    lines, large = lay_out(boxes, texts, size, skew=skew)

    assert skew == pytest.approx(angle, abs=0.01)
    assert [line.text for line in lines] == (
        ["Anna Example"] + [f"side {row}" for row in range(12)]
        + [f"main {row} left{SEGMENT_GAP}main {row} right" for row in range(12)])
    assert large[0] == "Anna Example"
    assert lines[0].size > 2 * lines[1].size and lines[0].y < lines[1].y


def test_skewed_boxes_read_without_deskewing_interleave():
    """The check above could not fail if skew did not matter: at 3° a line's right half
    drops into the next line's row when not turned back."""
    boxes, texts, size = _skewed_page(3.0)

    lines, _ = lay_out(boxes, texts, size, skew=0.0)

    assert f"main 0 left{SEGMENT_GAP}main 0 right" not in [line.text for line in lines]
    assert "main 0 left" in [line.text for line in lines]


def test_name_over_two_lines_is_one_large_line_despite_box_heights():
    """"CARMEN" / "MORALES" in one font: their boxes differ by a few pixels, as OCR boxes do;
    snapped to one size, the layout joins them in order, as it does for a text PDF."""
    size = (2000, 2828)
    boxes = [[(150, 150), (520, 150), (520, 233), (150, 233)], [(151, 242), (600, 242), (600, 329), (151, 329)]]
    boxes += [[(150, 420 + i * 60), (700, 420 + i * 60), (700, 460 + i * 60), (150, 460 + i * 60)] for i in range(6)]
    texts = ["CARMEN", "MORALES"] + [f"line {i}" for i in range(6)]

    lines, large = lay_out(boxes, texts, size)

    assert lines[0].size == lines[1].size
    assert large[0] == "CARMEN MORALES"
