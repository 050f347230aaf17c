"""Corrections files: their format, and the pipeline and CLI applying them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.cli import main
from flashcards.corrections import (
    AddedTerm,
    Corrections,
    corrections_path,
    load,
    parse,
    save,
)
from flashcards.errors import InputError
from flashcards.pipeline import build_file, sample_path

FULL = Corrections(
    remove=("seek",),
    add=(AddedTerm("trial scheme", "a plan tried for a while", "試驗計劃"),),
    definitions=(("cramped", "too small <for> people"),),
    first=(("cramped", "For students from"),),
    words=(("自修室", "zì xiū shì"),),
    cards=("recognition", "chinese"),
    tone_numbers=False,
    jyutping=True,
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "library.txt"
    shutil.copy(sample_path(), path)
    return path


def test_file_round_trips_and_reads_as_toml_by_hand(sample: Path) -> None:
    written = save(sample, FULL)
    assert written == sample.with_name("library.corrections.toml")
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Corrections to library.txt")
    assert 'remove = [\n    "seek",\n]' in text or 'remove = ["seek"]' in text
    assert load(sample) == FULL


def test_empty_corrections_remove_the_file(sample: Path) -> None:
    save(sample, FULL)
    save(sample, Corrections())
    assert not corrections_path(sample).exists()
    assert load(sample) == Corrections()


def test_pipeline_applies_every_correction(sample: Path) -> None:
    save(sample, FULL)
    result = build_file(sample)
    by_term = {c.entry.term: c for c in result.cards}
    assert "seek" not in by_term
    assert by_term["cramped"].entry.definition == "too small <for> people"
    assert by_term["cramped"].occurrences[0].en_sentence.startswith("For students from")
    added = by_term["trial scheme"]
    assert added.entry.definition == "a plan tried for a while"
    assert added.occurrences[0].surface == "trial scheme"
    assert added.occurrences[0].zh_equivalent == "試驗計劃"
    assert all(w.jyutping for o in added.occurrences for w in o.words if w.syllables)
    zixiushi = [w for o in added.occurrences for w in o.words if w.text == "自修室"]
    assert zixiushi and zixiushi[0].syllables == ("zì", "xiū", "shì")
    assert result.card_types == ("recognition", "chinese")
    assert not [p for p in result.problems if p.kind == "correction-unused"]


def test_without_corrections_the_deck_is_as_before(sample: Path) -> None:
    terms = [c.entry.term for c in build_file(sample).cards]
    assert terms == ["cramped", "seek", "take sth into account", "facility", "cater for sb/sth"]


def test_a_correction_naming_no_term_is_a_problem_not_an_error(sample: Path) -> None:
    save(sample, Corrections(remove=("nonsense",), first=(("seek", "No such sentence"),)))
    result = build_file(sample)
    unused = [p for p in result.problems if p.kind == "correction-unused"]
    assert [p.term for p in unused] == ["nonsense", "seek"]


def test_a_text_without_glossary_builds_from_added_terms(tmp_path: Path) -> None:
    text = sample_path().read_text(encoding="utf-8").split("■/ Glossary")[0]
    path = tmp_path / "plain.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="no glossary block found"):
        build_file(path)
    save(path, Corrections(add=(AddedTerm("cramped"), AddedTerm("survey", "questions asked"))))
    result = build_file(path)
    assert [(c.entry.term, c.entry.definition) for c in result.cards] == [
        ("cramped", ""),
        ("survey", "questions asked"),
    ]
    assert result.cards[0].occurrences


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("remove = seek", "the corrections are not valid TOML"),
        ("colour = 1", "unknown key 'colour' in the corrections"),
        ("remove = [1]", "'remove' in the corrections must be a list of non-empty texts"),
        ('cards = ["audio"]', "'cards' lists audio; choose from recognition, context, chinese"),
        ("jyutping = 1", "'jyutping' in the corrections must be true or false"),
        ("[definitions]\nx = 1", "[definitions] in the corrections must map each term to a text"),
        ('[[add]]\ndefinition = "x"', 'each [[add]] in the corrections needs a term = "…"'),
        ('[[add]]\nterm = "   "', 'each [[add]] in the corrections needs a term = "…"'),
        ("remove = " + "[" * 3000 + "]" * 3000, "the corrections are not valid TOML: nested"),
    ],
)
def test_bad_corrections_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InputError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        parse(text)


def test_cli_build_names_the_corrections_file_in_its_error(sample: Path, tmp_path: Path) -> None:
    corrections_path(sample).write_text("remove = seek\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(sample), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {corrections_path(sample)}: the corrections are not valid TOML"
    )
    assert len(result.stderr.splitlines()) == 1


def test_cli_rebuilds_when_only_the_corrections_change(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["build", str(sample), "-o", str(out)])
    assert first.stdout.endswith("(5 notes)\n")
    again = CliRunner().invoke(main, ["build", str(sample), "-o", str(out)])
    assert again.stdout.endswith("(unchanged)\n")
    save(sample, Corrections(remove=("seek",)))
    corrected = CliRunner().invoke(main, ["build", str(sample), "-o", str(out)])
    assert corrected.stdout.endswith("(4 notes)\n"), corrected.stderr
