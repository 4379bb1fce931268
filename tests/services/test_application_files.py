"""The four files of an application: the record's columns, REST names and the names a person receives."""
from __future__ import annotations

import pytest

from services.application_files import APPLICATION_FILES, download_name
from storage.models import Application

JOB = {"job_id": "j1", "title": "Python-Entwickler (m/w/d)", "company_name": "Müller & Söhne GmbH",
       "location": "Wien"}


def test_there_is_one_entry_per_file_column_of_the_record():
    assert tuple(file.field for file in APPLICATION_FILES) == Application.FILE_FIELDS
    assert [file.url_field for file in APPLICATION_FILES] == [
        "document_url", "docx_url", "tailored_cv_url", "tailored_cv_docx_url"]


@pytest.mark.parametrize("job, names", [
    (JOB, ["application-muller-sohne-gmbh-python-entwickler-m-w-d.pdf",
           "application-muller-sohne-gmbh-python-entwickler-m-w-d.docx",
           "cv-muller-sohne-gmbh-python-entwickler-m-w-d.pdf", "cv-muller-sohne-gmbh-python-entwickler-m-w-d.docx"]),
    ({"job_id": "j2", "title": "../../", "company_name": "/"}, ["application.pdf", "application.docx", "cv.pdf",
                                                                 "cv.docx"]),
])
def test_download_names_come_from_the_posting_and_are_never_paths(job, names):
    assert [download_name(file, job) for file in APPLICATION_FILES] == names


def test_a_letter_in_another_language_gets_its_own_file_names():
    english, french = ([download_name(file, JOB, lang) for file in APPLICATION_FILES] for lang in ("en", "fr"))
    assert english[0] == "application-muller-sohne-gmbh-python-entwickler-m-w-d-en.pdf"
    assert french[3] == "cv-muller-sohne-gmbh-python-entwickler-m-w-d-fr.docx" and not set(english) & set(french)
    assert download_name(APPLICATION_FILES[0], JOB, "../x") == "application-muller-sohne-gmbh-python-entwickler-m-w-d-x.pdf"
