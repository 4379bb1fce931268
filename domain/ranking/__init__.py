"""Matching: score and rank job postings for a candidate profile, and explain each score. Plain Python, no Celery."""
from domain.ranking.explain import Explanation, reason_text, with_adjustment
from domain.ranking.service import rank_jobs, score_job
from domain.ranking.types import JobScore, RankedJob

__all__ = ["Explanation", "JobScore", "RankedJob", "rank_jobs", "reason_text", "score_job", "with_adjustment"]
