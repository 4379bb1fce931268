"""Letters: for one profile and one job, a cover letter and CV summary built from the CV's own
evidence, checked for truthfulness, and a one-page CV tailored to the job — as text, PDF and DOCX. No Celery.

Import the submodules: ``evidence`` (what the letter may say), ``template`` and ``fallback``
(writers), ``llm`` (needs openai), ``checks`` (truthfulness), ``tailored_cv``, ``documents`` (the
four files: ``pdf``, ``docx``, ``tailored_cv_render``, ``tailored_cv_docx``), ``filename``.
Nothing is re-exported here, so naming one never loads the others.
"""
