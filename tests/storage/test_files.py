"""Stored names are generated, and their suffix is a kind we sniffed — never what the sender wrote."""
import pytest

from config import Settings
from storage.files import new_upload_name, save_upload, upload_path


@pytest.mark.parametrize("suffix", ["pdf", "docx", "odt", "jpeg", "png", "heic"])
def test_every_readable_kind_can_be_stored_under_a_generated_name(tmp_path, suffix):
    settings = Settings(job_agent_data_dir=tmp_path)
    name = save_upload(settings, b"bytes", suffix)
    assert name.endswith("." + suffix) and upload_path(settings, name).read_bytes() == b"bytes"


@pytest.mark.parametrize("suffix", ["exe", "pdf/../x", "", "PDF"])
def test_other_suffixes_are_refused(suffix):
    with pytest.raises(ValueError):
        new_upload_name(suffix)


@pytest.mark.parametrize("name", ["../etc/passwd", "cv.pdf", "0" * 32 + ".sh", "0" * 31 + ".pdf"])
def test_names_not_generated_by_us_never_become_paths(tmp_path, name):
    with pytest.raises(ValueError):
        upload_path(Settings(job_agent_data_dir=tmp_path), name)
