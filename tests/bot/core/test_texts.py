from bot.core import texts


def test_the_profile_suggests_a_search_built_from_the_cv():
    message = texts.profile_message({"name": "Lena", "title": "Senior Python Developer", "location": "Berlin, Germany",
                                     "years_experience": 11.8, "skills": ["Python"], "languages": ["German"]})
    assert message.footer == "Next: /jobsearch Senior Python Developer in Berlin"
    assert "Experience: 12 years" in message.items


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
