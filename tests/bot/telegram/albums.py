"""The Telegram stand-in plus sendMediaGroup, answered as the Bot API does, for the files a letter comes with.

An album is 2–10 items of ``InputMedia*`` JSON in the ``media`` field; a document item's file
travels as a multipart part named by its ``attach://NAME`` reference. Documents may be grouped
only with documents. The answer is one Message per item, all sharing a ``media_group_id``.
"""
from __future__ import annotations

import json
import uuid

from tests.support.telegram_standin import Call, TelegramStandIn
from tests.support.telegram_wire import MAX_CAPTION, BotApiError, check_text


class AlbumTelegramStandIn(TelegramStandIn):
    def api_sendMediaGroup(self, params):
        media = params.get("media")
        items = json.loads(media) if isinstance(media, str) else media
        if not isinstance(items, list) or not 2 <= len(items) <= 10:
            raise BotApiError(400, "Bad Request: wrong number of media specified: must be between 2 and 10")
        if len({item.get("type") for item in items}) > 1 and any(item.get("type") == "document" for item in items):
            raise BotApiError(400, "Bad Request: document can't be mixed with other media types")
        group, messages = uuid.uuid4().hex[:16], []
        for item in items:
            filename, data = _attached(params, item)
            check_text(item.get("caption") or "", item.get("parse_mode"), MAX_CAPTION)
            file_id, unique = self.add_file(data, suffix=filename.rpartition(".")[2])
            document = {"file_name": filename, "file_id": file_id, "file_unique_id": unique, "file_size": len(data)}
            messages.append(self._new_bot_message(params, document=document, caption=item.get("caption"),
                                                  media_group_id=group))
        return messages


def _attached(params: dict, item: dict) -> tuple[str, bytes]:
    reference = str(item.get("media") or "")
    if not reference.startswith("attach://"):
        raise BotApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    part = params.get(reference.removeprefix("attach://"))
    if not isinstance(part, tuple):
        raise BotApiError(400, f"Bad Request: failed to send message #1 with the error message \"Wrong file "
                               f"identifier/HTTP URL specified\" ({reference} is not in the request)")
    return part


def album_files(call: Call) -> list[tuple[str, bytes, str | None]]:
    """(file name, bytes, caption) of each item of a recorded sendMediaGroup call, in album order."""
    items = json.loads(call.params["media"]) if isinstance(call.params["media"], str) else call.params["media"]
    return [(*_attached(call.params, item), item.get("caption")) for item in items]
