"""Lasting refinements and the bot's language per person, against real databases: SQLite, and PostgreSQL
where the JSON column and the migration are what is tested."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from domain.jobs.preferences import Preferences, Refinement
from services.ports import ChatRequester, OriginRef, UserRef
from services.preferences import (
    language_for,
    language_of_chat_user,
    preferences_of,
    refine,
    remember_locale,
    reset_preferences,
    set_language,
)
from services.searches import request_search
from services.users import ensure_user, find_user
from storage.db import session_factory

ANNA = UserRef("telegram", "42", display_name="Anna")
BEN = UserRef("slack", "U7", workspace_id="T1")


@pytest.fixture
def migrated_sessions(migrated_database_url):
    """Sessions on a migrated database of each kind (SQLite; PostgreSQL under the postgres marker)."""
    return session_factory(migrated_database_url)


def commits_during(session, action):
    seen = []
    event.listen(session, "after_commit", lambda _: seen.append(1))
    result = action()
    return result, len(seen)


def test_someone_never_stored_has_no_preferences_and_is_not_created_by_asking(sessions):
    with sessions() as session:
        assert preferences_of(session, ANNA) == Preferences()
        assert find_user(session=session, user=ANNA) is None


def test_refinements_last_and_add_up_for_that_person_only(migrated_sessions):
    with migrated_sessions() as session:
        first, commits = commits_during(session, lambda: refine(session, ANNA, Refinement(remote_only=True)))
        refine(session, ANNA, Refinement(min_salary=60000, salary_currency="EUR", excluded_places=("London",)))
        refine(session, BEN, Refinement(no_agencies=True))
    assert commits == 1 and first == Preferences(remote_only=True)
    with migrated_sessions() as session:  # read back in a new session: stored, not cached
        assert preferences_of(session, ANNA) == Preferences(remote_only=True, min_salary=60000, salary_currency="EUR",
                                                            excluded_places=("London",))
        assert preferences_of(session, BEN) == Preferences(no_agencies=True)


def test_reset_forgets_every_refinement(sessions):
    with sessions() as session:
        refine(session, ANNA, Refinement(remote_only=True, excluded_companies=("Amazon",)))
        _, commits = commits_during(session, lambda: reset_preferences(session, ANNA))
        assert preferences_of(session, ANNA).empty and commits == 1
        assert find_user(session=session, user=ANNA).preferences is None
        _, commits = commits_during(session, lambda: reset_preferences(session, BEN))  # never stored: nothing
        assert commits == 0 and find_user(session=session, user=BEN) is None


def test_a_refinement_back_to_the_defaults_stores_none(sessions):
    with sessions() as session:
        refine(session, ANNA, Refinement(remote_only=True))
        assert refine(session, ANNA, Refinement(remote_only=False)).empty
        assert find_user(session=session, user=ANNA).preferences is None


@pytest.mark.parametrize("chosen, stored_locale, message_locale, expected", [
    (None, None, None, "en"),
    (None, None, "de-AT", "de"),
    (None, "fr", None, "fr"),  # results sent later speak the app's language remembered
    (None, "fr", "es", "es"),  # the message's locale is newer than the stored one
    ("de", "fr", "es", "de"),  # /language wins over any app language
    (None, "pt-BR", None, "en"),  # a language we do not speak
])
def test_the_language_is_the_choice_then_the_apps_then_english(sessions, chosen, stored_locale, message_locale,
                                                               expected):
    with sessions() as session:
        chat_user = ensure_user(session=session, user=ANNA)
        chat_user.language, chat_user.locale = chosen, stored_locale
        session.commit()
        assert language_for(session, UserRef("telegram", "42", locale=message_locale)) == expected


def test_language_choice_is_stored_and_cleared_and_checked(sessions):
    with sessions() as session:
        set_language(session, ANNA, "fr")
        assert language_for(session, ANNA) == "fr"
        set_language(session, ANNA, None)
        assert language_for(session, UserRef("telegram", "42", locale="de")) == "de"
        with pytest.raises(ValueError, match="unsupported language 'xx'"):
            set_language(session, ANNA, "xx")
        assert find_user(session=session, user=ANNA).language is None


def test_the_platform_locale_is_written_only_when_it_changed(sessions):
    with sessions() as session:
        _, hello = commits_during(session, lambda: remember_locale(session, ANNA, "de"))
        assert hello == 0 and find_user(session=session, user=ANNA) is None  # a "hello" leaves no record
        ensure_user(session=session, user=ANNA)
        session.commit()
        _, empty = commits_during(session, lambda: remember_locale(session, ANNA, None))
        _, too_long = commits_during(session, lambda: remember_locale(session, ANNA, "x" * 40))
        assert (empty, too_long) == (0, 0)
        _, first = commits_during(session, lambda: remember_locale(session, ANNA, "de"))
        _, again = commits_during(session, lambda: remember_locale(session, ANNA, "de"))
        _, changed = commits_during(session, lambda: remember_locale(session, ANNA, "fr-CA"))
        assert (first, again, changed) == (1, 0, 1)
        chat_user = find_user(session=session, user=ANNA)
        # Results of a first request, sent later without a message, speak the app's language.
        assert chat_user.locale == "fr-CA" and language_of_chat_user(session, chat_user.id) == "fr"
        assert language_of_chat_user(session, None) == "en"


def test_a_first_request_stores_the_person_with_the_apps_locale(sessions, queue):
    german = UserRef("telegram", "77", locale="de")
    with sessions() as session:
        requester = ChatRequester(german, OriginRef("telegram", "77"))
        record = request_search(session=session, queue=queue, requester=requester, query="Buchhalter", location="Köln")
        # The results are sent later, without a message to read the locale from.
        assert language_of_chat_user(session, record.chat_user_id) == "de"
        ensure_user(session=session, user=UserRef("telegram", "77", locale="fr"))
        assert find_user(session=session, user=german).locale == "de"  # a later change is remember_locale's
