"""Slack payloads (as Bolt hands them over) to neutral users, origins and commands; no I/O here."""
from __future__ import annotations

from bot.core import commands as c
from bot.core.cv_files import is_document_type, mentions_cv
from bot.core.parse import command_for_button, is_command_word, parse_text, takes_words
from bot.core.ports import OriginRef, UserRef
from bot.slack.blocks import action_of

PLATFORM = "slack"
SLASH_COMMANDS = ("/jobsearch", "/jobprofile", "/jobstatus", "/jobhelp", "/jobforget", "/apply", "/jobprefs",
                  "/joblanguage", "/jobalert", "/jobalerts", "/jobtracker")
# Long-running requests get an acknowledgement message whose thread holds everything that follows.
THREADED = (c.SearchJobs, c.WriteLetter, c.Refine)
EXTERNAL_FILETYPES = frozenset({"gdoc", "gsheet", "gpres", "gdraw", "gform", "gsite"})


def slash_command(body: dict) -> c.Command:
    """A slash command's form fields to a core command; its origin is the channel, thread set later."""
    user = UserRef(PLATFORM, body["user_id"], workspace_id=body.get("team_id", ""),
                   display_name=body.get("user_name"))
    origin = OriginRef(PLATFORM, body["channel_id"], workspace_id=body.get("team_id", ""))
    return parse_text(user, origin, f"{body['command']} {body.get('text', '')}".strip())


def is_direct(channel_id: str) -> bool:
    """A direct message with the app (Slack's DM ids start with D; C and G are channels and group DMs)."""
    return channel_id.startswith("D")


def acknowledgement_parts(body: dict) -> tuple[str, str]:
    """The mention and what was typed, for the message that starts a request's thread (escaped for
    mrkdwn; the mention stays live)."""
    from bot.slack.blocks import escape

    return f"<@{body['user_id']}>", escape(f"{body['command']} {body.get('text', '')}".strip())


def button_command(body: dict) -> c.Command:
    """A block_actions payload: always the user who clicked, answered in the message's thread."""
    action = body["actions"][0]
    team = (body.get("user") or {}).get("team_id") or (body.get("team") or {}).get("id", "")
    user = UserRef(PLATFORM, body["user"]["id"], workspace_id=team,
                   display_name=body["user"].get("username") or body["user"].get("name"))
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    thread = message.get("thread_ts") or container.get("thread_ts") or message.get("ts")
    origin = OriginRef(PLATFORM, channel, workspace_id=team, thread_id=thread)
    return command_for_button(user, origin, action_of(action["action_id"]), action.get("value", ""))


def shared_files(event: dict, bot_user_id: str | None = None) -> list[dict]:
    """The files of a file_share message that may be for the bot, in the order shared ([] if none).

    One message can share up to ten files (``files``: two photos of a CV's pages, a CV and a
    cover letter); they are read together as one CV. In a DM every file is meant for the bot
    (a wrong type gets an explanation). In a channel see ``is_for_the_bot``; a Slack Connect
    stub says nothing about the file yet, so it is taken here and decided after ``files.info``.
    """
    if event.get("bot_id") or event.get("subtype") not in (None, "file_share") or not event.get("files"):
        return []
    return [file for file in event["files"] if is_stub(file) or is_for_the_bot(event, file, bot_user_id)]


def is_for_the_bot(event: dict, file: dict, bot_user_id: str | None = None) -> bool:
    """Whether a shared file (described in full, not a stub) is meant as a CV.

    DMs: always. Channels: CV document formats (PDF, Word, OpenDocument, and .doc/.rtf/.pages,
    whose refusal tells people how to export); images, cloud documents and other files only
    when the message names a CV or mentions the bot (a photo shared without words in a
    channel is rarely meant for the bot).
    """
    if event.get("channel_type") == "im":
        return True
    if is_document_type(file.get("name"), file.get("mimetype"), filetype=file.get("filetype")) \
            and not is_external(file):
        return True
    return speaks_of_a_cv(event, bot_user_id)


def speaks_of_a_cv(event: dict, bot_user_id: str | None = None) -> bool:
    """The message names a CV, or mentions the bot (Slack's ``<@U…>`` markup)."""
    text = event.get("text") or ""
    return mentions_cv(text) or (bool(bot_user_id) and f"<@{bot_user_id}" in text)


def bot_user_of(body: dict) -> str | None:
    """The app's bot user in this workspace, from the event's ``authorizations``."""
    for authorization in body.get("authorizations") or []:
        if authorization.get("is_bot") and authorization.get("user_id"):
            return authorization["user_id"]
    return None


def is_stub(file: dict) -> bool:
    """Message events may carry only a stub (Slack Connect: ``file_access: check_file_info``)."""
    return file.get("file_access") == "check_file_info" or file.get("mode") == "file_access"


def is_external(file: dict) -> bool:
    """A cloud document (Google Drive, Dropbox, Box, OneDrive …): Slack holds a link, not the bytes.

    Slack marks them ``is_external``/``external_type``/``mode: external``; Google's own
    formats have ``filetype`` gdoc, gsheet, gpres. Without ``url_private_download`` there is
    nothing to download either.
    """
    return (bool(file.get("is_external")) or bool(file.get("external_type")) or file.get("mode") == "external"
            or file.get("filetype") in EXTERNAL_FILETYPES or not file.get("url_private_download"))


def needs_file_info(file: dict) -> bool:
    """Only a stub needs ``files.info`` before the file can be judged or downloaded."""
    return is_stub(file)


def file_origin(body: dict, event: dict) -> tuple[UserRef, OriginRef]:
    """Who shared the file, and the file message's thread to answer in."""
    team = body.get("team_id") or event.get("team", "")
    user = UserRef(PLATFORM, event["user"], workspace_id=team)
    origin = OriginRef(PLATFORM, event["channel"], workspace_id=team,
                       thread_id=event.get("thread_ts") or event["ts"], reply_to_message_id=event["ts"])
    return user, origin


def mention_command(body: dict, event: dict) -> c.Command:
    """"@job-agent jobsearch python in Berlin" works like the slash command, and plain words ("@job-agent
    any remote python work?", or anything in a DM) are understood by the core; answered in a thread."""
    team = body.get("team_id", "")
    words = [word for word in event.get("text", "").split() if not word.startswith("<@")]
    user = UserRef(PLATFORM, event["user"], workspace_id=team)
    origin = OriginRef(PLATFORM, event["channel"], workspace_id=team, thread_id=event.get("thread_ts") or event["ts"])
    text = " ".join(words)
    if not text:
        return parse_text(user, origin, "/help")
    first, *rest = text.split()
    # "help me find marketing jobs" is a request, not /help: a command that takes no words only when alone.
    if is_command_word(first.lstrip("/")) and (not rest or takes_words(first.lstrip("/"))):
        return parse_text(user, origin, "/" + text.lstrip("/"))
    return parse_text(user, origin, text)


def malformed(kind: str, body) -> str | None:
    """Why ``body`` cannot be a Slack payload of ``kind`` ("command", "action", "file", "mention"), or None when
    every field the translation above reads has its shape: ids, channels and timestamps are non-empty strings,
    optional fields strings (or objects, lists) when present. Slack never sends otherwise; a request that does
    is signed by someone holding the signing secret and is ignored, not stored, instead of failing later."""
    if not isinstance(body, dict):
        return "not an object"
    if kind == "command":
        return (_missing(body, "user_id", "channel_id", "command", "trigger_id")
                or _not_text(body, "team_id", "user_name", "text", "response_url"))
    if kind == "action":
        return _malformed_action(body)
    event = body.get("event")
    if not isinstance(event, dict):
        return "event is not an object"
    return (_missing(body, "event_id") or _not_text(body, "team_id") or _missing(event, "user", "channel", "ts")
            or _not_text(event, "thread_ts", "text", "team", "bot_id", "subtype", "channel_type")
            or _not_objects(body, "authorizations") or _not_objects(event, "files"))


def _malformed_action(body: dict) -> str | None:
    actions, user = body.get("actions"), body.get("user")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
        return "actions is not a list of objects"
    if not isinstance(user, dict):
        return "user is not an object"
    for name in ("team", "channel", "container", "message"):
        if body.get(name) is not None and not isinstance(body[name], dict):
            return f"{name} is not an object"
    container, message = body.get("container") or {}, body.get("message") or {}
    return (_missing(body, "trigger_id") or _missing(actions[0], "action_id") or _not_text(actions[0], "value")
            or _missing(user, "id") or _not_text(user, "team_id", "username", "name")
            or _not_text(body.get("team") or {}, "id") or _not_text(body.get("channel") or {}, "id")
            or _not_text(container, "channel_id", "thread_ts") or _not_text(message, "thread_ts", "ts")
            or _not_text(body, "response_url")
            or (None if (body.get("channel") or {}).get("id") or container.get("channel_id") else "no channel"))


def _missing(fields: dict, *names: str) -> str | None:
    return next((f"{name} is not a non-empty string" for name in names
                 if not isinstance(fields.get(name), str) or not fields[name]), None)


def _not_text(fields: dict, *names: str) -> str | None:
    return next((f"{name} is not a string" for name in names
                 if fields.get(name) is not None and not isinstance(fields[name], str)), None)


def _not_objects(fields: dict, name: str) -> str | None:
    value = fields.get(name)
    if value is None or (isinstance(value, list) and all(isinstance(item, dict) for item in value)):
        return None
    return f"{name} is not a list of objects"


def dedup_key(kind: str, body: dict) -> str:
    """Events carry event_id (the same on Slack's retries); commands and clicks a unique trigger_id."""
    if kind in ("file", "mention"):
        return body["event_id"]
    return f"{kind}:{body['trigger_id']}"
