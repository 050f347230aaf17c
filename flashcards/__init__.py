"""flashcards: a bilingual newspaper editorial in, an Anki deck out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("flashcards")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"
