"""The local chat's files: one update carries them all, and the terminal client saves each into ./letters/."""
from __future__ import annotations

from bot.core.ports import Document, OriginRef
from bot.local.adapter import LocalMessenger
from bot.local.client import ChatClient

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FILES = [Document("application-acme.pdf", b"%PDF-1.7 letter"), Document("application-acme.docx", b"PK\x03\x04 l", DOCX),
         Document("cv-acme.pdf", b"%PDF-1.7 cv"), Document("../../.bashrc cv.docx", b"PK\x03\x04 cv", DOCX)]


async def test_every_file_reaches_the_letters_folder_from_one_update(tmp_path):
    messenger = LocalMessenger()
    await messenger.send_documents(OriginRef("local", "me"), FILES, caption="Your letter and CV")
    [update] = await messenger.wait_for("me", after=0, timeout=0.1)
    shown = []
    client = ChatClient("http://127.0.0.1:9", "token", "me", output=shown.append, letters_dir=tmp_path / "letters")
    client.show(update)
    saved = sorted(path.name for path in (tmp_path / "letters").iterdir())
    # A name is never a path: separators and leading dots are defused, the file stays in letters/.
    assert saved == ["_.._.bashrc_cv.docx", "application-acme.docx", "application-acme.pdf", "cv-acme.pdf"]
    assert [(tmp_path / "letters" / d.filename).read_bytes() for d in FILES[:3]] == [d.data for d in FILES[:3]]
    assert shown == [f"bot> 📎 Your letter and CV: saved to {tmp_path / 'letters'}/application-acme.pdf, "
                     f"{tmp_path / 'letters'}/application-acme.docx, {tmp_path / 'letters'}/cv-acme.pdf, "
                     f"{tmp_path / 'letters'}/_.._.bashrc_cv.docx"]
    assert not (tmp_path / ".bashrc cv.docx").exists()
