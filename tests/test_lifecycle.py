"""Rebuilding decks as users do, importing each build into a real Anki collection:
unchanged notes keep the learner's edits, changed notes are updated, reviews are kept, and
no note or note type is ever duplicated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from flashcards.pipeline import build_file, sample_path, write_combined, write_deck


def answer_first_card(anki: Any, term: str) -> tuple[int, int, int, int]:
    """Review the first card of `term`'s note ("Good"); return its scheduling."""
    note = anki.notes_by_term()[term]
    card = note.cards()[0]
    card.start_timer()
    anki.col.sched.answerCard(card, 3)
    return scheduling(anki, term)


def scheduling(anki: Any, term: str) -> tuple[int, int, int, int]:
    card = anki.col.get_card(anki.notes_by_term()[term].cards()[0].id)
    return card.type, card.reps, card.ivl, card.due


def edit_by_hand(anki: Any, term: str, definition: str) -> None:
    note = anki.notes_by_term()[term]
    note["Definition"] = definition
    anki.col.update_note(note)


def counts(anki: Any) -> tuple[int, int]:
    """Notes and note types: a rebuild must never add either. (Cards may be added: a note
    that gains a Chinese equivalent gains its Chinese → English card.)"""
    return anki.col.note_count(), len(anki.col.models.all())


@pytest.fixture
def editorial(tmp_path: Path) -> Path:
    """The sample editorial, copied where a teacher keeps it."""
    path = tmp_path / "in" / "sample.txt"
    path.parent.mkdir()
    path.write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_rebuild_keeps_edits_and_reviews_and_updates_changed_notes(
    editorial: Path, anki: Any, tmp_path: Path
) -> None:
    out = tmp_path / "decks"

    def rebuild() -> Any:
        return anki.import_package(write_deck(build_file(editorial), out)[0])

    rebuild()
    reviewed = answer_first_card(anki, "seek")
    edit_by_hand(anki, "facility", "my own words")
    before = counts(anki)

    log = rebuild()  # nothing changed
    assert (len(log.new), len(log.updated)) == (0, 0)
    assert counts(anki) == before
    assert anki.notes_by_term()["facility"]["Definition"] == "my own words"
    assert scheduling(anki, "seek") == reviewed

    text = editorial.read_text(encoding="utf-8")
    editorial.write_text(
        text.replace("(of a room, flat, etc.) too small", "far too small"), "utf-8"
    )
    log = rebuild()  # one definition changed
    assert (len(log.new), len(log.updated)) == (0, 1)
    assert anki.notes_by_term()["cramped"]["Definition"].startswith("far too small")
    assert anki.notes_by_term()["facility"]["Definition"] == "my own words"
    assert scheduling(anki, "seek") == reviewed
    assert counts(anki) == before


@pytest.fixture
def two_editorials(editorial: Path) -> tuple[Path, Path]:
    """The sample and a later editorial sharing two of its terms."""
    later = editorial.with_name("later.txt")
    text = editorial.read_text(encoding="utf-8")
    text = text.replace("明報社評 2023.03.01：圖書館延長開放", "明報社評 2023.03.08：再談圖書館")
    text = text.replace(
        " date 2023-03-02 With the Hong Kong", " date 2023-03-09 Now that the Hong Kong"
    )
    cut = text.index("■/ Glossary 生字 /")
    glossary = (
        "■/ Glossary 生字 /\n\ncramped：having too little space\n\n"
        "seek：to try to get sth\n\nmodest：not very large\n"
    )
    later.write_text(text[:cut] + glossary, encoding="utf-8")
    return editorial, later


def test_combined_deck_has_one_note_per_term_with_all_contexts(
    two_editorials: tuple[Path, Path], anki: Any, tmp_path: Path
) -> None:
    results = [build_file(p) for p in two_editorials]
    path, count = write_combined(results, tmp_path / "decks" / "combined.apkg")
    assert count == 6  # cramped, seek, take sth into account, facility, cater for, modest
    anki.import_package(path)
    notes = anki.notes_by_term()
    cramped = notes["cramped"]
    assert cramped["Definition"] == "having too little space"  # the newest editorial's
    assert cramped["Examples"].count('<div class="ex">') == 4  # two sentences in each
    assert cramped["Source"].index("2023-03-08") < cramped["Source"].index("2023-03-01")
    assert {"date::2023-03-01", "date::2023-03-08"} <= set(cramped.tags)
    assert "date::2023-03-08" not in notes["facility"].tags
    decks = {d.name for d in anki.col.decks.all_names_and_ids()}
    assert {"Ming Pao Editorials::2023-03-08 再談圖書館 為考生添溫習空間",
            "Ming Pao Editorials::2023-03-01 圖書館延長開放 為考生添溫習空間"} <= decks  # fmt: skip


def test_combined_rebuild_keeps_edits_and_reviews(
    two_editorials: tuple[Path, Path], anki: Any, tmp_path: Path
) -> None:
    target = tmp_path / "decks" / "combined.apkg"

    def rebuild() -> Any:
        return anki.import_package(
            write_combined([build_file(p) for p in two_editorials], target)[0]
        )

    rebuild()
    reviewed = answer_first_card(anki, "cramped")
    edit_by_hand(anki, "modest", "my own words")
    before = counts(anki)

    log = rebuild()
    assert (len(log.new), len(log.updated)) == (0, 0)
    assert anki.notes_by_term()["modest"]["Definition"] == "my own words"

    later = two_editorials[1]
    later.write_text(
        later.read_text("utf-8").replace("to try to get sth", "to look for sth"), "utf-8"
    )
    log = rebuild()
    assert (len(log.new), len(log.updated)) == (0, 1)
    assert anki.notes_by_term()["seek"]["Definition"] == "to look for sth"
    assert anki.notes_by_term()["modest"]["Definition"] == "my own words"
    assert scheduling(anki, "cramped") == reviewed
    assert counts(anki) == before
