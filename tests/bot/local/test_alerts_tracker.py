"""The terminal's side of alerts and the tracker: a button is shown as the command that does the same,
and a tracker export is saved into ./exports/ (not among the letters) with its path printed."""
from __future__ import annotations

from bot.core.ports import Button, Document, Message, OriginRef
from bot.local.adapter import LocalMessenger
from bot.local.client import ChatClient
from bot.local.render import button_hint, render_text

TRACKED = "0b5f8f0e-6f5e-4c39-9d43-3c1b2d4e5f60"
ALERT = "5a0c7a34-1e2b-4c3d-8e9f-0a1b2c3d4e5f"


def test_alert_and_stage_buttons_read_as_the_commands_typed_in_a_terminal():
    assert button_hint(Button("🔔 Alert me", "alert", "6c1e…search")) == "/alert"
    assert button_hint(Button("Pause", "alert_pause", ALERT, number=2)) == "/alerts pause 2"
    assert button_hint(Button("Resume", "alert_resume", ALERT, number=2)) == "/alerts resume 2"
    assert button_hint(Button("Delete", "alert_delete", ALERT, number=3)) == "/alerts delete 3"
    assert button_hint(Button("Applied", "stage", f"{TRACKED}:applied", number=1)) == "/tracker 1 applied"
    # Without the number shown in the chat there is nothing to type but the list itself.
    assert button_hint(Button("Applied", "stage", f"{TRACKED}:applied")) == "/tracker"
    assert button_hint(Button("Pause", "alert_pause", ALERT)) == "/alerts"
    board = Message(title="Your applications", text="Saved\n1. Data analyst — Acme",
                    buttons=[Button("Applied #1", "stage", f"{TRACKED}:applied", number=1)])
    assert render_text(board).endswith("→ [Applied #1: /tracker 1 applied]")


async def test_exports_are_saved_in_the_exports_folder_and_letters_stay_in_letters(tmp_path):
    messenger = LocalMessenger()
    files = [Document("applications.csv", b"title,company\r\nData analyst,Acme\r\n", "text/csv"),
             Document("interviews.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")]
    await messenger.send_documents(OriginRef("local", "me"), files, caption="Your applications")
    await messenger.send_documents(OriginRef("local", "me"), [Document("letter.pdf", b"%PDF-1.7")], caption="Letter")
    shown: list[str] = []
    client = ChatClient("http://127.0.0.1:9", "token", "me", output=shown.append, letters_dir=tmp_path / "letters",
                        exports_dir=tmp_path / "exports")
    for update in await messenger.wait_for("me", after=0, timeout=0.1):
        client.show(update)
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["applications.csv", "interviews.ics"]
    assert [p.name for p in (tmp_path / "letters").iterdir()] == ["letter.pdf"]
    assert (tmp_path / "exports" / "applications.csv").read_bytes() == files[0].data
    assert shown[0] == (f"bot> 📎 Your applications: saved to {tmp_path / 'exports'}/applications.csv, "
                        f"{tmp_path / 'exports'}/interviews.ics")
