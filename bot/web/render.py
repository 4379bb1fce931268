"""Neutral messages as HTML fragments for the web chat, and its two pages (chat, access code).

Every fragment is one ``<article class="msg bot" id="m-<message_id>">`` (the person's own: ``class="msg me"``,
``render_mine``) rendered by jinja2 with autoescape, so nothing a person, a job board or a CV wrote can become
markup; the few pieces built here (links found in text, line breaks) escape their text before they are marked safe. Labels the neutral messages do not carry (the
score's name, "opens in a new tab", file sizes) are said in the reader's language (``language``: an i18n code).

The page links its script and stylesheet under ``/chat/static`` with ``?v=<content hash>``, so the adapter may
let browsers cache them for good, and it carries no inline script or style (a strict CSP holds).
"""
from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from bot.core.ports import Button, JobCard, JobListMessage, OutgoingMessage
from bot.local.render import render_text
from domain.cv.filetype import READABLE_NAMES
from i18n import N_, translator

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
MAX_LINK = 2000  # longer "links" are shown as text: no board needs more, and it keeps a card readable
FILES_PREFIX = "/chat/files/"
# The kinds the product reads (domain.cv.filetype.READABLE_KINDS): a hint to the picker, never a check.
ACCEPT = ".pdf,.docx,.odt,.fodt,.jpg,.jpeg,.png,.heic,.webp,.tif,.tiff,.gif,.bmp,application/pdf,image/*"
_URL = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)]}»”’"  # punctuation after a link in a sentence is not part of it

# The pages' and cards' labels, read in templates as s.<key>.
LABELS = {
    "page_title": N_("Job agent — chat"),
    "skip_link": N_("Skip to the message box"),
    "conversation": N_("Conversation"),
    "intro": N_("Send your CV — {formats} — or type what you are looking for. /help lists everything I can do."),
    "message_label": N_("Your message"),
    "message_hint": N_("Enter sends, Shift+Enter starts a new line. You can also drop your CV anywhere on the page."),
    "send": N_("Send"),
    "attach": N_("Attach CV"),
    "drop_here": N_("Drop your CV to send it"),
    "no_script": N_("This chat needs JavaScript. The terminal client (job-agent chat) works without it."),
    "access_heading": N_("This chat needs an access code"),
    "access_intro": N_("Whoever runs this job agent gave out the code. Enter it once; this browser then stays admitted."),
    "access_label": N_("Access code"),
    "access_submit": N_("Enter the chat"),
    "access_wrong": N_("That code is not right. Check it and try again."),
    "score_label": N_("Match score"),
    "matched_label": N_("Skills that match"),
    "missing_label": N_("Skills missing"),
    "new_tab": N_("(opens in a new tab)"),
    "files_label": N_("Files"),
}
SIZE_KB = N_("{size} KB")
SIZE_MB = N_("{size} MB")
# What the script says; it reads them from the page ({name}, {detail}, {limit} are filled in there).
SCRIPT_STRINGS = {
    "you": N_("You"),
    "reconnecting": N_("Connection lost — reconnecting…"),
    "offline": N_("The server cannot be reached. Check the connection and try again."),
    "not_sent": N_("Not sent: {detail}"),
    "failed": N_("The server answered with an error ({status})."),
    "session_ended": N_("This page's session has ended. Reload the page to go on."),
    "uploading": N_("Uploading {name}…"),
    "uploaded": N_("{name} is sent; I am reading it."),
    "refused": N_("{name} was not accepted: {detail}"),
    "too_large": N_("{name} is larger than the {limit} MB this chat accepts."),
}


@cache
def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, auto_reload=False,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["rich"] = rich_text
    return environment


@cache
def asset_version(name: str) -> str:
    """A short hash of a static file's bytes, for the ``?v=`` that lets browsers cache it until it changes."""
    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]


def chat_page(*, csrf_token: str, language: str, max_upload_bytes: int | None = None) -> str:
    """The chat page. ``csrf_token`` goes into ``<meta name="csrf-token">``; ``max_upload_bytes`` (optional)
    lets the script refuse a file over the limit before sending it."""
    t = translator(language)
    return _environment().get_template("chat.html").render(
        lang=t.language, csrf_token=csrf_token, accept=ACCEPT, max_upload_bytes=max_upload_bytes or 0,
        strings={key: t(text) for key, text in SCRIPT_STRINGS.items()},
        css_version=asset_version("chat.css"), js_version=asset_version("chat.js"), s=_labels(t.language))


def access_page(*, csrf_token: str, language: str, error: bool = False) -> str:
    """The access-code form (``POST /chat/access``: ``code``, ``csrf_token``); ``error`` says the last code
    was wrong."""
    t = translator(language)
    return _environment().get_template("access.html").render(
        lang=t.language, csrf_token=csrf_token, error=error, s=_labels(t.language), css_version=asset_version("chat.css"))


def render_message(message: OutgoingMessage, message_id: str, *, language: str = "en") -> str:
    """One ``<article class="msg bot" id="m-<message_id>">`` for a Message or a JobListMessage; an edit is
    rendered with the id of the message it replaces."""
    t = translator(language)
    if isinstance(message, JobListMessage):
        return _environment().get_template("jobs.html").render(
            id=message_id, m=message, jobs=[_job(job) for job in message.jobs],
            groups=button_groups(message.buttons), s=_labels(t.language)).strip()
    return _environment().get_template("message.html").render(
        id=message_id, m=message, paragraphs=paragraphs(message.text), groups=button_groups(message.buttons)).strip()


def render_mine(text: str, message_id: str, *, client_id: str = "", upload: bool = False,
                language: str = "en") -> str:
    """The person's own message as ``<article class="msg me" id="m-<message_id>" data-client-id="...">``: their
    text (escaped, line breaks kept by the stylesheet), or for a CV ``upload`` "📎 <filename>" with ``text`` the
    file's name. ``client_id`` (the page's id for the copy it drew at once) must be the validated one."""
    t = translator(language)
    return _environment().get_template("mine.html").render(
        id=message_id, client_id=client_id, upload=upload, text=mine_text(text, upload=upload),
        you=t(SCRIPT_STRINGS["you"])).strip()


def mine_text(text: str, *, upload: bool = False) -> str:
    """The words of the person's own message as kept (the event's "text"): a CV is "📎 <filename>"."""
    return f"📎 {text}" if upload else text


def render_documents(files: list[dict], message_id: str, *, caption: str = "", language: str = "en") -> str:
    """The article for a "documents" event: the caption, then one download link per file (``url`` under
    /chat/files/ only; another URL is shown as the file's name without a link)."""
    t = translator(language)
    shown = [{"url": f["url"] if str(f.get("url", "")).startswith(FILES_PREFIX) else "",
              "filename": str(f.get("filename") or "file"), "kind": _kind(f),
              "size": file_size(int(f.get("size") or 0), language)} for f in files]
    return _environment().get_template("documents.html").render(
        id=message_id, paragraphs=paragraphs(caption), files=shown, s=_labels(t.language)).strip()


def plain_text(message: OutgoingMessage) -> str:
    """The event's "text": the message as plain words, buttons named by the commands that do the same."""
    return render_text(message)


def rich_text(text: str) -> Markup:
    """Escaped text whose web links are links (opening in a new tab) and whose line breaks are ``<br>``."""
    pieces, start = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        pieces.append(escape(text[start:match.start()]))
        if is_web_link(url):
            pieces.append(Markup('<a href="{0}" target="_blank" rel="noopener noreferrer">{0}</a>').format(url))
        else:
            pieces.append(escape(url))
        start = match.start() + len(url)
    pieces.append(escape(text[start:]))
    return Markup("<br>").join(Markup("").join(pieces).split("\n"))


def paragraphs(text: str | None) -> list[str]:
    return [part.strip("\n") for part in (text or "").split("\n\n") if part.strip()]


def button_groups(buttons: list[Button]) -> list[list[Button]]:
    """Buttons in groups: those about one numbered item (an alert's Pause and Delete) share a group, as the
    Telegram keyboard gives them a row."""
    groups: list[list[Button]] = []
    previous = object()
    for button in buttons:
        if button.number != previous or not groups:
            groups.append([])
        groups[-1].append(button)
        previous = button.number
    return groups


def is_web_link(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(url) <= MAX_LINK


def file_size(size: int, language: str = "en") -> str:
    """"34 KB", "1.2 MB" the reader's way (at least 1 KB: nobody needs bytes counted)."""
    t = translator(language)
    if size < 1024 * 1024:
        return t(SIZE_KB, size=t.number(max(1, round(size / 1024))))
    return t(SIZE_MB, size=t.number(round(size / (1024 * 1024), 1)))


def _job(job: JobCard) -> dict:
    return {"card": job, "apply": job.apply_link if is_web_link(job.apply_link) else "",
            "buttons": ([job.button] if job.button else []) + list(job.actions)}


def _kind(file: dict) -> str:
    """"PDF", "DOCX": the file's kind as its name ends, for the line beside the link."""
    name = str(file.get("filename") or "")
    return name.rpartition(".")[2].upper()[:5] if "." in name else ""


@cache
def _labels(language: str) -> dict[str, str]:
    t = translator(language)
    labels = {key: t(text) for key, text in LABELS.items()}
    labels["intro"] = t(LABELS["intro"], formats=t(READABLE_NAMES))
    return labels
