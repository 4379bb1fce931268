"""Matching: score and rank job postings for a candidate profile. Plain Python, no Celery."""
from domain.ranking.service import rank_jobs, score_job
from domain.ranking.types import JobScore, RankedJob

__all__ = ["JobScore", "RankedJob", "rank_jobs", "score_job"]
