"""Decks imported into a real Anki collection."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from flashcards.deck import FIELD_NAMES, MODEL_ID, MODEL_NAME, guid_for, write_package
from flashcards.models import BuildResult
from flashcards.pipeline import build_file, deck_data, sample_path, write_deck


@pytest.fixture(scope="module")
def sample() -> BuildResult:
    return build_file(sample_path())


def test_sample_deck_imports_with_its_notes_fields_and_tags(
    sample: BuildResult, anki: Any, tmp_path: Path
) -> None:
    deck, count = write_deck(sample, tmp_path / "decks")
    assert deck.name == f"{sample.editorial.id}.apkg"
    log = anki.import_package(deck)
    assert len(log.new) == count == len(sample.cards) == 5
    notetype = anki.col.models.by_name(MODEL_NAME)
    assert notetype["id"] == MODEL_ID
    assert [f["name"] for f in notetype["flds"]] == list(FIELD_NAMES)
    seek = anki.notes_by_term()["seek"]
    assert "<b>sought</b>" in seek["Examples"]
    assert "諮詢" in seek["Chinese"]
    assert "date::2023-03-01" in seek.tags and "ming-pao-editorial" in seek.tags
    assert {c.template()["name"] for c in seek.cards()} >= {"Recognition", "Context"}
    facility = anki.notes_by_term()["facility"]  # it has a Chinese equivalent: 設施
    assert {c.template()["name"] for c in facility.cards()} == {
        "Recognition",
        "Context",
        "Chinese → English",
    }
    names = {d.name for d in anki.col.decks.all_names_and_ids()}
    assert "Ming Pao Editorials::2023-03-01 圖書館延長開放 為考生添溫習空間" in names


def test_rebuilt_deck_adds_no_note_and_no_note_type(
    sample: BuildResult, anki: Any, tmp_path: Path
) -> None:
    out = tmp_path / "decks"
    anki.import_package(write_deck(sample, out)[0])
    notes, notetypes = anki.col.note_count(), len(anki.col.models.all())
    log = anki.import_package(write_deck(build_file(sample_path()), out)[0])
    assert len(log.new) == 0
    assert anki.col.note_count() == notes
    assert len(anki.col.models.all()) == notetypes


def test_card_types_can_be_switched_off(sample: BuildResult, anki: Any, tmp_path: Path) -> None:
    anki.import_package(write_deck(sample, tmp_path, card_types=("context",))[0])
    names = {c.template()["name"] for n in anki.notes_by_term().values() for c in n.cards()}
    assert names == {"Context"}


def test_building_twice_gives_identical_bytes(sample: BuildResult, tmp_path: Path) -> None:
    deck, _ = write_deck(sample, tmp_path)
    first = deck.read_bytes()
    deck, _ = write_deck(build_file(sample_path()), tmp_path)
    assert deck.read_bytes() == first


def test_only_a_changed_note_gets_a_new_time(sample: BuildResult, tmp_path: Path) -> None:
    data = deck_data(sample)
    path = tmp_path / "d.apkg"
    write_package([data], path, now=1_800_000_000)
    changed = data.notes[0]
    edited = type(changed)(changed.key, {**changed.fields, "Definition": "new"}, changed.tags)
    write_package([type(data)(data.name, (edited, *data.notes[1:]))], path, now=1_800_000_500)
    mods = note_times(path)
    assert mods[guid_for(changed.key)] == 1_800_000_500
    assert [mods[guid_for(n.key)] for n in data.notes[1:]] == [1_800_000_000] * 4


def note_times(path: Path) -> dict[str, int]:
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.anki2"
        db.write_bytes(z.read("collection.anki2"))
        conn = sqlite3.connect(db)
        try:
            return dict(conn.execute("SELECT guid, mod FROM notes").fetchall())
        finally:
            conn.close()


def test_a_package_that_cannot_take_its_place_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from flashcards.errors import OutputError

    target = tmp_path / "deck.apkg"
    (target / "in-the-way").mkdir(parents=True)  # a folder with something in it
    closed: list[int] = []
    close = os.close
    monkeypatch.setattr(os, "close", lambda fd: (closed.append(fd), close(fd))[1])
    with pytest.raises(OutputError, match="cannot write the deck"):
        write_package([deck_data(build_file(sample_path()))], target)
    assert len(closed) == len(set(closed))  # no file closed twice (its number may be reused)
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]  # no temporary file
