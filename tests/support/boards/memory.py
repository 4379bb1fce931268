"""What every board test needs besides its stand-in: a cache kept in memory and a look-up by job id."""
from __future__ import annotations


class MemoryCache:
    """The ``get``/``set(key, value, ttl)`` interface ``BoardHttp`` caches through; ``ttls`` records
    every time-to-live asked for."""

    def __init__(self):
        self.values, self.ttls = {}, []

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, ttl):
        self.values[key] = value
        self.ttls.append(ttl)


def by_id(jobs, job_id):
    """The posting with ``job_id`` (StopIteration when there is none)."""
    return next(job for job in jobs if job.job_id == job_id)
