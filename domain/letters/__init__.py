"""Letters: a tailored cover letter and CV summary, as text and as a PDF. No Celery.

Import the submodules: ``template`` and ``fallback`` (writers), ``llm`` (needs openai), ``pdf``
(needs fpdf2), ``filename``. Nothing is re-exported here, so naming one never loads the others.
"""
