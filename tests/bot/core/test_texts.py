from bot.core import texts


def test_the_profile_suggests_a_search_built_from_the_cv():
    message = texts.profile_message({"name": "Lena", "title": "Senior Python Developer", "location": "Berlin, Germany",
                                     "years_experience": 11.8, "skills": ["Python"], "languages": ["German"]})
    assert message.footer.splitlines()[-1] == "Next: /jobsearch Senior Python Developer in Berlin"
    assert "Experience: 11 years" in message.items  # 11.8 rounded down: a letter never overstates


def test_the_suggestion_uses_only_fields_the_cv_gave_never_placeholders():
    assert texts.next_step({}) == "Next: /jobsearch and the job you want"
    assert texts.next_step({"location": "Aarhus, Denmark"}) == "Next: /jobsearch and the job you want in Aarhus"
    assert texts.next_step({"title": "Nurse", "location": None}) == "Next: /jobsearch Nurse"


def test_a_ranking_without_a_cv_asks_for_one():
    matches = [{"job": {"job_id": "1", "title": "Nurse", "company_name": "Klinikum", "location": "München"},
                "score": 80, "matched_skills": [], "missing_skills": [], "reason": "title matches"}]
    listing = texts.job_list_message("nurse", matches, ranking_id="m1", has_profile=False)
    assert "send your CV" in listing.footer and listing.jobs[0].button.value == "m1:1"
    assert "send your CV" not in texts.job_list_message("nurse", matches, ranking_id="m1", has_profile=True).footer


def test_progress_is_a_bar_with_the_stage():
    assert texts.progress_message("reading", 40).text == "Reading your CV… ▓▓▓▓░░░░░░ 40%"


def test_a_scan_reports_its_pages_and_a_single_page_does_not_count():
    assert texts.progress_message("scan:2/3", 40).text == "Reading the scan, page 2 of 3… ▓▓▓▓░░░░░░ 40%"
    assert texts.progress_message("scan:1/1", 10).text.startswith("Reading the scan… ")


def test_a_profile_read_by_ocr_says_so_and_names_what_was_not_found():
    footer = texts.profile_message({"name": "Ana Costa", "skills": ["SQL"], "source": "scan"}).footer
    lines = footer.splitlines()
    assert lines[0].startswith("Read from a scan")
    assert lines[1] == "Not found in your CV: e-mail, phone."
    assert lines[2].startswith("Next: /jobsearch")
    text_pdf = texts.profile_message({"name": "A", "email": "a@b.de", "phone": "+49 1", "skills": ["SQL"]}).footer
    assert text_pdf == "Next: /jobsearch and the job you want"


def test_a_profile_card_names_languages_in_the_readers_language_and_drops_a_made_up_summary():
    from i18n import translator  # noqa: PLC0415

    profile = {"name": "Lena", "languages": ["German", "English", "Klingon-ish"], "summary_generated": True,
               "summary": "Developer in Hamburg with 13.2 years of experience; skills: Python."}
    card = texts.profile_message(profile, t=translator("fr"))
    assert "Langues : allemand, anglais, Klingon-ish" in [item.replace("\u00a0", " ") for item in card.items]
    assert card.text == ""
    written = texts.profile_message({**profile, "summary_generated": False}, t=translator("fr"))
    assert written.text.startswith("Developer in Hamburg")  # the CV's own words are shown as they are
