"""Term matching: a dictionary-form term → the surface that realises it in a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.matching import find_in_sentence, find_matches
from flashcards.models import Sentence


def sentence(text: str) -> Sentence:
    return Sentence(text, 0, 0, 0, len(text))


# (term, sentence, expected surface or None for "no match")
CASES = [
    # inflections, regular and irregular
    ("lend", "The Kremlin has lent support to the authorities.", "lent"),
    ("lend", "Banks are lending more money.", "lending"),
    ("seek", "Officials sought the views of parents.", "sought"),
    ("plumb", "Relations kept plumbing new lows.", "plumbing"),
    ("crisis", "The city has weathered many crises.", "crises"),
    ("criterion", "Applicants must meet the criteria set by the board.", "criteria"),
    ("antibody", "Those who recovered have antibodies.", "antibodies"),
    ("mutate", "Omicron is the most heavily mutated variant.", "mutated"),
    ("hover", "Cases have been hovering around 200.", "hovering"),
    ("tense up", "Such outbreaks would have caused all parties to get tensed up.", "tensed up"),
    ("bear the brunt of sth", "Small shops bore the brunt of the slowdown.", "bore the brunt of"),
    ("slim", "The chance is slimmer than before.", "slimmer"),
    ("slim", "It is the slimmest majority in years.", "slimmest"),
    # placeholder slots, including dropped objects and changed determiners
    ("plumb the depths of sth", "Relations have kept plumbing new depths.", "plumbing new depths"),
    (
        "inflict sth on sb/sth",
        "Poor governance has inflicted irremediable damage on Hong Kong.",
        "inflicted irremediable damage on",
    ),
    (
        "devote sth to sth",
        "He devoted one-quarter of his policy address to housing.",
        "devoted one-quarter of his policy address to",
    ),
    ("urge sb to do sth", "They are urging legislators to vote for it.", "urging legislators to"),
    (
        "bring sth under control",
        "It is hard to bring the pandemic under control.",
        "bring the pandemic under control",
    ),
    (
        "deal a blow to sb/sth",
        "The result dealt a heavy blow to the camp.",
        "dealt a heavy blow to",
    ),
    ("take issue with sb/sth", "Critics are taking issue with the plan.", "taking issue with"),
    ("hasten to do sth", "Officials hastened to deny the report.", "hastened to"),
    ("be on the brink of sth", "The city is on the brink of a fifth wave.", "is on the brink of"),
    ("be exempt from sth", "Aircrew were not exempt from quarantine.", "exempt from"),
    ("lose one's temper", "He lost his temper at the meeting.", "lost his temper"),
    # phrasal verbs split by their object
    ("kick sb out", "Europe and the US kicked Russia out of the club.", "kicked Russia out"),
    ("kick sb out", "In the end, Russia was kicked out by Europe.", "kicked out"),
    (
        "take sth into account",
        "They must take their concerns into account.",
        "take their concerns into account",
    ),
    ("mess sth up", "Tariffs could mess up its game plan.", "mess up"),
    ("rule sth out", "Experts cannot rule out a lockdown.", "rule out"),
    ("prop sth up", "Subsidies prop up the failing firms.", "prop up"),
    # optional words and variants in the glossary form
    ("(be) on the verge of sth", "Hong Kong on the verge of a fifth wave.", "on the verge of"),
    ("rein in/back sth", "The bank reined back spending.", "reined back"),
    ("rein in/back sth", "The bank reined in spending.", "reined in"),
    ("give advice, help, etc.", "They give advice to newcomers.", "give advice"),
    ("turn the tide.", "Nothing could turn the tide.", "turn the tide"),
    # spelling and typography
    ("die-hard", "Even die\u2011hard supporters were upset.", "die\u2011hard"),
    ("heavy-handed", "It backed the heavy-handed crackdown.", "heavy-handed"),
    ("lend", "LENT support to the protest, they said.", "LENT"),
    ("mark sth", "TODAY (July 1) marks the anniversary.", "marks"),
    ("do the rounds", "Rumours are doing the rounds in the city.", "doing the rounds"),
    ("window of opportunity", "There is a narrow window of opportunity.", "window of opportunity"),
    ("universal suffrage", "''universal suffrage'' is the goal.", "universal suffrage"),
    ("defence", "Russia's western border would be defenseless without its defenses.", "defenses"),
    ("defense", "Hong Kong strengthened its defences.", "defences"),
    ("organize", "The groups organised a march.", "organised"),
    ("organise", "They are organizing a rally.", "organizing"),
    ("colour", "The colors of the flag.", "colors"),
    ("centre", "A new community center opened.", "center"),
    ("heatstroke", "Workers suffered heat-stroke in July.", "heat-stroke"),
    ("die-hard", "The diehard fans stayed.", "diehard"),
    ("analyse", "Experts analyzed the data.", "analyzed"),
    # no false hits
    ("lend", "The calendar is full.", None),
    ("stem from sth", "The stem of the plant is green.", None),
    ("in view of sth", "The view from the peak is fine.", None),
    ("be exempt from sth", "Exemptions were granted to some groups.", None),
    ("plumb the depths of sth", "Relations hit rock bottom this year.", None),
    ("take place", "The place was taken by another team.", None),
    ("back off", "The back of the building is off limits.", None),
    ("turn the tide", "The tide turned at noon.", None),
    ("handover", "They handed over the keys.", None),
    ("pointed", "The point is clear.", None),
    ("four", "The hour has come.", None),
    ("four", "It is for you.", None),
]


@pytest.mark.parametrize(("term", "text", "surface"), CASES)
def test_term_surface(term: str, text: str, surface: str | None) -> None:
    match = find_in_sentence(term, sentence(text))
    if surface is None:
        assert match is None, f"{term!r} wrongly matched {match and match.surface!r}"
    else:
        assert match is not None, f"{term!r} not found in {text!r}"
        assert match.surface == surface


def test_every_sentence_is_found_in_text_order() -> None:
    texts = ["A cluster was found.", "Nothing here.", "Two more clusters emerged.", "Cluster!"]
    sentences = [Sentence(t, 0, i, 0, len(t)) for i, t in enumerate(texts)]
    found = find_matches("cluster", sentences)
    assert [m.sentence.index for m in found] == [0, 2, 3]
    assert [m.surface for m in found] == ["cluster", "clusters", "Cluster"]


def test_word_spans_leave_slot_fillers_out() -> None:
    m = find_in_sentence("take sth into account", sentence("We take their needs into account."))
    assert m is not None
    words = [m.sentence.text[a:b] for a, b in m.word_spans]
    assert words == ["take", "into", "account"]


@given(st.text(max_size=200))
def test_surface_is_the_span_it_claims(text: str) -> None:
    m = find_in_sentence("take sth into account", sentence(text))
    if m is not None:
        assert text[m.start : m.end] == m.surface
        assert all(m.start <= a < b <= m.end for a, b in m.word_spans)
