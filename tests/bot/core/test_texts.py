from bot.core import texts


def test_the_profile_suggests_a_search_built_from_the_cv():
    message = texts.profile_message({"name": "Lena", "title": "Senior Python Developer", "location": "Berlin, Germany",
                                     "years_experience": 11.8, "skills": ["Python"], "languages": ["German"]})
    assert message.footer == "Next: /jobsearch Senior Python Developer in Berlin"
    assert "Experience: 12 years" in message.items


def test_without_title_or_city_the_suggestion_shows_the_shape():
    assert texts.next_step({}) == "Next: /jobsearch ROLE in CITY"


def test_a_ranking_without_a_cv_asks_for_one():
    matches = [{"job": {"job_id": "1", "title": "Nurse", "company_name": "Klinikum", "location": "München"},
                "score": 80, "matched_skills": [], "missing_skills": [], "reason": "title matches"}]
    listing = texts.job_list_message("nurse", matches, ranking_id="m1", has_profile=False)
    assert "send your CV" in listing.footer and listing.jobs[0].button.value == "m1:1"
    assert "send your CV" not in texts.job_list_message("nurse", matches, ranking_id="m1", has_profile=True).footer


def test_progress_is_a_bar_with_the_stage():
    assert texts.progress_message("reading", 40).text == "Reading your CV… ▓▓▓▓░░░░░░ 40%"
