"""Records as the bot creates them: owned by a local-chat user and tied to the chat they came from."""
from __future__ import annotations

from storage.chat import get_or_create_user
from storage.models import ChatOrigin


def add_chat_record(session, record, *, user_id: str = "u1", chat_id: str = "c1", **origin_fields):
    """Give ``record`` a local-chat owner and origin, store it and commit; returns the record."""
    user = get_or_create_user(session, platform="local", workspace_id="", external_user_id=user_id)
    origin = ChatOrigin(chat_user_id=user.id, platform="local", chat_id=chat_id, **origin_fields)
    session.add(origin)
    session.flush()
    record.chat_user_id, record.origin_id = user.id, origin.id
    session.add(record)
    session.commit()
    return record
