"""The pipeline end to end on a small editorial."""

from __future__ import annotations

from flashcards.models import Occurrence, ReadingOptions, Sentence, TermMatch
from flashcards.pipeline import _teaching_order, build


def test_cards_for_every_term(editorial_text: str) -> None:
    result = build(editorial_text, "x.txt")
    by_term = {c.entry.term: c for c in result.cards}
    assert list(by_term) == ["lend", "divergent", "kick sb out"]
    lend = by_term["lend"].occurrences
    assert [o.surface for o in lend] == ["lent"]
    assert lend[0].zh_sentence == "克宮支持當局鎮壓。"
    assert "".join(w.text for w in lend[0].words) == lend[0].zh_sentence
    kick = by_term["kick sb out"].occurrences
    assert [o.surface for o in kick] == ["kicked out"]
    assert result.problems == ()


def test_unmatched_term_is_a_problem_and_still_a_card(editorial_text: str) -> None:
    text = editorial_text.replace("kick sb out：to force sb to leave", "abandon：to leave behind")
    result = build(text, "x.txt")
    card = result.cards[-1]
    assert card.entry.term == "abandon" and card.occurrences == ()
    assert "unmatched" in card.tags
    assert [(p.kind, p.term) for p in result.problems] == [("term-not-found", "abandon")]


def test_english_only_editorial_warns_and_builds() -> None:
    text = "The Kremlin has lent support.\n\n■/ Glossary 生字 /\n\nlend：to give\n"
    result = build(text, "x.txt")
    assert [o.zh_sentence for o in result.cards[0].occurrences] == [None]
    assert {p.kind for p in result.problems} == {"no-chinese", "no-audio"}


def test_best_example_first() -> None:
    def occ(index: int, zh: str | None, penalty: int) -> Occurrence:
        sentence = Sentence(f"Sentence {index}.", 0, index, 0, 11)
        return Occurrence(TermMatch(sentence, 0, 8, (), penalty), zh)

    plain, loose, close = occ(0, None, 0), occ(1, "一。", 3), occ(2, "二。", 0)
    assert sorted([plain, loose, close], key=_teaching_order) == [close, loose, plain]


def test_reading_options_reach_the_words(editorial_text: str) -> None:
    result = build(editorial_text, "x.txt", readings=ReadingOptions("numbers", jyutping=True))
    words = {w.text: w for w in result.cards[0].occurrences[0].words}
    assert words["支持"].syllables == ("zhi1", "chi2")
    assert words["支持"].jyutping == ("zi1", "ci4")
