"""Matching throughput: jobs scored per second for one profile over 10,000 varied jobs.

Run by hand from the repository root:  python bench/bench_matching.py [--jobs 10000]

Reports a cold pass (every job's skills extracted for the first time), a warm pass (job
features cached, as when the same postings are ranked again) and per-job p50/p95 times.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain.cv.types import CandidateProfile  # noqa: E402
from domain.jobs.types import JobPosting  # noqa: E402
from domain.ranking import rank_jobs, score_job  # noqa: E402
from domain.ranking.features import _job_features  # noqa: E402

FIELDS = {
    "dev": (["Python Developer", "Backend Engineer", "Softwareentwickler (m/w/d)", "Développeur Python (H/F)",
             "Senior Software Engineer", "Werkstudent Softwareentwicklung"],
            ["Python", "Django", "FastAPI", "Postgres", "k8s", "Docker", "AWS", "Terraform", "Kafka", "Redis",
             "React", "TypeScript", "Go", "Java", "Spring Boot", "CI/CD", "Linux", "GraphQL"]),
    "nurse": (["Registered Nurse", "Pflegefachkraft (m/w/d)", "Infirmier (H/F)", "Senior Nurse ICU"],
              ["patient care", "Intensivpflege", "wound care", "Medikamentengabe", "BLS", "Hygiene", "EHR"]),
    "finance": (["Accountant", "Finanzbuchhalter (m/w/d)", "Comptable (H/F)", "Junior Accountant", "Controller"],
                ["IFRS", "HGB", "DATEV", "SAP", "Excel", "month-end close", "Kreditorenbuchhaltung", "TVA"]),
    "marketing": (["Marketing Manager", "Online Marketing Manager (w/m/d)", "SEO Manager", "Head of Marketing"],
                  ["SEO", "Google Ads", "HubSpot", "content marketing", "social media", "newsletter", "Canva"]),
    "data": (["Data Scientist", "Machine Learning Engineer", "Data Analyst", "Lead Data Scientist"],
             ["Python", "pandas", "PyTorch", "SQL", "statistics", "A/B testing", "Spark", "Tableau", "dbt"]),
    "logistics": (["Berufskraftfahrer CE (m/w/d)", "Truck Driver", "Lagerist (m/w/d)", "Disponent Logistik"],
                  ["Führerschein CE", "ADR", "Tourenplanung", "Staplerschein", "Kommissionierung", "SAP"]),
}
CITIES = ["Berlin, Germany", "Hamburg, Germany", "München, Deutschland", "Paris, France", "Remote", "Cologne", "Vienna"]
FILLER = ("We are a growing company with a friendly team. You will own features end to end, work closely "
          "with product and support colleagues, and help us improve our processes. ")
# Non-ASCII text takes the slower accent-folding path, so a third of the postings are German.
FILLER_DE = ("Wir sind ein wachsendes Unternehmen mit einem freundlichen Team. Sie übernehmen Verantwortung, "
             "arbeiten eng mit Kolleginnen und Kollegen zusammen und verbessern unsere Abläufe. ")


def make_jobs(count: int, seed: int = 7) -> list[JobPosting]:
    """Varied postings: six fields, three languages, 0.5-3 KB descriptions, some with highlights."""
    rng = random.Random(seed)
    jobs = []
    for n in range(count):
        titles, skills = FIELDS[rng.choice(list(FIELDS))]
        filler = FILLER_DE if n % 3 == 0 else FILLER
        required = rng.sample(skills, k=min(len(skills), rng.randint(2, 6)))
        extra = rng.sample(skills, k=min(len(skills), 3))
        description = (f"Job {n}. " + filler * rng.randint(1, 8) + "Requirements: " + ", ".join(required)
                       + ". Nice to have: " + ", ".join(extra) + ". " + filler * rng.randint(0, 6))
        highlights = [{"title": "Qualifications", "items": required}] if rng.random() < 0.6 else []
        location = rng.choice(CITIES)
        jobs.append(JobPosting(job_id=f"job-{n}", title=rng.choice(titles), company_name=f"Company {n % 997}",
                               location=location, description=description, highlights=highlights,
                               work_from_home=location == "Remote"))
    return jobs


PROFILE = CandidateProfile(name="Bench", title="Senior Python Backend Developer", years_experience=7,
                           location="Berlin, Germany",
                           skills=["Python", "Django", "FastAPI", "PostgreSQL", "Docker", "Kubernetes", "Redis",
                                   "Linux", "CI/CD", "SQL", "Git", "REST APIs"])


def per_job_times(jobs: list[JobPosting]) -> list[float]:
    times = []
    for job in jobs:
        started = time.perf_counter_ns()
        score_job(PROFILE, job, query="python developer in Berlin")
        times.append((time.perf_counter_ns() - started) / 1e3)
    return times


def timed_rank(jobs: list[JobPosting]) -> float:
    started = time.perf_counter()
    ranked = rank_jobs(PROFILE, jobs, query="python developer in Berlin")
    assert len(ranked) == len(jobs)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    count = parser.parse_args().jobs
    jobs = make_jobs(count)
    print(f"{count} jobs, mean description {statistics.mean(len(j.description) for j in jobs):.0f} chars")
    _job_features.cache_clear()
    cold = timed_rank(jobs)
    warm = timed_rank(jobs)
    print(f"rank_jobs cold (skills extracted): {cold:.3f} s = {count / cold:,.0f} jobs/s")
    print(f"rank_jobs warm (features cached):  {warm:.3f} s = {count / warm:,.0f} jobs/s")
    _job_features.cache_clear()
    for label, times in (("cold", per_job_times(jobs)), ("warm", per_job_times(jobs))):
        q = statistics.quantiles(times, n=100)
        print(f"score_job {label}: p50 {q[49]:.1f} µs, p95 {q[94]:.1f} µs, max {max(times):.0f} µs")


if __name__ == "__main__":
    main()
