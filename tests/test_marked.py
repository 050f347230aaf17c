"""Marked terms end to end: a teacher's list, forced formats, deck roots, what cards show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from flashcards.cli import main
from flashcards.models import GlossaryEntry, MarkOptions
from flashcards.pipeline import build, build_file, deck_data, write_deck
from flashcards.readers import reader_names
from flashcards.render import card_fields

PLAIN = "The council will tackle the housing shortage. Officials gave their consent to a review.\n"
INLINE = (
    "The council vowed to tackle (著手對付) the shortage. "
    "Inspectors will examine (檢查) each flat. Officials gave their consent (同意).\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.txt"
    path.write_text(PLAIN, encoding="utf-8")
    return path


@pytest.fixture
def term_list(tmp_path: Path) -> Path:
    path = tmp_path / "my-terms.txt"
    path.write_text("tackle 著手對付\nconsent：permission for something to happen\n", "utf-8")
    return path


def test_a_text_without_marks_says_how_to_supply_terms(plain: Path) -> None:
    code, out, err = run("show", str(plain))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {plain}: no glossary block found;")
    assert err.endswith("or give your own list with --terms FILE\n")


def test_a_text_without_marks_builds_from_a_teachers_list(
    plain: Path, term_list: Path, tmp_path: Path
) -> None:
    code, out, err = run("show", "--json", "--terms", str(term_list), str(plain))
    assert code == 0, err
    data = json.loads(out)
    assert data["editorial"]["forms"] == {"terms": 2}
    assert [(t["term"], t["zh"], t["form"], t["definition"]) for t in data["terms"]] == [
        ("tackle", "著手對付", "terms", ""),
        ("consent", None, "terms", "permission for something to happen"),
    ]
    assert [t["occurrences"][0]["surface"] for t in data["terms"]] == ["tackle", "consent"]
    code, out, err = run("build", "--terms", str(term_list), str(plain), "-o", str(tmp_path))
    assert code == 0, err
    assert out.endswith("(2 notes)\n")


def test_terms_only_replaces_the_texts_own_marks(tmp_path: Path, term_list: Path) -> None:
    page = tmp_path / "inline.txt"
    page.write_text(INLINE, encoding="utf-8")
    code, out, _ = run("show", "--json", str(page))
    assert [t["term"] for t in json.loads(out)["terms"]] == ["tackle", "examine", "consent"]
    code, out, _ = run("show", "--json", "--terms", str(term_list), "--terms-only", str(page))
    data = json.loads(out)
    assert code == 0
    assert data["editorial"]["forms"] == {"terms": 2}
    assert [t["term"] for t in data["terms"]] == ["tackle", "consent"]
    code, out, _ = run("show", "--json", "--terms", str(term_list), str(page))
    data = json.loads(out)
    assert data["editorial"]["forms"] == {"inline-zh": 3, "terms": 2}
    assert [(t["term"], t["zh"], t["definition"]) for t in data["terms"]] == [
        ("tackle", "著手對付", ""),
        ("examine", "檢查", ""),
        ("consent", "同意", "permission for something to happen"),  # merged
    ]


def test_terms_only_without_a_list_is_a_usage_error(plain: Path) -> None:
    code, _, err = run("show", "--terms-only", str(plain))
    assert code == 2
    assert "Error: --terms-only needs a term list: give it with --terms FILE" in err


def test_an_unknown_format_is_a_usage_error_naming_the_readers(plain: Path) -> None:
    code, _, err = run("show", "--format", "bullets", str(plain))
    assert code == 2
    assert "'bullets' is not one of " + ", ".join(f"'{n}'" for n in reader_names()) in err


def test_a_forced_format_reads_only_that_form(tmp_path: Path) -> None:
    page = tmp_path / "inline.txt"
    page.write_text(INLINE, encoding="utf-8")
    code, _, err = run("show", "--format", "list", str(page))
    assert code == 1
    assert "no glossary block found" in err


def test_show_names_the_forms_found(tmp_path: Path) -> None:
    page = tmp_path / "inline.txt"
    page.write_text(INLINE, encoding="utf-8")
    code, out, _ = run("show", str(page))
    assert code == 0
    assert "  marked as: inline-zh 3" in out.splitlines()
    assert "  中文  著手對付" in out.splitlines()


def test_deck_root_comes_from_the_source_unless_given(tmp_path: Path) -> None:
    page = tmp_path / "Young Post" / "week.txt"
    page.parent.mkdir()
    page.write_text(INLINE, encoding="utf-8")
    result = build(INLINE, str(page))
    assert deck_data(result).name == "Young Post::undated week"
    assert result.editorial.id == "undated-week"  # pages of a column share their first line
    assert "ming-pao-editorial" not in result.cards[0].tags
    named = build(INLINE, str(page), marks=MarkOptions(deck="S4 English"))
    assert deck_data(named).name.startswith("S4 English::")
    assert deck_data(build(INLINE)).name.startswith("Flashcards::")


def test_ming_pao_editorials_keep_their_root(editorial_text: str) -> None:
    assert deck_data(build(editorial_text, "x/e.txt")).name.startswith("Ming Pao Editorials::")
    named = build(editorial_text, "x/e.txt", marks=MarkOptions(deck="Class 4A"))
    assert deck_data(named).name.startswith("Class 4A::")
    assert "ming-pao-editorial" in named.cards[0].tags  # the page is still Ming Pao's


def test_a_card_without_a_definition_shows_the_gloss() -> None:
    (tackle, *_) = build(INLINE).cards
    fields = card_fields(tackle)
    assert fields["Definition"] == "著手對付"
    assert fields["Equivalent"] == "著手對付"
    # no Chinese text: the gloss itself is read, highlighted, so the Chinese card has a front
    assert '<span class="equiv">' in fields["Reading"] and "shǒu" in fields["Reading"]
    assert fields["Chinese"] == '<div class="zh"><span class="equiv">著手對付</span></div>'


def test_a_term_marked_in_chinese_shows_its_sentence() -> None:
    text = "政府推出紓困措施,以解市民燃眉之急(urgent needs)。例句: The fund meets urgent needs.\n"
    (card,) = build(text).cards
    fields = card_fields(card)
    assert card.entry.gloss == "燃眉之急"
    assert card.occurrences[0].en_sentence == "The fund meets urgent needs."  # the page's example
    assert '<span class="equiv">燃眉之急</span>' in fields["Chinese"]
    assert fields["Chinese"].startswith('<div class="zh">政府推出紓困措施')


def test_the_gloss_is_highlighted_in_the_aligned_chinese() -> None:
    text = "The council vowed to tackle (著手對付) the problem.\n\n議會誓言著手對付這個問題。\n"
    (card,) = build(text).cards
    assert card.occurrences[0].zh_equivalent == "著手對付"


def test_footnote_markers_and_notes_are_no_part_of_the_text() -> None:
    text = (
        "The runway will cement its position (note 1) for decades.\n"
        "Useful expressions:\n"
        "(note 1) cement its position=鞏固地位。\n"
        "例句: The deal will cement its position.\n"
        "(note 9) a note no marker calls\n"
    )
    result = build(text)
    assert result.editorial.en_paragraphs == ("The runway will cement its position for decades.",)
    (card,) = result.cards
    assert [o.en_sentence for o in card.occurrences] == [
        "The runway will cement its position for decades."
    ]


def test_a_list_page_imports_into_anki_with_its_chinese_cards(anki: Any, tmp_path: Path) -> None:
    page = tmp_path / "Young Post" / "week-of-may7.txt"
    page.parent.mkdir()
    page.write_text(
        "1. 劏房 - subdivided flats\n\nMany people live in subdivided flats.\n\n"
        "2. 限聚令 - gathering ban\n\nThe gathering ban was extended.\n",
        encoding="utf-8",
    )
    deck, count = write_deck(build_file(page), tmp_path / "decks")
    log = anki.import_package(deck)
    assert len(log.new) == count == 2
    flats = anki.notes_by_term()["subdivided flats"]
    assert flats["Definition"] == flats["Equivalent"] == "劏房"
    assert "<b>subdivided flats</b>" in flats["Examples"]
    assert "marked-text" in flats.tags
    # no Chinese text on the page: the gloss itself is the Chinese card's front
    assert {c.template()["name"] for c in flats.cards()} == {
        "Recognition",
        "Context",
        "Chinese → English",
    }
    names = {d.name for d in anki.col.decks.all_names_and_ids()}
    assert "Young Post::undated week-of-may7" in names


def test_terms_only_ignores_a_glossary_block_it_cannot_read() -> None:
    text = "The council will tackle it.\n\n■/ Glossary 生字 /\n\na term without definition\n"
    mine = (GlossaryEntry("tackle", "", form="terms"),)
    result = build(text, marks=MarkOptions(terms=mine, terms_only=True))
    assert [c.entry.term for c in result.cards] == ["tackle"]


def test_show_prints_the_chinese_sentence_of_a_term_marked_in_chinese_prose(
    tmp_path: Path,
) -> None:
    path = tmp_path / "column.txt"
    path.write_text("政府推出紓困措施,以解市民燃眉之急(urgent needs)。\n", "utf-8")
    code, out, err = run("show", str(path))
    assert code == 0, err
    block = out.split("■ urgent needs", 1)[1]
    assert "ZH  政府推出紓困措施,以解市民燃眉之急(urgent needs)。" in block
    assert "PY  zhèngfǔ" in block
    assert "not found in the text" not in block


def test_a_page_that_is_only_a_dictionary_style_list_builds_from_its_examples(
    tmp_path: Path,
) -> None:
    path = tmp_path / "unit1.txt"
    path.write_text(
        "Unit 1 Vocabulary\n"
        "1. brave adj. not afraid of danger 勇敢的 It was brave of her to speak.\n"
        "2. humble adj. modest about oneself 謙遜的 He is surprisingly humble.\n",
        "utf-8",
    )
    result = build_file(path)
    cards = {c.entry.term: c for c in result.cards}
    assert set(cards) == {"brave", "humble"}
    assert cards["brave"].entry.definition == "not afraid of danger"
    assert [o.match.surface for o in cards["humble"].occurrences] == ["humble"]


def test_a_chinese_label_before_an_english_line_is_not_part_of_its_sentence(
    tmp_path: Path,
) -> None:
    path = tmp_path / "words.txt"
    path.write_text(
        "★Defy(違抗) /dɪˈfaɪ/\n\n新聞標題:Workers were told to defy the order.\n\n"
        "★Suspend(暫停) /səˈspend/\n\n新聞標題:The city will suspend ferry services.\n",
        "utf-8",
    )
    card = next(c for c in build_file(path).cards if c.entry.term == "defy")
    assert card.occurrences[0].en_sentence == "Workers were told to defy the order."


def test_inline_glosses_leave_the_english_sentence_the_card_shows() -> None:
    text = (
        "Parents still cling to (堅持/依附) the belief that a degree is a sure-fire "
        "(萬無一失的) ticket to a decent (體面的) job.\n"
    )
    result = build(text)
    glosses = {c.entry.term: c.entry.gloss for c in result.cards}
    assert glosses == {"cling to": "堅持/依附", "sure-fire": "萬無一失的", "decent": "體面的"}
    sentence = (
        "Parents still cling to the belief that a degree is a sure-fire ticket to a decent job."
    )
    assert {o.en_sentence for c in result.cards for o in c.occurrences} == {sentence}
