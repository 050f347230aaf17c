"""Sentence splitting: abbreviations do not end sentences; no text is lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.sentences import split_chinese, split_english


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Europe and the US slapped sanctions. Then it ended.", 2),
        ("Joining the Group of Eight (G8) was once an achievement. In the end, it failed.", 2),
        ("Prices rose 3.5 per cent, i.e., more than wages. Workers noticed.", 2),
        ("He said ''no''. She left.", 2),
        ("Mr. Lee met Dr. Chan at 9 a.m. on Monday.", 1),
        ("One. Two! Three?", 3),
        # a stop glued to the next sentence, as copied from a PDF
        ("He was hit on the head.Since then he has rested.", 2),
        ("It hit the SAR.However, the plan failed.", 2),
        ("Prices rose in 2014.The next year they fell.", 2),
        ('He said "enough."Then he left.', 2),
        ("Why wait?Because it is late.", 2),
        # ... but not after an abbreviation, an initial or inside a dotted name
        ("The U.S.President and Mr.Lee met at St.Paul's church.", 1),
        ("Mrs.Chan and Dr.Wong met Prof.Lam.", 1),
        ("Visit mingpao.com today, e.g.At noon.", 1),
        ("See www.News.gov.hk for more.", 1),
        ('He said, "Rain has doubled." Then he left.', 2),
    ],
)
def test_english_sentence_count(paragraph: str, expected: int) -> None:
    assert len(split_english(paragraph)) == expected


def test_chinese_sentences_end_at_full_stops_and_quotes() -> None:
    text = "他說：「不行。」我們走吧！是嗎？還有餘下"
    assert [s.text for s in split_chinese(text)] == [
        "他說：「不行。」",
        "我們走吧！",
        "是嗎？",
        "還有餘下",
    ]


def test_small_form_question_and_exclamation_marks_end_chinese_sentences() -> None:
    # ﹖ and ﹗ (U+FE56, U+FE57) come from Big5 pages in Hong Kong
    assert [s.text for s in split_chinese("市民準備好嗎﹖當然﹗好")] == [
        "市民準備好嗎﹖",
        "當然﹗",
        "好",
    ]


@given(st.text(max_size=300))
def test_english_split_loses_no_text(paragraph: str) -> None:
    sentences = split_english(paragraph)
    for s in sentences:
        assert paragraph[s.start : s.end] == s.text
    assert "".join("".join(s.text for s in sentences).split()) == "".join(paragraph.split())


@given(st.text(alphabet=st.sampled_from("美俄關係。！？」「，ab 1"), max_size=200))
def test_chinese_split_loses_no_text(paragraph: str) -> None:
    sentences = split_chinese(paragraph)
    assert "".join("".join(s.text for s in sentences).split()) == "".join(paragraph.split())
    for s in sentences:
        assert paragraph[s.start : s.end] == s.text


def test_mixed_quote_styles_do_not_join_the_sentences_after_them() -> None:
    paragraph = (
        'Remember the phrase "Christian Soldiers, Creative Explorers”, our goal this year. '
        '"Christian Soldiers" carries two meanings. First, we serve others. '
        "Second, we explore."
    )
    assert [s.text for s in split_english(paragraph)] == [
        'Remember the phrase "Christian Soldiers, Creative Explorers”, our goal this year.',
        '"Christian Soldiers" carries two meanings.',
        "First, we serve others.",
        "Second, we explore.",
    ]


def _pysbd_own_spans(text: str) -> list[tuple[str, int, int]]:
    """pysbd's spans with its own English rules, all 188 abbreviations tried."""
    import copy

    from pysbd.lang.english import English

    from flashcards.sentences import _segmenter

    own = copy.copy(_segmenter())
    own.language_module = English
    return [(s.sent, s.start, s.end) for s in own.segment(text)]


_ABBREVIATED = st.lists(
    st.sampled_from(
        "Mr. Mr no. No. No p. 5 St. st vs. etc. e.g. i.e. U.S. a.m. Gen. approx. fig. Fig. "
        "(1) A. i. I the he said it. rose Ph.D. \u0130. \u212a. \u017ft. \u0131. Co. Inc. "
        "xMr. (Mr. meeting. Ing. ing. this. Is. \tMr. \nNo. pp. Art. ".split()
    ),
    max_size=30,
).map(" ".join)


_LISTED = st.lists(
    st.sampled_from(
        "a. b. c. i. ii. iii. x. (a) (b) (i) (ii) a) b) 1. 2. 3. 1) 2) 10. 11. 9. 0. - ⁃ - "
        "the He said I Mr. U.S. p.m. a.m. P.M. 5 3.5 ! ? !! ?! ... .... . . . ( ) [ ] « » "
        "“ ” ‘ ’ ' \" -- , : ; Co. KG 's x.com .pdf 45° \r \n Yahoo! ♨ ☝ ∯ ƪƪƪ &ᓴ& ȸ".split(" ")
    ),
    max_size=30,
).map(" ".join)


def _our_spans(text: str) -> list[tuple[str, int, int]]:
    from flashcards.sentences import _segmenter

    return [(s.sent, s.start, s.end) for s in _segmenter().segment(text)]


# abbreviations; lists, quotes, brackets, ellipses, numbers and pysbd's own placeholders
@pytest.mark.parametrize("texts", [_ABBREVIATED, _LISTED], ids=["abbreviations", "rules"])
@given(data=st.data())
def test_english_rules_skipped_only_where_they_change_nothing(
    texts: st.SearchStrategy[str], data: st.DataObject
) -> None:
    text = data.draw(texts)
    assert _our_spans(text) == _pysbd_own_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "a. Apples b. Bananas c. Cherries.",
        "Choose: a. one b. two.",
        "(a) one (b) two (c) three.",
        "a) one b) two.",
        "i. one ii. two iii. three.",
        "1. One 2. Two 3. Three.",
        "1.) One 2.) Two.",
        "-1. One -2. Two",
        "1) One 2) Two 3) Three.",
        "He said ... Then left. 45°. 3 p.m. Co. KG. Really?! Yes!!! “Go.” (See 2.) Fine.",
        "Meet at 5 P.M. The talk ends at 6 a.m. Then -- as said. -- we go. He said 'no. ok.' "
        "and left (see p. 5). Prices rose.[12] Then they fell. Use Yahoo! Mail. ‘A. b.’ «c. d.»",
    ],
)
def test_english_lists_as_pysbd_reads_them(text: str) -> None:
    assert _our_spans(text) == _pysbd_own_spans(text)
