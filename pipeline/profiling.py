"""The profile step: the uploaded CV files of a record become one candidate profile."""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import get_settings
from domain.cv.profile import build_profile, require_cv_content
from domain.cv.types import CandidateProfile
from domain.errors import PermanentError
from i18n import N_
from pipeline.progress import Progress
from storage.files import delete_uploads, upload_path
from storage.models import FAILED, UserProfile

logger = logging.getLogger(__name__)
FILE_GONE = N_("I no longer have this CV file (files that could not be read are deleted, and all files after "
               "the retention period). Please send it again.")


def read_cv_files(session: Session, record: UserProfile, progress: Progress) -> None:
    """Read every uploaded file of the record and store the merged profile on it.

    Scans and photos report each page as it is read (stage ``scan:PAGE/PAGES``, see
    bot.core.texts.progress_message). Raises the domain's ``PermanentError`` kinds for
    unreadable files (see domain.cv.errors), and ``NoCvContentError`` when all files together
    gave none of name, e-mail, phone or skills; the files are deleted first then (``_drop_unreadable``),
    as they will never be read and would only fill the person's upload quota.
    """
    try:
        _read(session, record, progress)
    except PermanentError:
        _drop_unreadable(session, record)
        raise


def _read(session: Session, record: UserProfile, progress: Progress) -> None:
    settings = get_settings()
    profiles = []
    files = record.source_files
    for index, name in enumerate(files):
        if index:  # between files only: after the last one the result itself replaces the status
            progress(int(90 * index / len(files)), "reading")
        try:
            data = upload_path(settings, name).read_bytes()
        except FileNotFoundError:  # deleted when an earlier run of this record failed unreadable, or purged
            raise PermanentError(FILE_GONE, code="file_gone") from None
        profiles.append(build_profile(data, max_bytes=settings.max_upload_bytes, max_pages=settings.max_pdf_pages,
                                      max_scan_pages=settings.max_scan_pages,
                                      on_page=_page_progress(progress, index, len(files))))
    merged = require_cv_content(merge_profiles(profiles))
    record.profile = {key: value for key, value in merged.to_dict().items() if key != "text"}
    record.profile_text = merged.text


def _drop_unreadable(session: Session, record: UserProfile) -> None:
    """Delete the files of a profile that failed unreadable, except those another of the owner's profiles
    not failed still holds (a CV photographed page by page shares its earlier pages with the next one)."""
    owner = (UserProfile.chat_user_id == record.chat_user_id if record.chat_user_id is not None
             else UserProfile.api_key_id == record.api_key_id)
    kept = {name for files in session.scalars(select(UserProfile.source_files).where(
        owner, UserProfile.id != record.id, UserProfile.status != FAILED)) for name in files or []}
    removed = delete_uploads(get_settings(), [name for name in record.source_files or [] if name not in kept])
    logger.info("profile %s failed unreadable; deleted %d of its %d files", record.id, removed,
                len(record.source_files or []))


def _retakes_in_place(profiles: list[CandidateProfile]) -> list[CandidateProfile]:
    """Each photo retaken later is replaced by its retake, in the page's own place (a retake of
    page 1 sent after page 2 is still page 1, so its name and contact details come first)."""
    pages, taken = list(profiles), set()
    for index, profile in enumerate(pages):
        for later in range(len(pages) - 1, index, -1):  # the last retake is the one to keep
            if later not in taken and _same_page(profile, pages[later]):
                pages[index] = pages[later]
                taken.add(later)
                break
    return [page for index, page in enumerate(pages) if index not in taken]


def _same_page(first: CandidateProfile, second: CandidateProfile) -> bool:
    if first.source != "photo" or second.source != "photo":
        return False
    words = set(first.text.lower().split())
    return bool(words) and len(words & set(second.text.lower().split())) >= RETAKE_OVERLAP * len(words)


def _page_progress(progress: Progress, file_index: int, file_count: int):
    """Per-page progress of an OCR read, as a share of this file's slice of the bar."""
    def on_page(page: int, pages: int) -> None:
        done = (file_index + (page - 1) / pages) / file_count
        if pages == 1 and file_count > 1:  # a CV photographed page by page: one photo per page
            page, pages = file_index + 1, file_count
        progress(int(90 * done), f"scan:{page}/{pages}")
    return on_page


RETAKE_OVERLAP = 0.6  # share of a photo's words also in a later photo: the same page photographed again


def merge_profiles(profiles: list[CandidateProfile]) -> CandidateProfile:
    """Several files (CV plus certificates, or a CV photographed page by page) describe one
    person: the first file wins per field. A photo whose words mostly recur in a later photo
    was retaken (blurred, cut off) and gives way to the later one."""
    profiles = _retakes_in_place(profiles)
    merged = CandidateProfile.from_dict(profiles[0].to_dict())
    for other in profiles[1:]:
        for field in ("name", "email", "phone", "location", "title", "years_experience"):
            if getattr(merged, field) in (None, ""):
                setattr(merged, field, getattr(other, field))
        merged.skills += [skill for skill in other.skills if skill not in merged.skills]
        merged.languages += [lang for lang in other.languages if lang not in merged.languages]
        merged.text += "\n\n" + other.text
    return merged
