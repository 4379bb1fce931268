"""Ranking quality on a labelled set: each persona's own profession fills the top results."""
from __future__ import annotations

import pytest

from domain.cv.skills import canonical_skill
from domain.ranking import rank_jobs

from tests.support.labelled_ranking import PERSONAS, build_postings, grade, ndcg_at, precision_at

POSTINGS = build_postings()
FIELD_OF = {job.job_id: field for field, job in POSTINGS}
JOBS = [job for _, job in POSTINGS]


def _grades(persona) -> tuple[list, list[int]]:
    ranked = rank_jobs(persona.profile, JOBS, query=persona.query)
    return ranked, [grade(persona.field, FIELD_OF[r.job.job_id]) for r in ranked]


def test_the_labelled_set_is_big_enough_and_uses_real_vocabulary_skills():
    assert len(JOBS) >= 95
    for p in PERSONAS:
        assert sum(1 for f, _ in POSTINGS if f == p.field) >= 10
        for skill in p.profile.skills:
            assert canonical_skill(skill) == skill, f"{skill} is not a canonical vocabulary skill"


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.field for p in PERSONAS])
def test_own_profession_fills_the_top_and_others_stay_out_of_the_top_ten(persona):
    ranked, grades = _grades(persona)
    p5, ndcg10 = precision_at(5, grades), ndcg_at(10, grades)
    print(f"\n{persona.field:<11} precision@5={p5:.2f} nDCG@10={ndcg10:.3f}")
    for r in ranked[:10]:
        print(f"   {r.score:3d} {FIELD_OF[r.job.job_id]:<10} {r.job.title[:48]:<48} | {r.result.reason[:90]}")
    assert p5 >= 0.8
    assert ndcg10 >= 0.9
    assert all(g >= 1 for g in grades[:10]), "another profession reached the top 10"


def test_mean_figures_over_all_personas(capsys):
    figures = [(precision_at(5, g), ndcg_at(10, g)) for g in (_grades(p)[1] for p in PERSONAS)]
    mean_p5 = sum(f[0] for f in figures) / len(figures)
    mean_ndcg = sum(f[1] for f in figures) / len(figures)
    with capsys.disabled():
        print(f"\nmean over {len(figures)} personas: precision@5={mean_p5:.2f} nDCG@10={mean_ndcg:.3f}")
    assert mean_p5 >= 0.9 and mean_ndcg >= 0.9
