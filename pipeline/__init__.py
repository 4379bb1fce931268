"""The pipeline's steps: the registry of record types and the plain work each task runs.

Work functions take an open session and a record, fill in the record's result, and report
progress; they call the domain and know nothing of Celery. ``pipeline.steps`` is the one
table that says, per record type, which model, task, queue, work and words belong to it.
"""
