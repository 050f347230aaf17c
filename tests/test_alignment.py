"""Alignment: made-up parallel paragraphs (lead skipped, 2-1, 1-0, numbers) and the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashcards import dictionary
from flashcards.alignment import (
    EDITORIAL_REDUNDANT,
    MIN_CONFIDENCE,
    _Features,
    _rescue,
    align_editorial,
    align_units,
    chinese_numeral_value,
    estimate_ratio,
)
from flashcards.sentences import split_chinese, split_english

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _zh_of(alignments, english_start: str) -> str:  # type: ignore[no-untyped-def]
    for a in alignments:
        if any(s.text.startswith(english_start) for s in a.en):
            return str(a.zh_text)
    raise AssertionError(f"no alignment for {english_start!r}")


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("十", 10),
        ("十五", 15),
        ("三百六十五", 365),
        ("兩千", 2000),
        ("一萬二千", 12000),
        ("七", 7),
        ("二十一", 21),
    ],
)
def test_chinese_numeral_value(numeral: str, value: int) -> None:
    assert chinese_numeral_value(numeral) == value


def test_chinese_numeral_value_rejects_other_text() -> None:
    assert chinese_numeral_value("十年") is None


def test_short_text_ratio_is_shrunk_towards_the_prior() -> None:
    # one short paragraph whose Chinese is half missing must not set the ratio alone
    assert 0.2 < estimate_ratio(300, 45) < 0.29


def test_dictionary_indexes_both_scripts() -> None:
    cedict = dictionary.load()
    assert "to collude with" in cedict.lookup("勾結")
    assert cedict.lookup("勾结") == cedict.lookup("勾結")
    assert {"北約", "北约"} <= cedict.translations("NATO")
    assert "拜登" in cedict.translations("biden")


def test_dictionary_is_loaded_once() -> None:
    assert dictionary.load() is dictionary.load()


def test_words_in_finds_headwords_with_offsets() -> None:
    found = set(dictionary.load().words_in("拜登與普京會面"))
    assert (0, "拜登") in found and (3, "普京") in found


# Made-up editorial: a Chinese lead paragraph with no English, a 2-1 bead, a 1-0 sentence.
EN = (
    "The leaders of the US and Russia met in Geneva on Wednesday. Biden and Putin agreed to "
    "return their ambassadors. In 2014, Russia annexed Crimea.",
    "The government announced a new plan for public libraries. Eight libraries will stay "
    "open until 11pm. Students welcomed the decision, saying that the quiet rooms in the "
    "libraries would help them prepare for their examinations in the coming months.",
)
ZH = (
    "社評按：本文原載於本報，讀者來函請寄編輯部，歡迎發表意見，亦可電郵本報，編輯部保留刪改來稿的權利。",
    "美俄領袖周三在日內瓦會晤，拜登與普京同意恢復互派大使。2014年，俄國吞併克里米亞。",
    "政府宣布公共圖書館新計劃，八間圖書館將開放至晚上11時。",
)


def test_lead_paragraph_is_skipped_and_two_english_sentences_share_one_chinese() -> None:
    _, alignments = align_editorial(EN, ZH)
    zh_first = _zh_of(alignments, "The leaders")
    zh_second = _zh_of(alignments, "Biden and Putin")
    assert zh_first == zh_second == "美俄領袖周三在日內瓦會晤，拜登與普京同意恢復互派大使。"


def test_numbers_pick_the_right_sentence() -> None:
    _, alignments = align_editorial(EN, ZH)
    assert _zh_of(alignments, "In 2014") == "2014年，俄國吞併克里米亞。"


def test_untranslated_english_sentence_gets_no_chinese() -> None:
    _, alignments = align_editorial(EN, ZH)
    assert _zh_of(alignments, "Eight libraries") == ZH[2]
    assert _zh_of(alignments, "Students welcomed") == ""


def test_every_english_sentence_appears_once() -> None:
    sentences, alignments = align_editorial(EN, ZH)
    aligned = [s for a in alignments for s in a.en]
    assert aligned == list(sentences)
    assert all(0.0 <= a.score <= 1.0 for a in alignments)
    assert all(a.score >= MIN_CONFIDENCE for a in alignments if a.zh)


def test_english_without_chinese_paragraphs() -> None:
    sentences, alignments = align_editorial(EN, ())
    assert len(alignments) == len(sentences) and not any(a.zh for a in alignments)


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("Cats sleep.", "今天天氣很好，我們去公園散步吧。"),  # no word in common
        ("A" * 3000 + " is a long paragraph.", "短。"),  # the worst length fit
        ("", "今天天氣很好。"),  # an empty side
    ],
)
def test_one_paragraph_on_each_side_always_makes_one_bead(en: str, zh: str) -> None:
    """What lets align_editorial pair them without weighing any evidence."""
    from flashcards.alignment import PARAGRAPH_BEADS, _one_to_one_always

    assert _one_to_one_always()
    beads = align_units([en], [zh], PARAGRAPH_BEADS)
    assert [(b.en, b.zh) for b in beads] == [((0,), (0,))]


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        (
            "Biden met Putin in Geneva. Russia annexed Crimea in 2014. NATO was worried.",
            "拜登在日內瓦會見普京。俄國在2014年吞併克里米亞。北約感到憂慮。",
        ),
        ("Cats sleep. Dogs bark loudly at night.", "今天天氣很好，我們去公園散步吧。"),
    ],
)
def test_one_paragraph_editorials_align_as_without_the_shortcut(
    en: str, zh: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards import alignment

    quick = alignment.align_editorial([en], [zh])
    monkeypatch.setattr(alignment, "_one_to_one_always", lambda: False)
    assert alignment.align_editorial([en], [zh]) == quick


def test_align_units_one_to_one_beads_have_high_confidence() -> None:
    en = ["Biden met Putin in Geneva.", "Russia annexed Crimea in 2014.", "NATO was worried."]
    zh = ["拜登在日內瓦會見普京。", "俄國在2014年吞併克里米亞。", "北約感到憂慮。"]
    beads = align_units(en, zh)
    assert [(b.en, b.zh) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert min(b.confidence for b in beads) > 0.5


def test_align_units_without_dictionary_still_covers_everything() -> None:
    en = ["One.", "Two sentences here.", "Three."]
    zh = ["一。", "二。"]
    beads = align_units(en, zh, lexical=False)
    assert sorted(i for b in beads for i in b.en) == [0, 1, 2]
    assert sorted(j for b in beads for j in b.zh) == [0, 1]


def test_corpus_chinese_sentences_match_gold() -> None:
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    from flashcards.editorial import parse_editorial

    right = total = 0
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        src = CORPUS / (gold_path.stem + ".txt")
        editorial = parse_editorial(src.read_text(encoding="utf-8"), str(src))
        if not editorial.zh_paragraphs:
            continue
        _, alignments = align_editorial(editorial.en_paragraphs, editorial.zh_paragraphs)
        by_sentence = {s.text: a for a in alignments for s in a.en}
        for term in json.loads(gold_path.read_text(encoding="utf-8"))["terms"]:
            for occ in term["occurrences"]:
                got = by_sentence[occ["en_sentence"]].zh_text or None
                want = occ["zh_sentence"]
                total += 1
                right += got == want or bool(
                    got
                    and want
                    and got in want
                    and occ["zh_equivalent"]
                    and occ["zh_equivalent"] in got
                )
    assert total >= 20
    assert right / total >= 0.95


def test_dates_and_scaled_numbers_meet_across_scripts() -> None:
    from flashcards.alignment import _chinese_numbers, _english_numbers

    english = _english_numbers("On January 28, 2023 it set aside $150 billion.")
    chinese = _chinese_numbers("二〇二三年一月二十八日，政府預留一千五百億元。")
    assert {"2023", "月1", "28", "150000000000"} <= english & chinese
    assert {"2023", "月1", "28"} <= _chinese_numbers("2023年1月28日")
    assert "月5" not in _english_numbers("We may go.")  # the verb is no month
    assert chinese_numeral_value("一九○○") == 1900


def test_line_wrap_spaces_inside_chinese_do_not_hide_words() -> None:
    en = ["The university library opened a new exhibition."]
    wrapped = align_units(en, ["大學圖 書館舉辦新 展覽。"])
    plain = align_units(en, ["大學圖書館舉辦新展覽。"])
    assert wrapped[0].confidence == pytest.approx(plain[0].confidence)
    assert wrapped[0].confidence > 0.5


def test_dateline_among_chinese_paragraphs_is_not_aligned() -> None:
    en = ["The Director introduced the work programmes of the Observatory at a press briefing.",
          "He said the Observatory would launch several new services on the Internet today."]  # fmt: skip
    zh = ["2010年3月23日",
          "台長在記者招待會上介紹天文台的主要工作。他說，天文台將於今日推出多項互聯網服務。"]  # fmt: skip
    _, alignments = align_editorial(en, zh)
    assert _zh_of(alignments, "The Director") == "台長在記者招待會上介紹天文台的主要工作。"
    assert _zh_of(alignments, "He said") == "他說，天文台將於今日推出多項互聯網服務。"


def test_paragraphs_in_another_order_follow_strong_evidence() -> None:
    en = ["The Secretary visited the weather forecasting office, which monitors the weather "
          "around the clock and issues the latest weather information.",
          "He met the Director of the Observatory and the directorate staff."]  # fmt: skip
    zh = ["他與天文台台長和首長級人員會面。",
          "他又到訪天氣預測總部，總部24小時監測天氣，發放最新天氣資訊。"]  # fmt: skip
    _, alignments = align_editorial(en, zh)
    assert _zh_of(alignments, "The Secretary") == zh[1]
    assert _zh_of(alignments, "He met") == zh[0]


def test_english_sentence_the_chinese_leaves_out_gets_none() -> None:
    en = ["What makes the difference between a feast and a stew?",
          "Professor Chan will tell you how human brains and computers work together."]  # fmt: skip
    zh = ["陳教授告訴讀者，人腦和電腦如何合力。"]
    _, alignments = align_editorial([" ".join(en)], zh)
    assert _zh_of(alignments, "Professor Chan") == zh[0]
    assert _zh_of(alignments, "What makes") == ""


# Text whose paragraph has a wrap space (余 光中), numbers, Latin words and quotations, so that
# every piece of the lexical evidence is non-zero somewhere.
SPEED_EN = [
    "Yu Kwang-chung wrote ''Nostalgia'' in 1972.",
    "The G8 met in Geneva on Wednesday.",
    "Biden and Putin agreed to return their ambassadors.",
    "Ten diplomats were expelled.",
    "The WHO said 1,500 people were ill.",
]
SPEED_ZH = [
    "余 光中於1972年寫下「鄉愁」。",
    "八國集團G8周三在日內瓦開會。拜登與普京同意恢復互派大使。",
    "十名外交人員被驅逐。",
    "世衛WHO表示有1500人患病。",
]


@pytest.mark.parametrize("few_beads", [0, 10**6])  # matrices even for so few beads; lists
def test_similarity_tables_equal_the_similarity_of_each_bead(
    monkeypatch: pytest.MonkeyPatch, few_beads: int
) -> None:
    from flashcards import alignment
    from flashcards.alignment import SENTENCE_BEADS, _Lexicon

    monkeypatch.setattr(alignment, "FEW_BEADS", few_beads)
    lexicon = _Lexicon(SPEED_EN, SPEED_ZH)
    tables = lexicon.similarities(SENTENCE_BEADS)
    assert set(tables) == {(di, dj) for di, dj in SENTENCE_BEADS if di and dj and di <= 5}
    checked = 0
    for (di, dj), table in tables.items():
        for i in range(len(SPEED_EN) - di + 1):
            for j in range(len(SPEED_ZH) - dj + 1):
                # exactly equal: the DP must make the same choices either way
                assert table[i][j] == lexicon.similarity(range(i, i + di), range(j, j + dj))
                checked += table[i][j] > 0
    assert checked > 10


def test_a_sentence_is_given_the_dictionary_words_of_its_paragraph_that_lie_inside_it() -> None:
    from flashcards.alignment import _dictionary_words, _Features
    from flashcards.sentences import split_chinese

    # wrap spaces in two sentences; the last one ends on a word, not a stop
    paragraph = "余 光中於1972年寫下「鄉愁」。美俄峰會，拜登與普京同意恢 復互派大使"
    sentences = split_chinese(paragraph)
    shared, alone = _Features(), _Features()
    shared.split_paragraph(paragraph, sentences)
    for sentence in sentences:
        unit = shared.zh(sentence.text)
        assert unit == alone.zh(sentence.text)
        assert unit.words == _dictionary_words(sentence.text.replace(" ", ""))
        assert unit.words


def test_words_in_is_the_same_when_the_remembered_answers_are_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cedict = dictionary.load()
    text = "拜登與普京會面，同意恢復互派大使"
    expected = list(cedict.words_in(text))
    # the bound is reached half-way through a batch: this text's pieces are asked again
    monkeypatch.setattr(dictionary, "_REMEMBER", 1)
    assert list(cedict.words_in(text)) == expected
    assert (0, "拜登") in expected


def test_lookups_stay_bounded_and_give_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    cedict = dictionary.Cedict(dictionary.load()._db)  # its own, empty memory
    words = ["support", "crackdown", "diplomat", "summit", "ambassador", "relations"]
    heads = ["支持", "鎮壓", "外交", "峰會", "大使", "關係"]
    expected = [cedict.translations(w) for w in words], [cedict.lookup(h) for h in heads]
    monkeypatch.setattr(dictionary, "_REMEMBER_LOOKUPS", 2)
    fresh = dictionary.Cedict(dictionary.load()._db)
    for _ in range(2):  # asked again after being forgotten
        assert [fresh.translations(w) for w in words] == expected[0]
        assert [fresh.lookup(h) for h in heads] == expected[1]
    assert len(fresh._english) <= 2 and len(fresh._glosses) <= 2
    assert "大使" in expected[0][4] and expected[1][0]


def test_a_chinese_paragraph_the_english_lacks_is_not_joined_to_the_last_sentence() -> None:
    en = ["The working group, besides holding an exhibition on the national flag in July, has "
          "commissioned the Institute of Education to organise a series of teacher development "
          "programmes for primary and secondary school teachers for the school year."]  # fmt: skip
    zh = ["工作小組除了七月舉辦了一個有關國旗的展覽,更委託了教育學院本學年度舉辦一系列教師發展課程。",
          "此外,局方也籌備在今個學年舉辦公開演講比賽及中學常識問答比賽。"]  # fmt: skip

    def beads(paragraphs: list[int]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        found = align_units(en, zh, redundant=EDITORIAL_REDUNDANT, zh_paragraphs=paragraphs)
        return [(b.en, b.zh) for b in found]

    # in one paragraph the second sentence may go on translating the English ...
    assert beads([0, 0]) == [((0,), (0, 1))]
    # ... but a paragraph of its own that only repeats its words translates none of it
    assert beads([0, 1]) == [((0,), (0,)), ((), (1,))]


def test_a_weak_sentence_is_never_rescued_to_chinese_another_bead_shows() -> None:
    en = split_english("The museum will promote audience building through outreach programmes. "
                       "Audience building at museums is a priority of the Government.", 0)  # fmt: skip
    zh = split_chinese("博物館會透過外展活動拓展觀眾群。政府以拓展博物館觀眾群為首要工作。", 0)
    features = _Features()
    features.split_paragraph("".join(s.text for s in zh), zh)
    shown = [((en[0],), (zh[0],), 0.95), ((en[1],), (zh[1],), 0.9)]
    weak = [((en[0],), (zh[0],), 0.95), ((en[1],), (), 0.0)]
    # the second English sentence matches both Chinese sentences; the first is shown already
    rescued = _rescue(weak, zh, 0.3, features, MIN_CONFIDENCE)
    assert rescued[1][1] in ((), (zh[1],))
    assert _rescue(shown, zh, 0.3, features, MIN_CONFIDENCE) == shown
    taken = [((en[0],), (zh[0], zh[1]), 0.95), ((en[1],), (), 0.0)]
    assert _rescue(taken, zh, 0.3, features, MIN_CONFIDENCE)[1][1] == ()


def test_a_weak_sentence_shares_a_shown_chinese_sentence_that_translates_it_too() -> None:
    # one Chinese sentence for two English paragraphs: the second has words of its own in it
    en = split_english("The Observatory enhanced its weather information service. "
                       "It also plans to resume the public course on weather observation.", 0)  # fmt: skip
    zh = split_chinese("天文台加強了天氣資訊服務,並計劃年底恢復天氣觀測公眾課程。", 0)
    features = _Features()
    features.split_paragraph(zh[0].text, zh)
    raw = [((en[0],), (zh[0],), 0.99), ((en[1],), (), 0.03)]
    assert _rescue(raw, zh, 0.3, features, MIN_CONFIDENCE)[1][1] == (zh[0],)


def test_wanted_sentences_align_as_in_the_whole() -> None:
    """Only the paragraph beads with a wanted sentence are aligned; their beads are those of
    the whole alignment, sentences and rescues included."""
    from flashcards.alignment import english_sentences
    from flashcards.editorial import parse_editorial

    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "bilingual").glob("*.txt"))
    if not paths:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    checked = skipped = 0
    for path in paths:
        editorial = parse_editorial(path.read_text(encoding="utf-8"), str(path))
        if not editorial.zh_paragraphs:
            continue
        sentences = english_sentences(editorial.en_paragraphs)
        every = [s for group in sentences for s in group]
        wanted = set(every[::3])  # every third sentence holds a term, say
        _, whole = align_editorial(editorial.en_paragraphs, editorial.zh_paragraphs)
        _, part = align_editorial(
            editorial.en_paragraphs, editorial.zh_paragraphs, en_sentences=sentences, wanted=wanted
        )
        whole_of = {s: a for a in whole for s in a.en}
        part_of = {s: a for a in part for s in a.en}
        assert all(part_of[s] == whole_of[s] for s in wanted)
        checked += len(wanted)
        skipped += len(every) - len(part_of)
    assert checked and skipped  # some paragraphs were left out


def test_a_weak_wanted_bead_is_rescued_as_in_the_whole() -> None:
    """A rescue never takes the Chinese a sure bead shows, in whatever paragraph: a weak bead
    of a wanted sentence has every paragraph aligned, not only those with wanted sentences."""
    from flashcards.alignment import english_sentences

    en = ["The government announced a new housing policy for young families in the city."] * 2
    zh = [
        "今天天氣很好，我們一起去公園散步，看見很多小鳥。",
        "政府宣布為城市的年輕家庭推出新的房屋政策。",
    ]
    sentences = english_sentences(en)
    _, whole = align_editorial(en, zh)
    _, part = align_editorial(en, zh, en_sentences=sentences, wanted={sentences[0][0]})
    first = [a for a in part if sentences[0][0] in a.en]
    assert first == [a for a in whole if sentences[0][0] in a.en]
    assert first[0].zh_text.startswith("今天")  # the second paragraph's bead shows the other
