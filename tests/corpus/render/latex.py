"""LaTeX producers: moderncv (classic, banking, casual, fancy), europasscv, simplecv and curve.

Each ``*_source(person, style)`` returns the .tex text; ``compile_tex`` runs the chosen engine
(pdflatex, xelatex or lualatex) twice in a temporary folder and returns the PDF bytes.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.corpus.people import Person
from tests.corpus.render.common import (
    city_country, date_range, heading, language_name, languages_line, place_line,
)

_SPECIAL = {"&": r"\&", "%": r"\%", "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}"}
_BABEL = {"en": "english", "de": "ngerman", "fr": "french", "es": "spanish", "pt": "portuguese",
          "it": "italian", "nl": "dutch"}
_ECV_LANG = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "pt": "portuguese",
             "it": "italian", "nl": "dutch"}


class ToolMissing(RuntimeError):
    """The program a producer needs is not installed."""


def esc(text: str) -> str:
    """Escape LaTeX's special characters in plain text."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def _fonts(engine: str) -> str:
    if engine == "pdflatex":
        return "\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
    return "\\usepackage{fontspec}\n"


def _name_parts(p: Person) -> tuple[str, str]:
    first = f"{p.prefix} {p.first_names}".strip()
    last = p.surname
    if p.caps_name:
        first, last = first.upper(), last.upper()
    return esc(first), esc(last)


def moderncv_source(p: Person, style: str, engine: str) -> str:
    """moderncv with one of its styles; the header carries title, address, phone and e-mail."""
    first, last = _name_parts(p)
    street = esc(p.street) or ""
    jobs = "\n".join(
        f"\\cventry{{{esc(date_range(p, j))}}}{{{esc(j.title)}}}{{{esc(j.company)}}}{{{esc(j.place)}}}{{}}"
        f"{{{esc(' '.join(j.bullets))}}}" for j in p.jobs)
    schools = "\n".join(f"\\cventry{{{esc(s.period)}}}{{{esc(s.degree)}}}{{{esc(s.school)}}}{{}}{{}}{{}}"
                        for s in p.education)
    langs = "\n".join(f"\\cvitem{{{esc(language_name(p, n))}}}{{{esc(level)}}}" for n, level in p.languages)
    return f"""\\documentclass[11pt,a4paper,sans]{{moderncv}}
\\moderncvstyle{{{style}}}
\\moderncvcolor{{blue}}
{_fonts(engine)}
\\usepackage[scale=0.8]{{geometry}}
\\name{{{first}}}{{{last}}}
\\title{{{esc(p.title)}}}
\\address{{{street}}}{{{esc(place_line(p))}}}{{{esc(city_country(p).split(', ')[-1])}}}
\\phone[mobile]{{{esc(p.phone)}}}
\\email{{{esc(p.email)}}}
\\begin{{document}}
\\makecvtitle
\\section{{{heading(p, 'summary')}}}
\\cvitem{{}}{{{esc(p.summary)}}}
\\section{{{heading(p, 'experience')}}}
{jobs}
\\section{{{heading(p, 'education')}}}
{schools}
\\section{{{heading(p, 'skills')}}}
\\cvitem{{}}{{{esc(', '.join(p.skills))}}}
\\section{{{heading(p, 'languages')}}}
{langs}
\\end{{document}}
"""


def europass_source(p: Person, engine: str) -> str:
    """europasscv: label column on the left ("Personal information", "Angaben zur Person")."""
    name = esc(f"{p.prefix} {p.name}".strip())
    name = name.upper() if p.caps_name else name
    jobs = "\n".join(
        f"\\ecvitem{{{esc(date_range(p, j))}}}{{\\ecvhighlight{{{esc(j.title)}}}}}\n"
        f"\\ecvitem{{}}{{{esc(j.company)}}}\n" + "".join(f"\\ecvitem{{}}{{{esc(b)}}}\n" for b in j.bullets)
        for j in p.jobs)
    schools = "\n".join(f"\\ecvitem{{{esc(s.period)}}}{{\\ecvhighlight{{{esc(s.degree)}}}}}\n"
                        f"\\ecvitem{{}}{{{esc(s.school)}}}" for s in p.education)
    address = esc(", ".join(x for x in (p.street, city_country(p)) if x))
    return f"""\\documentclass[{_ECV_LANG[p.lang]},a4paper]{{europasscv}}
{_fonts(engine)}
\\ecvname{{{name}}}
\\ecvaddress{{{address}}}
\\ecvmobile{{{esc(p.phone)}}}
\\ecvemail{{{esc(p.email)}}}
\\begin{{document}}
\\begin{{europasscv}}
\\ecvpersonalinfo
\\ecvitem{{\\large {esc(heading(p, 'summary'))}}}{{\\large {esc(p.title)}}}
\\ecvitem{{}}{{{esc(p.summary)}}}
\\ecvsection{{{esc(heading(p, 'experience'))}}}
{jobs}
\\ecvsection{{{esc(heading(p, 'education'))}}}
{schools}
\\ecvsection{{{esc(heading(p, 'skills'))}}}
\\ecvitem{{{esc(heading(p, 'skills'))}}}{{{esc(', '.join(p.skills))}}}
\\ecvitem{{{esc(heading(p, 'languages'))}}}{{{esc('; '.join(languages_line(p)))}}}
\\end{{europasscv}}
\\end{{document}}
"""


def simplecv_source(p: Person, engine: str) -> str:
    """simplecv: a two-part running header and topic lists with a label column."""
    name = esc(f"{p.prefix} {p.name}".strip())
    name = name.upper() if p.caps_name else name
    jobs = "\n".join(f"\\item[{esc(date_range(p, j))}] \\textbf{{{esc(j.title)}}}, {esc(j.company)}. "
                     f"{esc(' '.join(j.bullets))}" for j in p.jobs)
    schools = "\n".join(f"\\item[{esc(s.period)}] {esc(s.degree)}, {esc(s.school)}" for s in p.education)
    langs = "\n".join(f"\\item[{esc(language_name(p, n))}] {esc(level)}" for n, level in p.languages)
    return f"""\\documentclass[a4paper]{{simplecv}}
{_fonts(engine)}
\\leftheader{{{esc(p.street or p.city)}\\\\{esc(city_country(p))}}}
\\rightheader[r]{{{esc(p.phone)}\\\\{esc(p.email)}}}
\\title{{{name}}}
\\begin{{document}}
\\maketitle
\\begin{{center}}\\large {esc(p.title)}\\end{{center}}
\\section{{{esc(heading(p, 'summary'))}}}
{esc(p.summary)}
\\section{{{esc(heading(p, 'experience'))}}}
\\begin{{topic}}
{jobs}
\\end{{topic}}
\\section{{{esc(heading(p, 'education'))}}}
\\begin{{topic}}
{schools}
\\end{{topic}}
\\section{{{esc(heading(p, 'skills'))}}}
{esc(', '.join(p.skills))}
\\section{{{esc(heading(p, 'languages'))}}}
\\begin{{topic}}
{langs}
\\end{{topic}}
\\end{{document}}
"""


def curve_sources(p: Person, engine: str) -> dict[str, str]:
    """curve: the main file plus one rubric file per section (curve reads rubrics from files)."""
    name = esc(f"{p.prefix} {p.name}".strip())
    name = name.upper() if p.caps_name else name
    rubrics = {
        "experience": "\n".join(f"\\entry*[{esc(date_range(p, j))}] \\textbf{{{esc(j.title)}}}, "
                                f"{esc(j.company)}. {esc(' '.join(j.bullets))}" for j in p.jobs),
        "education": "\n".join(f"\\entry*[{esc(s.period)}] {esc(s.degree)}, {esc(s.school)}"
                               for s in p.education),
        "skills": f"\\entry*[] {esc(', '.join(p.skills))}",
        "languages": "\n".join(f"\\entry*[{esc(language_name(p, n))}] {esc(level)}" for n, level in p.languages),
    }
    files = {f"{key}.tex": f"\\begin{{rubric}}{{{esc(heading(p, key))}}}\n{body}\n\\end{{rubric}}\n"
             for key, body in rubrics.items()}
    right = "\\\\".join(esc(x) for x in (p.street, city_country(p)) if x)
    files["main.tex"] = f"""\\documentclass[a4paper]{{curve}}
{_fonts(engine)}
\\usepackage{{ltxtable}}
\\leftheader{{{esc(p.email)}\\\\{esc(p.phone)}}}
\\rightheader{{{right}}}
\\title{{{name}}}
\\subtitle{{{esc(p.title)}}}
\\begin{{document}}
\\makeheaders[c]
\\maketitle
{esc(p.summary)}
\\makerubric{{experience}}
\\makerubric{{education}}
\\makerubric{{skills}}
\\makerubric{{languages}}
\\end{{document}}
"""
    return files


def compile_tex(files: dict[str, str], engine: str, main: str = "main.tex") -> bytes:
    """Run ``engine`` twice on ``main`` among ``files``; returns the PDF. Raises ToolMissing / RuntimeError."""
    if shutil.which(engine) is None:
        raise ToolMissing(f"{engine} is not installed (apt-get install texlive-latex-extra texlive-xetex texlive-luatex)")
    with tempfile.TemporaryDirectory() as tmp:
        for fname, text in files.items():
            Path(tmp, fname).write_text(text, encoding="utf-8")
        for _ in range(2):
            run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", main], cwd=tmp,
                                 capture_output=True, text=True, errors="replace", timeout=300)
        pdf = Path(tmp, main).with_suffix(".pdf")
        if run.returncode != 0 or not pdf.exists():
            raise RuntimeError(f"{engine} failed on {main}:\n{run.stdout[-2000:]}")
        return pdf.read_bytes()
