"""Field HTML: escaped first, then marked up."""

from __future__ import annotations

import re

import pytest

from flashcards.editorial import parse_editorial
from flashcards.models import Card, GlossaryEntry, Occurrence, Sentence, TermMatch, Word
from flashcards.render import (
    blanked_sentence,
    card_fields,
    highlighted_sentence,
    jyutping_line,
    ruby,
    tone_of,
)


def without_tones(html: str) -> str:
    return re.sub(r'<span class="tone\d">(.*?)</span>', r"\1", html)


def occurrence(
    text: str, start: int, end: int, spans: tuple[tuple[int, int], ...] = ()
) -> Occurrence:
    return Occurrence(TermMatch(Sentence(text, 0, 0, 0, len(text)), start, end, spans))


def test_surface_in_bold_and_text_escaped() -> None:
    occ = occurrence("A <script>x</script> lent & more", 21, 25)
    assert highlighted_sentence(occ) == "A &lt;script&gt;x&lt;/script&gt; <b>lent</b> &amp; more"


def test_blank_keeps_slot_fillers() -> None:
    text = "We take their needs into account."
    occ = occurrence(text, 3, 32, ((3, 7), (20, 24), (25, 32)))
    assert blanked_sentence(occ) == (
        'We <span class="blank">[…]</span> their needs <span class="blank">[…]</span>.'
    )


def test_ruby_uses_ankis_furigana_syntax() -> None:
    words = [Word("南轅北轍", ("nán", "yuán", "běi", "zhé"), "nányuánběizhé"), Word("，", (), ""),
             Word("<b>", (), "")]  # fmt: skip
    assert without_tones(ruby(words)) == "南轅北轍[nán yuán běi zhé]，&lt;b&gt;"


def test_ruby_marks_the_words_of_the_equivalent() -> None:
    words = [Word("立場", ("lì", "chǎng"), ""), Word("南轅", ("nán", "yuán"), ""),
             Word("北轍", ("běi", "zhé"), ""), Word("。", (), "")]  # fmt: skip
    assert without_tones(ruby(words, "轅北")) == (
        '立場[lì chǎng]<span class="equiv"> 南轅[nán yuán] 北轍[běi zhé]</span>。'
    )


def test_fields_escape_glossary_text(editorial_text: str) -> None:
    ed = parse_editorial(editorial_text, "x.txt")
    entry = GlossaryEntry('<img src=x onerror="alert(1)">', "<script>alert(1)</script>", "/a&b/")
    fields = card_fields(Card(entry, (), (ed,)))
    assert "<img" not in fields["Term"] and "&lt;img" in fields["Term"]
    assert "<script>" not in fields["Definition"]
    assert fields["IPA"] == "/a&amp;b/"
    assert (
        fields["Audio"]
        == '<a href="https://link.mingpao.com/53000.htm">link.mingpao.com/53000.htm</a>'
    )
    assert fields["Context"] == "" and fields["Examples"] == ""


@pytest.mark.parametrize(
    ("syllable", "tone"),
    [("nán", 2), ("zhé", 2), ("lǜ", 4), ("de", 5), ("nan2", 2), ("de5", 5), ("lv4", 4), ("ā", 1)],
)
def test_tone_of(syllable: str, tone: int) -> None:
    assert tone_of(syllable) == tone


def test_ruby_readings_carry_tone_classes() -> None:
    words = [Word("南轅", ("nán", "yuán"), "nányuán")]
    assert ruby(words) == '南轅[<span class="tone2">nán</span> <span class="tone2">yuán</span>]'


def test_jyutping_field_and_line() -> None:
    words = (Word("關係", ("guān", "xì"), "guānxì", ("gwaan1", "hai6")), Word("。", (), ""))
    assert jyutping_line(words) == "gwaan1hai6"
