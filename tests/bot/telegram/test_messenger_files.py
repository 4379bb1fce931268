"""The Telegram messenger's files through the real python-telegram-bot to the stand-in Bot API: one album."""
from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest

from bot.core.ports import Document, OriginRef
from bot.telegram.messenger import TelegramMessenger
from tests.bot.telegram.albums import AlbumTelegramStandIn, album_files
from tests.support.telegram_standin import TOKEN

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILES = [Document("application-acme.pdf", b"%PDF-1.7 letter"), Document("application-acme.docx", b"PK\x03\x04 l", DOCX),
         Document("cv-acme.pdf", b"%PDF-1.7 cv"), Document("cv-acme.docx", b"PK\x03\x04 cv", DOCX)]
TOPIC = OriginRef("telegram", "-100777", thread_id="42", reply_to_message_id="9")


def sent(api: AlbumTelegramStandIn) -> list:
    return [call for call in api.calls if call.method != "getMe"]  # the Bot's own start-up call


@pytest.fixture
async def api_and_messenger():
    with AlbumTelegramStandIn() as api:
        async with Bot(TOKEN, base_url=f"{api.root}/bot", base_file_url=f"{api.root}/file/bot") as bot:
            yield api, TelegramMessenger(bot)


async def test_four_files_go_as_one_album_in_the_topic_replying_to_the_request(api_and_messenger):
    api, messenger = api_and_messenger
    await messenger.send_documents(TOPIC, FILES, caption="Your letter & CV: PDF to send, <docx> to edit")
    [call] = sent(api)
    assert call.method == "sendMediaGroup"
    assert [(name, data) for name, data, _ in album_files(call)] == [(d.filename, d.data) for d in FILES]
    assert [caption for _, _, caption in album_files(call)] == [
        None, None, None, "Your letter &amp; CV: PDF to send, &lt;docx&gt; to edit"]
    assert call.params["message_thread_id"] == "42" and call.params["reply_parameters"]["message_id"] == 9


async def test_one_file_is_one_document_since_an_album_needs_two(api_and_messenger):
    api, messenger = api_and_messenger
    await messenger.send_documents(TOPIC, FILES[:1], caption="Your cover letter as PDF")
    [call] = sent(api)
    assert call.method == "sendDocument" and call.params["document"] == (FILES[0].filename, FILES[0].data)
    assert call.params["caption"] == "Your cover letter as PDF"


async def test_a_refused_album_raises_so_the_outbox_sends_it_again(api_and_messenger):
    api, messenger = api_and_messenger
    api.fail_next("sendMediaGroup", 400, "Bad Request: group send failed")
    with pytest.raises(BadRequest):
        await messenger.send_documents(TOPIC, FILES)
    await messenger.send_documents(TOPIC, FILES)
    assert [call.method for call in sent(api)] == ["sendMediaGroup", "sendMediaGroup"]
    assert len(album_files(sent(api)[-1])) == 4
