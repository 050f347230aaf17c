"""Batch builds: incremental skipping, parallel workers, one bad file never stops the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.batch import JOURNAL_FILE, STATE_FILE
from flashcards.cli import main
from flashcards.pipeline import sample_path


def editorials(folder: Path, count: int) -> list[Path]:
    """`count` copies of the sample, each a different editorial (its own date)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = sample_path().read_text(encoding="utf-8")
    paths = []
    for day in range(1, count + 1):
        path = folder / f"e{day:02d}.txt"
        path.write_text(text.replace("2023.03.01", f"2023.04.{day:02d}"), encoding="utf-8")
        paths.append(path)
    return paths


def build(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["build", *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_unchanged_files_are_skipped_until_they_or_the_options_change(tmp_path: Path) -> None:
    _, second = editorials(tmp_path / "in", 2)
    out = tmp_path / "out"
    args = (str(tmp_path / "in"), "-o", str(out))
    assert build(*args)[1][-1] == "2 decks written (10 notes), 0 unchanged, 0 failed, 0 warnings"
    code, lines, _ = build(*args)
    assert code == 0
    assert lines[-1] == "0 decks written (0 notes), 2 unchanged, 0 failed, 0 warnings"
    assert all(line.endswith("(unchanged)") for line in lines[:2])

    second.write_text(second.read_text("utf-8").replace("seek：", "seek: "), "utf-8")
    assert build(*args)[1][-1] == "1 decks written (5 notes), 1 unchanged, 0 failed, 0 warnings"
    assert build(*args, "--cards", "recognition")[1][-1].startswith("2 decks written")
    assert build(*args, "--cards", "recognition", "--force")[1][-1].startswith("2 decks written")
    next(out.glob("2023-04-01-*.apkg")).unlink()
    assert build(*args, "--cards", "recognition")[1][-1].startswith("1 decks written")
    words = tmp_path / "words.txt"
    words.write_text("家居環境\n", "utf-8")
    with_words = (*args, "--cards", "recognition", "--words", str(words))
    assert build(*with_words)[1][-1].startswith("2 decks written")
    assert build(*with_words)[1][-1].startswith("0 decks written")
    words.write_text("家居環境\n額外開支\n", "utf-8")
    assert build(*with_words)[1][-1].startswith("2 decks written")


def test_a_damaged_state_file_means_a_rebuild(tmp_path: Path) -> None:
    editorials(tmp_path / "in", 1)
    out = tmp_path / "out"
    build(str(tmp_path / "in"), "-o", str(out))
    state = json.loads((out / STATE_FILE).read_text())
    assert len(state["files"]) == 1
    (out / STATE_FILE).write_text("{not json")
    code, lines, _ = build(str(tmp_path / "in"), "-o", str(out))
    assert code == 0 and lines[0].endswith("(5 notes)")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_parallel_batch_with_a_bad_file(tmp_path: Path, workers: str) -> None:
    paths = editorials(tmp_path / "in", 9)
    paths[3].write_text("no glossary in this one\n", encoding="utf-8")
    code, lines, err = build(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", workers)
    assert code == 1
    assert lines[-1] == "8 decks written (40 notes), 0 unchanged, 1 failed, 0 warnings"
    assert len(list((tmp_path / "out").glob("*.apkg"))) == 8
    state = json.loads((tmp_path / "out" / STATE_FILE).read_text())  # each deck recorded
    assert len(state["files"]) == 8
    assert [line for line in err.splitlines() if line.startswith("Error:")] == [
        f"Error: {paths[3]}: no glossary block found; an editorial needs English paragraphs "
        "and a '■/ Glossary 生字 /' line followed by entries like 'term：definition'; other "
        "ways of marking terms are read too (see README), or give your own list with "
        "--terms FILE"
    ]


def test_a_bug_in_one_file_is_one_line_and_the_rest_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flashcards.batch as batch

    paths = editorials(tmp_path / "in", 2)
    real = batch.build_file

    def flaky(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
        if path == paths[0]:
            raise ZeroDivisionError("division by zero")
        return real(path, **kwargs)

    monkeypatch.setattr(batch, "build_file", flaky)
    code, lines, err = build(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert code == 1
    assert lines[-1] == "1 decks written (5 notes), 0 unchanged, 1 failed, 0 warnings"
    assert err.splitlines() == [
        f"Error: {paths[0]}: internal error (ZeroDivisionError: division by zero); "
        "run with --debug and report it"
    ]


def test_decks_recorded_in_the_journal_are_skipped_and_a_torn_line_is_ignored(
    tmp_path: Path,
) -> None:
    """What a killed build leaves: its records in the journal, the last one cut short."""
    editorials(tmp_path / "in", 3)
    out = tmp_path / "out"
    args = (str(tmp_path / "in"), "-o", str(out))
    build(*args)
    state = out / STATE_FILE
    records = [
        {"input": path, **entry} for path, entry in json.loads(state.read_text())["files"].items()
    ]
    lines = [json.dumps(record) for record in sorted(records, key=lambda r: r["input"])]
    state.unlink()
    (out / JOURNAL_FILE).write_text(lines[0] + "\n" + lines[1] + "\n" + lines[2][:40])
    code, lines_out, _ = build(*args)
    assert code == 0
    assert lines_out[-1] == "1 decks written (5 notes), 2 unchanged, 0 failed, 0 warnings"
    assert not (out / JOURNAL_FILE).exists()
    assert len(json.loads(state.read_text())["files"]) == 3


def test_corrections_changed_during_a_build_mean_a_rebuild_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards import batch
    from flashcards.corrections import corrections_path
    from flashcards.deck import CARD_TYPES, PendingPackage

    (path,) = editorials(tmp_path / "in", 1)
    job = batch.Job(path, tmp_path / "out", CARD_TYPES)
    prepare_deck = batch.prepare_deck

    def saved_meanwhile(*args: object) -> PendingPackage:
        # the desk saves a correction after the build read the corrections
        corrections_path(path).write_text('remove = ["seek"]\n', encoding="utf-8")
        return prepare_deck(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "prepare_deck", saved_meanwhile)
    assert next(batch.run([job])).notes == 5
    monkeypatch.setattr(batch, "prepare_deck", prepare_deck)
    again = next(batch.run([job]))
    assert not again.skipped and again.notes == 4


def test_each_outcome_comes_once_its_deck_is_on_disk_and_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from flashcards import batch
    from flashcards.deck import CARD_TYPES, PendingPackage

    land = PendingPackage.land

    def slow_disk(self: PendingPackage) -> None:
        time.sleep(0.2)  # the next file's build is long done: the outcome must wait
        land(self)

    monkeypatch.setattr(PendingPackage, "land", slow_disk)
    out = tmp_path / "out"
    jobs = [batch.Job(path, out, CARD_TYPES) for path in editorials(tmp_path / "in", 3)]
    for outcome in batch.run(jobs):
        assert outcome.deck is not None and outcome.deck.is_file()
        assert outcome.deck.name in (out / JOURNAL_FILE).read_text()


def test_a_deck_that_cannot_land_is_a_failed_file_and_the_rest_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards import batch
    from flashcards.deck import CARD_TYPES, PendingPackage
    from flashcards.errors import OutputError

    land = PendingPackage.land

    def full_disk_for_e02(self: PendingPackage) -> None:
        if self.path.name.startswith("2023-04-02"):
            self.discard()
            raise OutputError(
                "cannot write the deck (No space left on device)", path=str(self.path)
            )
        land(self)

    monkeypatch.setattr(PendingPackage, "land", full_disk_for_e02)
    out = tmp_path / "out"
    jobs = [batch.Job(path, out, CARD_TYPES) for path in editorials(tmp_path / "in", 3)]
    outcomes = list(batch.run(jobs))
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert "No space left on device" in (outcomes[1].error or "")
    assert outcomes[1].deck is None
    assert sorted(p.name[:10] for p in out.glob("*.apkg")) == ["2023-04-01", "2023-04-03"]
    assert not list(out.glob(".*.tmp"))
    monkeypatch.setattr(PendingPackage, "land", land)
    again = list(batch.run(jobs))  # only the file that failed is built again
    skipped = {Path(o.source).name: o.skipped for o in again}
    assert skipped == {"e01.txt": True, "e02.txt": False, "e03.txt": True}


def test_a_bug_while_writing_one_deck_is_one_failed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards import batch
    from flashcards.deck import CARD_TYPES

    prepare_deck = batch.prepare_deck

    def broken_for_e02(result, *args):  # type: ignore[no-untyped-def]
        if result.editorial.date == "2023-04-02":
            raise RuntimeError("a bug")
        return prepare_deck(result, *args)

    monkeypatch.setattr(batch, "prepare_deck", broken_for_e02)
    jobs = [batch.Job(p, tmp_path / "out", CARD_TYPES) for p in editorials(tmp_path / "in", 3)]
    outcomes = list(batch.run(jobs))
    assert [o.deck is not None for o in outcomes] == [True, False, True]
    assert "internal error (RuntimeError: a bug)" in (outcomes[1].error or "")
