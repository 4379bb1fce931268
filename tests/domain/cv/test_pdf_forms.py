"""Filled-in PDF forms: values read where the page shows them (domain.cv.pdf_forms via read_pdf)."""
import io

import pypdf
import pytest

from domain.cv import errors
from domain.cv.layout import Run
from domain.cv.pdf_forms import CHECKED, FieldValue, form_values, value_runs
from domain.cv.pdf_reader import read_pdf
from tests.support import bad_pdfs as bad


@pytest.mark.parametrize("appearances", [True, False])
def test_form_values_read_on_their_labels_lines(appearances):
    pdf = read_pdf(bad.make_form_pdf(appearances=appearances))
    lines = pdf.text.split("\n")
    for label, value in bad.FORM_CV.items():
        assert f"{label} {value}" in lines
    assert "Skills: Python, SQL, Apache Spark, Airflow, Kubernetes" in lines
    assert "Built the data platform of a Berlin retailer" in lines
    assert "Languages: German" in lines
    assert pdf.source == "form" and pdf.pages == 1


def test_field_names_are_not_text_and_unticked_boxes_say_nothing():
    text = read_pdf(bad.make_form_pdf()).text
    assert "field0" not in text and "txtSkills" not in text and "chk" not in text and "lstLanguage" not in text
    lines = text.split("\n")
    ticked = next(line for line in lines if line.startswith("Driving licence"))
    assert ticked.split("   ") == [f"Driving licence {CHECKED}", "Relocation"]  # Relocation unticked: no mark
    assert "English" not in text and "French" not in text  # only the chosen option


def test_form_values_without_layout_follow_the_page_text(monkeypatch):
    from domain.cv import pdf_reader

    def unavailable(*_args):
        raise pdf_reader.LayoutUnavailable("test")
    monkeypatch.setattr(pdf_reader, "read_runs", unavailable)
    pdf = read_pdf(bad.make_form_pdf())
    assert pdf.text.index("Name:") < pdf.text.index("Anna Schmidt")
    assert "anna.schmidt@example.com" in pdf.text and pdf.lines == []
    assert pdf.source == "form"


def test_flattened_form_is_plain_text():
    pdf = read_pdf(bad.make_flattened_form_pdf())
    assert pdf.text.count("Anna Schmidt") == 1 and "anna.schmidt@example.com" in pdf.text
    assert pdf.source == "text"


def test_values_also_drawn_by_the_page_are_not_doubled():
    value = FieldValue(0, "Anna Schmidt", 130, 745, 430, 763, 11)
    drawn = Run("Anna Schmidt", 132, 200, 750, 760, 11)
    assert value_runs([value], [drawn]) == []
    assert [run.text for run in value_runs([value], [])] == ["Anna Schmidt"]


def test_value_moves_up_to_the_label_on_its_line():
    label = Run("Name:", 72, 102, 747.8, 758.8, 11)
    far_left = Run("Contact", 10, 40, 747.8, 758.8, 11)
    run, = value_runs([FieldValue(0, "Anna", 250, 745, 430, 763, 11)], [far_left, label])
    assert 102 < run.x0 < 110  # one word space after "Name:", not at the box 150 pt away


def test_form_values_order_and_kinds():
    reader = pypdf.PdfReader(io.BytesIO(bad.make_form_pdf()))
    values = form_values(reader, list(reader.pages))[0]
    assert [v.text for v in values][:4] == list(bad.FORM_CV.values())
    assert [v.top for v in values] == sorted((v.top for v in values), reverse=True)
    skills = next(v for v in values if v.text.startswith("Python"))
    assert skills.multiline and skills.size == 10


def test_pdf_without_form_has_no_values():
    from tests.support.pdf_factory import PERSONAS, make_cv_pdf
    reader = pypdf.PdfReader(io.BytesIO(make_cv_pdf(PERSONAS["python_dev_berlin"])))
    assert form_values(reader, list(reader.pages)) == {}


@pytest.mark.parametrize("stub", [True, False])
def test_xfa_form_without_values_is_refused_with_what_to_do(stub):
    with pytest.raises(errors.XfaFormError) as info:
        read_pdf(bad.make_xfa_form_pdf(stub=stub))
    assert info.value.code == "xfa_form"
    assert "XFA" in info.value.user_message and "Print" in info.value.user_message
