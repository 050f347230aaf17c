"""The per-user cache folder, and the SQLite indexes kept there.

Big lexicons (CC-CEDICT, jieba's prefix dictionary, lemminflect's tables) are read from their
packages once per version into SQLite files here. Opening one costs nothing and a lookup reads
only what it needs, so a one-editorial run starts fast and parallel workers share the pages
through the operating system's file cache instead of each holding a copy in memory.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """`$FLASHCARDS_CACHE_DIR`, else the platform's user cache folder (platformdirs), else a
    folder in the temporary directory when that one cannot be written."""
    chosen = os.environ.get("FLASHCARDS_CACHE_DIR")
    if not chosen:
        import platformdirs

        chosen = platformdirs.user_cache_dir("flashcards")
    for path in (Path(chosen), Path(tempfile.gettempdir()) / f"flashcards-{os.getuid()}"):
        try:
            path.mkdir(parents=True, exist_ok=True)
            if os.access(path, os.W_OK):
                return path
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="flashcards-"))


def open_index(name: str, build: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    """A read-only connection to the index `name` in the cache folder, built by `build` first
    when it is not there yet. Building writes a temporary file and renames it into place, so
    processes racing to build it never see half an index.

    Args:
        name: the file name; put the data's version in it, so a new version builds anew.
        build: fills an empty database (inside one transaction).
    """
    path = cache_dir() / name
    if not path.exists():
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            with db:
                build(db)
            db.close()
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


_CONNECTIONS: dict[tuple[int, str], sqlite3.Connection] = {}


def index(
    name: str,
    packages: str | tuple[str, ...],
    build: Callable[[sqlite3.Connection], None],
    version: int = 1,
) -> sqlite3.Connection:
    """This process's connection to the index of the data of `packages`, built on first use.

    The file is named after the packages' installed versions and the index's own `version`
    (bump it when `build` changes what it writes). Each process opens its own connection,
    so a pool's forked workers never share one.
    """
    key = (os.getpid(), name)
    if key not in _CONNECTIONS:
        from importlib.metadata import version as installed

        names = (packages,) if isinstance(packages, str) else packages
        versions = "-".join(installed(package) for package in names)
        _CONNECTIONS[key] = open_index(f"{name}-{versions}-{version}.sqlite3", build)
    return _CONNECTIONS[key]


def fetch(db: sqlite3.Connection, query: str, keys: Iterable[str]) -> dict[str, Any]:
    """The rows of `query`, which selects a key and its value and ends in `WHERE key IN`,
    for these keys: key → value. One query per 500 keys, where asking key by key would be
    one query each (keys without a row are not in the answer)."""
    batch = list(keys)
    found: dict[str, Any] = {}
    for i in range(0, len(batch), 500):
        chunk = batch[i : i + 500]
        found.update(db.execute(f"{query} ({','.join('?' * len(chunk))})", chunk).fetchall())
    return found


def bound(answers: dict[str, Any], adding: int, limit: int) -> bool:
    """Forget the remembered `answers` when `adding` more would be more than `limit` (what a
    worker keeps of a lexicon: a batch's memory stays flat); whether it did."""
    if len(answers) + adding > limit:
        answers.clear()
        return True
    return False
