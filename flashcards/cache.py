"""The per-user cache folder: jieba's prefix dictionary, the CC-CEDICT index."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
