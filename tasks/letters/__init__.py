"""Job processing: a tailored cover letter and CV summary, as text and as a PDF. No Celery."""
from tasks.letters.fallback import FallbackLetterWriter, make_letter_writer
from tasks.letters.llm import OpenAILetterWriter
from tasks.letters.pdf import application_filename, render_application_pdf
from tasks.letters.template import TemplateLetterWriter
from tasks.letters.types import ApplicationDocument, LetterRejected, LetterWriter

__all__ = [
    "ApplicationDocument", "FallbackLetterWriter", "LetterRejected", "LetterWriter", "OpenAILetterWriter",
    "TemplateLetterWriter", "application_filename", "make_letter_writer", "render_application_pdf",
]
