"""The teacher's desk in the browser (`flashcards serve`): a shell over `pipeline.py`."""

from .app import MAX_UPLOAD, create_app

__all__ = ["MAX_UPLOAD", "create_app"]
