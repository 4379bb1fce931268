"""Letter rubric over real-tool CVs and postings: ``python bench/letters.py [--pairs 4] [--show N] [--json]``.

Pairs: for each of the seven letter languages, the corpus CVs written in that language (rendered
by LaTeX, LibreOffice, Chromium, Typst — ``tests/corpus/pdfs``), each with its best-matching
posting in the CV's language: the bundled collection (``domain/jobs/data/postings.json``) has
EN/DE/FR postings; 14 ES/IT/NL/PT postings written for this bench in the same shape are in
``bench/data/postings_es_it_nl_pt.json``. Then five CVs a tester wrote as HTML and exported with LibreOffice (``bench/data/cvs``: PDF, ODT,
DOCX; 3–4 jobs with 2–4 lines each, as real CVs have), each with its two best postings in its
language. ``--override`` instead pairs ES/IT/NL/PT CVs with the
bundled EN/DE/FR postings and asks for the letter in the CV's language (``/apply N es``), so
the posting's own text cannot be quoted.

Per letter (template writer, date fixed): words in the body and from the salutation to the
signature, evidence
items used (the CV's own achievement lines, current role, degree, languages that reach the
letter), unsupported claims (``domain.letters.checks.check_text``; must be 0), language detected
== asked, company and role named, and the tailored CV's claims and page count. Then the time
to write one letter and to render its four files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdf  # noqa: E402

from domain.cv.profile import build_profile  # noqa: E402
from domain.jobs.types import JobPosting  # noqa: E402
from domain.letters.checks import check_text  # noqa: E402
from domain.letters.documents import render_application  # noqa: E402
from domain.letters.evidence import Evidence, EvidenceItem, select_evidence  # noqa: E402
from domain.letters.language import LETTER_LANGUAGES, detect_language, job_language  # noqa: E402
from domain.letters.tailored_cv import tailor_cv  # noqa: E402
from domain.letters.tailored_cv_render import render_cv_pdf  # noqa: E402
from domain.letters.template import TemplateLetterWriter  # noqa: E402
from domain.ranking import score_job  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "corpus" / "pdfs"
POSTINGS = ROOT / "domain" / "jobs" / "data" / "postings.json"
EXTRA_POSTINGS = ROOT / "bench" / "data" / "postings_es_it_nl_pt.json"
TESTER_CVS = ROOT / "bench" / "data" / "cvs"
ON = dt.date(2026, 11, 30)
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
USED_KINDS = ("achievement", "current_role", "degree", "language")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def used(item: EvidenceItem, letter: str) -> bool:
    """Does the letter carry this item? Its value (role, degree, language) is named, or, for an
    achievement line, most of its content words appear (the template may shorten or re-case it)."""
    folded = _fold(letter)
    if item.kind != "achievement":
        return bool(item.value) and _fold(item.value) in folded
    content = [w for w in _WORD.findall(item.source.casefold()) if len(w) > 3]
    return bool(content) and sum(w in folded for w in content) / len(content) >= 0.6


def load_pairs(per_language: int, override: bool = False) -> list[tuple[str, object, JobPosting, str]]:
    """[(file name, profile, posting, letter language)], up to ``per_language`` per language."""
    postings = [JobPosting.from_dict(d) for d in json.loads(POSTINGS.read_text())]
    if not override:
        postings += [JobPosting.from_dict(d) for d in json.loads(EXTRA_POSTINGS.read_text())]
    posting_language = {p.job_id: job_language(p) for p in postings}
    pairs = []
    by_language: dict[str, list[Path]] = defaultdict(list)
    for pdf in sorted(PDFS.glob("*.pdf")):
        by_language[pdf.name[:2]].append(pdf)
    for lang in LETTER_LANGUAGES:
        for pdf in by_language.get(lang, [])[:per_language]:
            profile = build_profile(pdf.read_bytes())
            ranked = sorted(postings, key=lambda p: -score_job(profile, p).score)
            same = [p for p in ranked[:40] if posting_language[p.job_id] == lang]
            job = same[0] if same else ranked[0]
            pairs.append((pdf.name, profile, job, lang))
    for path in sorted(p for p in TESTER_CVS.iterdir() if p.suffix in (".pdf", ".odt", ".docx")):
        profile = build_profile(path.read_bytes())
        lang = detect_language(profile.text[:4000])
        ranked = sorted(postings, key=lambda p: -score_job(profile, p).score)
        for job in [p for p in ranked[:60] if posting_language[p.job_id] == lang][:2]:
            pairs.append((f"tester/{path.name}", profile, job, lang))
    return pairs


def measure(name: str, profile, job: JobPosting, lang: str) -> dict:
    ranked = score_job(profile, job)
    evidence: Evidence = select_evidence(profile, job, ranked)
    doc = TemplateLetterWriter().write(profile, job, ranked, language=lang, on=ON)
    body = "\n\n".join(doc.parts.paragraphs) if doc.parts else doc.cover_letter
    report = check_text(doc.cover_letter, profile, job)
    summary_report = check_text(doc.cv_summary, profile, job)
    cv = tailor_cv(profile, job, ranked, language=lang)
    cv_pdf = render_cv_pdf(cv)
    cv_text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(cv_pdf)).pages)
    cv_report = check_text(cv_text, profile, job)
    offered = [i for i in evidence.items if i.kind in USED_KINDS]
    return {
        "file": name, "job": f"{job.title} @ {job.company_name}", "language": lang,
        "body_words": words(body),
        # from the salutation to the signature: the letter as its reader counts it (no address blocks)
        "letter_words": words("\n".join([doc.parts.salutation, body, doc.parts.closing, doc.parts.signature]))
        if doc.parts else words(doc.cover_letter),
        "evidence_offered": len(offered), "evidence_used": sum(used(i, doc.cover_letter) for i in offered),
        "unsupported": [str(u) for u in report.unsupported + summary_report.unsupported],
        "cv_unsupported": [str(u) for u in cv_report.unsupported],
        "cv_pages": len(pypdf.PdfReader(io.BytesIO(cv_pdf)).pages),
        "language_ok": detect_language(body) == lang and doc.language == lang,
        "company_named": job.company_name.strip().casefold() in doc.cover_letter.casefold(),
        "role_named": job.title.strip().casefold() in doc.cover_letter.casefold(),
        "letter": doc.cover_letter,
    }


def timings(pairs) -> dict:
    """Milliseconds per letter (write) and per application (write + tailor + four files), p50/max."""
    write, full = [], []
    for _name, profile, job, lang in pairs:
        ranked = score_job(profile, job)
        t0 = time.perf_counter()
        doc = TemplateLetterWriter().write(profile, job, ranked, language=lang, on=ON)
        t1 = time.perf_counter()
        cv = tailor_cv(profile, job, ranked, language=lang)
        render_application(doc, cv, candidate_name=profile.name or "", job=job)
        t2 = time.perf_counter()
        write.append((t1 - t0) * 1000)
        full.append((t2 - t0) * 1000)
    return {"write_ms_p50": statistics.median(write), "write_ms_max": max(write),
            "application_ms_p50": statistics.median(full), "application_ms_max": max(full)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=4, help="CVs per language (default 4)")
    parser.add_argument("--show", type=int, default=0, help="print this many letters")
    parser.add_argument("--override", action="store_true",
                        help="ES/IT/NL/PT letters for EN/DE/FR postings (the language asked for, not the posting's)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pairs = load_pairs(args.pairs, args.override)
    rows = [measure(*pair) for pair in pairs]
    if args.json:
        print(json.dumps({"rows": rows, "timings": timings(pairs)}, ensure_ascii=False, indent=1))
        return
    print(f"{'file':<46} {'lang':<4} {'body':>4} {'s-s':>4} {'ev':>5} {'bad':>3} {'cvbad':>5} {'pg':>2} lang co role")
    for r in rows:
        print(f"{r['file'][:46]:<46} {r['language']:<4} {r['body_words']:>4} {r['letter_words']:>4} "
              f"{r['evidence_used']:>2}/{r['evidence_offered']:<2} {len(r['unsupported']):>3} {len(r['cv_unsupported']):>5} "
              f"{r['cv_pages']:>2} {'ok' if r['language_ok'] else 'NO':<4} {'ok' if r['company_named'] else 'NO':<2} "
              f"{'ok' if r['role_named'] else 'NO'}")
        for u in r["unsupported"] + r["cv_unsupported"]:
            print(f"    unsupported: {u}")
    body = [r["body_words"] for r in rows]
    languages = sorted({r["language"] for r in rows})
    print(f"\npairs {len(rows)} in {len(languages)} languages ({', '.join(languages)})")
    whole = [r["letter_words"] for r in rows]
    print(f"body words: min {min(body)}, median {statistics.median(body):.0f}, max {max(body)}; "
          f"in 200-350: {sum(200 <= b <= 350 for b in body)}/{len(body)}")
    print(f"salutation to signature: min {min(whole)}, median {statistics.median(whole):.0f}, max {max(whole)}; "
          f"in 200-350: {sum(200 <= b <= 350 for b in whole)}/{len(whole)}")
    print(f"evidence used per letter: median {statistics.median(r['evidence_used'] for r in rows):.0f} "
          f"(offered median {statistics.median(r['evidence_offered'] for r in rows):.0f})")
    print(f"unsupported claims: letters {sum(len(r['unsupported']) for r in rows)}, "
          f"tailored CVs {sum(len(r['cv_unsupported']) for r in rows)}")
    print(f"language correct {sum(r['language_ok'] for r in rows)}/{len(rows)}; company named "
          f"{sum(r['company_named'] for r in rows)}/{len(rows)}; role named {sum(r['role_named'] for r in rows)}/{len(rows)}; "
          f"tailored CV on one page {sum(r['cv_pages'] == 1 for r in rows)}/{len(rows)}")
    for r in rows[: args.show]:
        print(f"\n===== {r['file']} → {r['job']} ({r['language']})\n{r['letter']}")
    t = timings(pairs)
    print(f"\nwrite one letter: p50 {t['write_ms_p50']:.1f} ms, max {t['write_ms_max']:.1f} ms; "
          f"letter + tailored CV + four files: p50 {t['application_ms_p50']:.0f} ms, max {t['application_ms_max']:.0f} ms")


if __name__ == "__main__":
    main()
