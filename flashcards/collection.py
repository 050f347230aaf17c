"""Writing straight into an Anki collection. The only home of the official `anki` package,
an optional extra (`pip install 'flashcards[anki]'`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError


@dataclass(frozen=True)
class ImportSummary:
    new: int
    updated: int
    unchanged: int


def import_into(collection: Path, packages: list[Path]) -> ImportSummary:
    """Import packages into a closed collection file as Anki's own import does: notes are
    matched by GUID and updated only when the package's copy is newer; scheduling is kept.

    Raises:
        OutputError: the `anki` package is missing, or the collection cannot be opened.
    """
    try:
        from anki.collection import (
            Collection,
            ImportAnkiPackageOptions,
            ImportAnkiPackageRequest,
        )
    except ImportError:
        raise OutputError(
            "writing into a collection needs the official anki package: "
            "pip install 'flashcards[anki]'",
            path=str(collection),
        ) from None
    if not collection.is_file():
        raise OutputError(
            "no such Anki collection; give the path of an existing collection.anki2 "
            "(close Anki first)",
            path=str(collection),
        )
    try:
        col = Collection(str(collection))
    except Exception as err:  # the backend raises its own error types
        raise OutputError(
            f"cannot open the collection ({err}); is Anki still running?", path=str(collection)
        ) from None
    new = updated = unchanged = 0
    try:
        for package in packages:
            request = ImportAnkiPackageRequest(
                package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
            )
            log = col.import_anki_package(request).log
            new += len(log.new)
            updated += len(log.updated)
            unchanged += len(log.duplicate)
    finally:
        col.close()
    return ImportSummary(new, updated, unchanged)
