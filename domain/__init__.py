"""The job-search domain: CVs, job sources, ranking, letters. No Celery, no database, no settings."""
