"""/forget deletes the user's uploaded CVs and generated documents, and nobody else's."""
from __future__ import annotations

from bot.core.commands import ConfirmForget
from bot.core.conversation import Conversation
from bot.core.ports import OriginRef, UserRef
from bot.core.requests import ensure_user
from bot.local.adapter import LocalMessenger
from config import Settings
from storage.db import session_factory
from storage.files import document_path, new_upload_name, save_upload
from tests.ops.factories import add_record


def _files_of(settings: Settings, session, user: UserRef) -> tuple[str, str]:
    chat_user = ensure_user(session, user)
    cv = save_upload(settings, b"%PDF-1.4 cv")
    settings.documents_dir.mkdir(parents=True, exist_ok=True)
    document = new_upload_name("pdf")
    document_path(settings, document).write_bytes(b"%PDF-1.4 letter")
    add_record(session, "profile", "completed", source_files=[cv], chat_user_id=chat_user.id)
    add_record(session, "application", "completed", document_file=document, chat_user_id=chat_user.id)
    return cv, document


async def test_forget_deletes_the_users_files(database_url, data_dir):
    settings = Settings(database_url=database_url, job_agent_data_dir=data_dir)
    sessions = session_factory(database_url)
    messenger = LocalMessenger()
    conversation = Conversation(settings=settings, sessions=sessions, messengers={"local": messenger})
    me, other = UserRef(platform="local", external_user_id="me"), UserRef(platform="local", external_user_id="other")
    with sessions() as session:
        my_cv, my_doc = _files_of(settings, session, me)
        other_cv, other_doc = _files_of(settings, session, other)
    await conversation.handle(ConfirmForget(user=me, origin=OriginRef(platform="local", chat_id="me")))
    assert not (settings.uploads_dir / my_cv).exists() and not (settings.documents_dir / my_doc).exists()
    assert (settings.uploads_dir / other_cv).exists() and (settings.documents_dir / other_doc).exists()
    assert "deleted" in messenger.updates["me"][-1]["text"]
