"""Job processing: a tailored cover letter and CV summary, as text and as a PDF. No Celery."""
from domain.letters.fallback import FallbackLetterWriter, make_letter_writer
from domain.letters.llm import OpenAILetterWriter
from domain.letters.pdf import application_filename, render_application_pdf
from domain.letters.template import TemplateLetterWriter
from domain.letters.types import ApplicationDocument, LetterRejected, LetterWriter

__all__ = [
    "ApplicationDocument", "FallbackLetterWriter", "LetterRejected", "LetterWriter", "OpenAILetterWriter",
    "TemplateLetterWriter", "application_filename", "make_letter_writer", "render_application_pdf",
]
