"""Real-shaped Telegram Update objects for tests: messages, documents, photos and button presses.

The stand-in (tests/support/telegram_standin.py) registers the messages and files they refer to.
"""
from __future__ import annotations

import uuid


def user(user_id: int = 4242, first_name: str = "Lena", language_code: str | None = "en") -> dict:
    """A Telegram User; ``language_code`` is the IETF tag of the person's app language (optional in the API)."""
    person = {"id": user_id, "is_bot": False, "first_name": first_name}
    return person | ({"language_code": language_code} if language_code else {})


def private_chat(user_id: int = 4242, first_name: str = "Lena") -> dict:
    return {"id": user_id, "type": "private", "first_name": first_name}


def forum_chat(chat_id: int = -1001234567890, title: str = "Job hunters") -> dict:
    return {"id": chat_id, "type": "supergroup", "title": title, "is_forum": True}


def text_update(api, text: str, *, sender: dict | None = None, chat: dict | None = None,
                thread_id: int | None = None) -> dict:
    """A message update; a leading /command gets its bot_command entity, as Telegram sends it."""
    sender = sender or user()
    content: dict = {"text": text}
    if text.startswith("/"):
        command = text.split(" ", 1)[0]
        content["entities"] = [{"offset": 0, "length": len(command.encode("utf-16-le")) // 2, "type": "bot_command"}]
    message = api.message_from_user(chat=chat or private_chat(sender["id"], sender["first_name"]), user=sender,
                                    thread_id=thread_id, **content)
    return {"update_id": api.next_update_id(), "message": message}


def document_update(api, data: bytes | None, *, file_name: str = "cv.pdf",
                    mime_type: str = "application/pdf", file_size: int | None = None, sender: dict | None = None,
                    chat: dict | None = None, thread_id: int | None = None, caption: str | None = None,
                    **fields) -> dict:
    """A document message; ``data`` is registered for download (None: an unregistered file).

    ``fields`` go into the message as they are (``media_group_id``, ``forward_origin`` …).
    """
    sender = sender or user()
    file_id, unique = api.add_file(data, suffix=file_name.rpartition(".")[2] or "bin") if data is not None else (
        "BQACAgIAAxkBAAI-unknown", "AgAD-unknown")
    document = {"file_name": file_name, "mime_type": mime_type, "file_id": file_id, "file_unique_id": unique,
                "file_size": file_size if file_size is not None else len(data or b"")}
    content = {"document": document, **({"caption": caption} if caption else {}), **fields}
    message = api.message_from_user(chat=chat or private_chat(sender["id"], sender["first_name"]), user=sender,
                                    thread_id=thread_id, **content)
    return {"update_id": api.next_update_id(), "message": message}


def photo_update(api, data: bytes, *, caption: str | None = None, sender: dict | None = None,
                 chat: dict | None = None, thread_id: int | None = None, file_size: int | None = None,
                 **fields) -> dict:
    """A photo message as Telegram sends it: ``photo`` is an array of PhotoSize, smallest first.

    Only the largest size holds ``data``; the smaller ones are registered with other bytes, so a
    bot that downloads the wrong size is caught.
    """
    sender = sender or user()
    sizes = []
    for width, height, payload in ((90, 128, b"\xff\xd8\xff thumb"), (320, 453, b"\xff\xd8\xff medium"),
                                   (1240, 1754, data)):
        file_id, unique = api.add_file(payload, suffix="jpg")
        size = len(payload) if payload is not data or file_size is None else file_size
        sizes.append({"file_id": file_id, "file_unique_id": unique, "width": width, "height": height,
                      "file_size": size})
    content = {"photo": sizes, **({"caption": caption} if caption else {}), **fields}
    message = api.message_from_user(chat=chat or private_chat(sender["id"], sender["first_name"]), user=sender,
                                    thread_id=thread_id, **content)
    return {"update_id": api.next_update_id(), "message": message}


def group_chat(chat_id: int = -1009876543210, title: str = "Berlin devs") -> dict:
    return {"id": chat_id, "type": "supergroup", "title": title}


def callback_update(api, bot_message: dict, data: str, *, sender: dict | None = None) -> dict:
    """A press of an inline button on ``bot_message`` (a Message the stand-in answered with)."""
    sender = sender or user()
    query = {"id": str(uuid.uuid4().int)[:19], "from": sender, "message": bot_message,
             "chat_instance": str(abs(bot_message["chat"]["id"]) * 7919), "data": data}
    return {"update_id": api.next_update_id(), "callback_query": query}


def buttons_of(message: dict) -> list[dict]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


# Who Telegram puts in ``from`` when a message is sent as a chat (Bot API, Message.from and sender_chat):
# the same accounts in every group, so ``from.id`` names nobody there.
GROUP_ANONYMOUS_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}
TELEGRAM_SERVICE = {"id": 777000, "is_bot": False, "first_name": "Telegram"}


def channel_chat(chat_id: int = -1001555000111, title: str = "Lena builds things", username: str = "lenabuilds") -> dict:
    return {"id": chat_id, "type": "channel", "title": title, "username": username}


def placeholder_sender(chat: dict, sender_chat: dict) -> dict:
    """``from`` of a message sent as ``sender_chat`` into ``chat``: an anonymous admin writes as the group
    itself (GroupAnonymousBot), anyone else as a channel (Channel_Bot)."""
    return GROUP_ANONYMOUS_BOT if sender_chat["id"] == chat["id"] else CHANNEL_BOT


def text_update_as_chat(api, text: str, *, chat: dict, sender_chat: dict | None = None, **fields) -> dict:
    """A message sent as a chat: as the group (``sender_chat`` None: an anonymous admin) or as a channel."""
    sender_chat = sender_chat or chat
    content: dict = {"text": text, "sender_chat": sender_chat, **fields}
    if text.startswith("/"):
        command = text.split(" ", 1)[0]
        content["entities"] = [{"offset": 0, "length": len(command.encode("utf-16-le")) // 2, "type": "bot_command"}]
    message = api.message_from_user(chat=chat, user=placeholder_sender(chat, sender_chat), **content)
    return {"update_id": api.next_update_id(), "message": message}


def document_update_as_chat(api, data: bytes, *, chat: dict, sender_chat: dict | None = None, **fields) -> dict:
    """A document sent as a chat (see :func:`text_update_as_chat`); ``fields`` as for :func:`document_update`."""
    sender_chat = sender_chat or chat
    return document_update(api, data, sender=placeholder_sender(chat, sender_chat), chat=chat,
                           sender_chat=sender_chat, **fields)


def automatic_forward_update(api, data: bytes, *, group: dict, channel: dict, caption: str = "My CV") -> dict:
    """A linked channel's post (a document) as Telegram copies it into the channel's discussion group."""
    return document_update(api, data, sender=TELEGRAM_SERVICE, chat=group, sender_chat=channel, caption=caption,
                           is_automatic_forward=True)
