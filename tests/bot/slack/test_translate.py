import json

from bot.core import commands as c
from bot.slack import translate
from bot.slack.files import is_slack_file_url


def _form(**fields):
    base = {"command": "/jobsearch", "text": "python in Berlin", "user_id": "U1", "user_name": "lena",
            "team_id": "T1", "channel_id": "C1", "trigger_id": "t1", "response_url": "https://hooks.slack.com/x"}
    return dict(base, **fields)


def test_slash_commands_map_to_core_commands():
    assert isinstance(translate.slash_command(_form()), c.SearchJobs)
    assert translate.slash_command(_form()).text == "python in Berlin"
    assert translate.slash_command(_form(command="/apply", text="2")).reference == "2"
    in_german = translate.slash_command(_form(command="/apply", text="2 de"))
    assert (in_german.reference, in_german.language) == ("2", "de")
    assert translate.slash_command(_form(command="/apply", text="2")).language is None
    assert isinstance(translate.slash_command(_form(command="/jobforget", text="")), c.Forget)
    assert isinstance(translate.slash_command(_form(command="/jobstatus", text="")), c.ShowStatus)
    command = translate.slash_command(_form())
    assert (command.user.external_user_id, command.user.workspace_id, command.origin.chat_id) == ("U1", "T1", "C1")


def test_acknowledgement_mentions_the_user_and_escapes_what_they_typed():
    user, typed = translate.acknowledgement_parts(_form(text="<!here> dev"))
    assert user == "<@U1>" and "&lt;!here&gt;" in typed and "<" not in typed


def test_a_button_click_is_the_clicking_user_in_the_list_thread():
    body = {"user": {"id": "U2", "team_id": "T1"}, "team": {"id": "T1"}, "channel": {"id": "C1"},
            "container": {"message_ts": "2.0", "channel_id": "C1"}, "message": {"ts": "2.0", "thread_ts": "1.0"},
            "actions": [{"action_id": "letter", "value": "m1:3"}], "trigger_id": "t"}
    command = translate.button_command(body)
    assert isinstance(command, c.WriteLetter) and command.reference == "m1:3"
    assert command.user.external_user_id == "U2" and command.origin.thread_id == "1.0"


def test_which_shared_files_are_for_the_bot():
    pdf = {"id": "F1", "name": "cv.pdf", "filetype": "pdf", "url_private_download": "https://files.slack.com/x"}
    png = {"id": "F2", "name": "cat.png", "filetype": "png", "url_private_download": "https://files.slack.com/y"}
    event = {"subtype": "file_share", "user": "U1", "channel": "C1", "ts": "1.0"}
    assert translate.shared_files(dict(event, files=[pdf], channel_type="channel")) == [pdf]
    assert translate.shared_files(dict(event, files=[png], channel_type="channel")) == []
    assert translate.shared_files(dict(event, files=[png], channel_type="im")) == [png]
    assert translate.shared_files(dict(event, files=[pdf], channel_type="im", bot_id="B1")) == []
    # One message may share several files: every one that is for the bot, in the order shared.
    assert translate.shared_files(dict(event, files=[png, pdf], channel_type="im")) == [png, pdf]
    assert translate.shared_files(dict(event, files=[png, pdf], channel_type="channel")) == [pdf]
    assert translate.shared_files(dict(event, files=[png, pdf], channel_type="channel", text="my CV")) == [png, pdf]
    assert translate.needs_file_info({"id": "F3", "file_access": "check_file_info"})
    assert not translate.needs_file_info(pdf)


def test_in_a_channel_images_and_cloud_documents_need_words_that_say_cv():
    png = {"id": "F2", "name": "scan.png", "filetype": "png", "url_private_download": "https://files.slack.com/y"}
    gdoc = {"id": "F4", "name": "CV", "filetype": "gdoc", "mode": "external", "is_external": True,
            "external_type": "gdrive", "url_private": "https://docs.google.com/document/d/1/edit"}
    docx = {"id": "F5", "name": "cv.docx", "mimetype": "application/vnd.openxmlformats-officedocument"
            ".wordprocessingml.document", "filetype": "docx", "url_private_download": "https://files.slack.com/z"}
    stub = {"id": "F6", "mode": "file_access", "file_access": "check_file_info", "created": 0, "user": ""}
    event = {"subtype": "file_share", "user": "U1", "channel": "C1", "ts": "1.0", "channel_type": "channel"}
    assert translate.shared_files(dict(event, files=[docx])) == [docx]
    assert translate.shared_files(dict(event, files=[stub])) == [stub]  # judged after files.info
    assert translate.shared_files(dict(event, files=[gdoc])) == []
    assert translate.shared_files(dict(event, files=[png], text="Mein Lebenslauf")) == [png]
    assert translate.shared_files(dict(event, files=[png], text="<@U0BOT> read this"), "U0BOT") == [png]
    assert translate.shared_files(dict(event, files=[png], text="<@U0OTHER> nice"), "U0BOT") == []
    assert translate.shared_files(dict(event, files=[gdoc], text="my resume")) == [gdoc]


def test_cloud_documents_are_recognised_by_any_of_slacks_marks():
    hosted = {"id": "F1", "filetype": "pdf", "url_private_download": "https://files.slack.com/x"}
    assert not translate.is_external(hosted)
    for marks in ({"is_external": True}, {"external_type": "dropbox"}, {"mode": "external"},
                  {"filetype": "gsheet"}):
        assert translate.is_external({**hosted, **marks})
    assert translate.is_external({"id": "F2", "filetype": "pdf"})  # nothing to download


def test_the_bot_user_comes_from_the_events_authorizations():
    body = {"authorizations": [{"team_id": "T1", "user_id": "U0BOT", "is_bot": True}]}
    assert translate.bot_user_of(body) == "U0BOT" and translate.bot_user_of({}) is None


def test_the_bot_token_only_goes_to_slacks_file_host():
    api = "https://slack.com/api/"
    assert is_slack_file_url("https://files.slack.com/files-pri/T-F/cv.pdf", api)
    assert not is_slack_file_url("http://files.slack.com/files-pri/T-F/cv.pdf", api)
    assert not is_slack_file_url("https://evil.example/files-pri/cv.pdf", api)
    assert is_slack_file_url("http://127.0.0.1:5000/files-pri/x", "http://127.0.0.1:5000/api/")


def test_dedup_keys():
    assert translate.dedup_key("file", {"event_id": "Ev1"}) == "Ev1"
    assert translate.dedup_key("command", {"trigger_id": "t1"}) == "command:t1"
    assert json.dumps(translate.dedup_key("action", {"trigger_id": "t2"}))


def test_payloads_without_the_fields_the_translation_reads_are_malformed():
    """A signed payload Slack would never send (fuzzed: no trigger_id, no user, a number for a channel) is named
    malformed with the reason, so the inbound side ignores it instead of failing on it later."""
    assert translate.malformed("command", _form()) is None
    assert translate.malformed("command", {k: v for k, v in _form().items() if k != "trigger_id"}) == \
        "trigger_id is not a non-empty string"
    assert translate.malformed("command", _form(channel_id=7)) == "channel_id is not a non-empty string"
    assert translate.malformed("command", _form(text=["x"])) == "text is not a string"
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1.2", "text": "hi"}
    mention = {"team_id": "T1", "event_id": "Ev1", "event": event}
    assert translate.malformed("mention", mention) is None
    assert translate.malformed("mention", mention | {"event": {k: v for k, v in event.items() if k != "user"}}) == \
        "user is not a non-empty string"
    assert translate.malformed("mention", mention | {"event_id": 5}) == "event_id is not a non-empty string"
    assert translate.malformed("file", mention | {"event": event | {"files": [1]}}) == "files is not a list of objects"
    assert translate.malformed("file", mention | {"authorizations": False}) == "authorizations is not a list of objects"
    click = {"trigger_id": "t1", "user": {"id": "U1"}, "channel": {"id": "C1"},
             "actions": [{"action_id": "more", "value": "r:1"}]}
    assert translate.malformed("action", click) is None
    assert translate.malformed("action", click | {"actions": []}) == "actions is not a list of objects"
    assert translate.malformed("action", click | {"user": "U1"}) == "user is not an object"
    assert translate.malformed("action", click | {"channel": None}) == "no channel"
    assert translate.malformed("action", click | {"actions": [{"action_id": "more", "value": 3}]}) == \
        "value is not a string"
    assert translate.malformed("command", ["not", "an", "object"]) == "not an object"
