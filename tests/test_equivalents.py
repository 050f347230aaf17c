"""Chinese equivalents of glossary terms, chosen by CC-CEDICT glosses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashcards.equivalents import STRENGTH, _heads, find_equivalent, rank_equivalent

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.parametrize(
    "term, surface, definition, words, expected",
    [
        (
            "heatstroke",
            "heatstroke",
            "an illness caused by great heat",
            ["預防", "中暑", "及", "曬傷", "。"],
            "中暑",
        ),
        (  # "support" is deep in the definition: no evidence strong enough (precision first)
            "lend",
            "lent",
            "to give or provide help, support, etc",
            ["克宮", "支持", "白俄", "當局", "強硬", "處理", "示威"],
            None,
        ),
        (  # 逼仄 "narrow; cramped" makes 狹小 "narrow" a near-synonym; 單位 "work unit"
            # shares only "work" with the definition: chance, not a rendering
            "cramped",
            "cramped",
            "too small for the people who live or work in it",
            ["不少", "考生", "居於", "狹小", "的", "單位"],
            "狹小",
        ),
        (  # the head of the definition ("beginning") is among 伊始's glosses
            "advent",
            "advent",
            "the arrival or beginning of an important event, period or invention",
            ["新年", "伊始", ",", "香港", "再次"],
            "伊始",
        ),
        (
            "collusion",
            "collusion",
            "secret cooperation in order to do sth dishonest",
            ["香港", "更加", "沉淪", ",", "官商勾結", "加劇"],
            "勾結",
        ),  # split, then chosen
        (
            "erode",
            "eroded",
            "to weaken or destroy sth gradually",
            ["逐漸", "銷蝕", "香港", "的", "競爭力"],
            "銷蝕",
        ),
        (
            "symptom",
            "symptoms",
            "a change in your body that shows an illness",
            ["長者", "如", "有", "感冒", "病徵", "、", "發燒"],
            "病徵",
        ),
    ],
)
def test_find_equivalent(
    term: str, surface: str, definition: str, words: list[str], expected: str | None
) -> None:
    assert find_equivalent(term, surface, definition, "".join(words), words) == expected


def test_no_equivalent_when_nothing_matches() -> None:
    words = ["今天", "天氣", "很", "好", "。"]
    assert (
        find_equivalent("collusion", "collusion", "secret cooperation", "".join(words), words)
        is None
    )


def test_fillers_of_the_surface_are_not_the_term() -> None:
    # "legislators" fills the sb slot of "urge sb to do sth": 議員 must not be chosen
    words = ["他", "會", "爭取", "議員", "的", "支持"]
    got = find_equivalent(
        "urge sb to do sth",
        "urging legislators to",
        "to try hard to persuade sb to do sth",
        "".join(words),
        words,
    )
    assert got != "議員"


def test_corpus_equivalents() -> None:
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    from flashcards.chinese import Chinese
    from flashcards.editorial import parse_editorial

    segment = Chinese().segment

    def overlap_f1(pred: str, gold: str) -> float:
        from collections import Counter

        common = sum((Counter(pred) & Counter(gold)).values())
        return 0.0 if not common else 2 * common / (len(pred) + len(gold))

    right = wrong = total = 0
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        src = CORPUS / (gold_path.stem + ".txt")
        editorial = parse_editorial(src.read_text(encoding="utf-8"), str(src))
        definitions = {e.term: e.definition for e in editorial.glossary}
        for term in json.loads(gold_path.read_text(encoding="utf-8"))["terms"]:
            for occ in term["occurrences"]:
                if not occ["zh_equivalent"]:
                    continue
                total += 1
                pred = find_equivalent(
                    term["term"],
                    occ["surface"],
                    definitions.get(term["term"], ""),
                    occ["zh_sentence"],
                    segment(occ["zh_sentence"]),
                    occ["en_sentence"],
                )
                good = bool(pred) and overlap_f1(pred, occ["zh_equivalent"]) >= 0.5
                right += good
                wrong += bool(pred) and not good
    assert total >= 15
    # A ratchet: raise these as equivalents improve. A wrong equivalent teaches the wrong
    # thing, so precision is held higher than recall.
    assert right / total >= 0.7
    assert right / (right + wrong) >= 0.9


def test_place_in_the_sentence_settles_a_tie() -> None:
    # 因為 ("on account of") and 顧及 ("to take into consideration") both share a term word;
    # the one standing where the surface stands in English wins.
    words = ["本報", "歡迎", "這項", "計劃", "，", "因為", "此舉", "反映", "當局", "有",
             "顧及", "年輕人", "的", "需要", "。"]  # fmt: skip
    english = "We welcome the scheme, as it shows the authorities have taken the needs of young people into account."
    surface = "taken the needs of young people into account"
    got = find_equivalent(
        "take sth into account", surface, "to think about sth", "".join(words), words, english
    )
    assert got == "顧及"


@pytest.mark.parametrize(
    "term, surface, definition, words, english, expected",
    [
        (  # near-synonym: 咨詢 "to seek advice; to consult" makes 諮詢 "to consult" count
            "seek",
            "sought",
            "to ask sb for sth such as advice, help or opinions; to try to get sth",
            ["當局", "透過", "網上", "問卷", "諮詢", "學生", "、", "家長", "的", "意見"],
            "Officials sought the views of students and parents through an online survey.",
            "諮詢",
        ),
        (  # near-synonym: 符合 "in accordance with; to conform to" makes 配合 count
            "in accordance with sth",
            "in accordance with",
            "in a way that follows or obeys a rule, decision or wish",
            ["醫院", "管理局", "昨日", "公布", ",", "為", "配合", "政府", "的", "決定"],
            "The Authority announced yesterday that in accordance with the decision of the Government",
            "配合",
        ),
        (  # a light verb's object named by the definition: "lent support" ↔ 支持
            "lend",
            "lent",
            "to give or provide help, support, etc",
            ["克宮", "支持", "白俄", "當局", "強硬", "處理", "示威"],
            "The Kremlin has lent support to the Belarusian authorities' crackdown on protests.",
            "支持",
        ),
    ],
)
def test_weak_evidence_near_the_surface(
    term: str, surface: str, definition: str, words: list[str], english: str, expected: str
) -> None:
    best = rank_equivalent(term, surface, definition, "".join(words), words, english)
    assert best is not None and best.text == expected
    # weak evidence is shown only where the surface stands in English
    assert best.confidence < STRENGTH["term"]


def test_an_equivalent_is_shown_only_from_its_threshold_on() -> None:
    words = ["克宮", "支持", "白俄", "當局", "強硬", "處理", "示威"]
    english = "The Kremlin has lent support to the Belarusian authorities' crackdown on protests."
    args = ("lend", "lent", "to give or provide help, support, etc", "".join(words), words)
    best = rank_equivalent(*args, english)
    assert best is not None and best.text == "支持"
    assert find_equivalent(*args, english, min_confidence=best.confidence) == "支持"
    assert find_equivalent(*args, english, min_confidence=best.confidence + 0.01) is None


@pytest.mark.parametrize(
    ("term", "definition", "words"),
    [
        ("have regard to sth", "to consider sth", ["我們", "有", "責任", "考慮", "市民"]),
        ("well-established", "having existed for a long time", ["這", "是", "一", "所", "老店"]),
    ],
)
def test_function_words_are_never_equivalents(term: str, definition: str, words: list[str]) -> None:
    got = find_equivalent(term, term, definition, "".join(words), words, term)
    assert got not in ("有", "是")


def test_british_spelling_meets_the_dictionary() -> None:
    # CC-CEDICT glosses 殊榮 "rare honor" and 兩極化 "to polarize"
    words = ["獲委任", "為", "資深", "大律師", "是", "殊榮"]
    english = "Appointment as Senior Counsel is a badge of honour."
    best = rank_equivalent(
        "a badge of honour",
        "a badge of honour",
        "sth that shows respect",
        "".join(words),
        words,
        english,
    )
    assert best is not None and best.text == "殊榮"
    words = ["社會", "日益", "兩極化"]
    assert find_equivalent("polarise", "polarised", "to divide", "".join(words), words) == "兩極化"


def test_a_slot_filler_is_not_a_light_verb_object() -> None:
    # "decision" fills the sth slot of "in accordance with sth": 決定 renders it, not the term
    words = ["為", "符合", "政府", "的", "決定"]
    english = "in accordance with the decision of the Government"
    got = find_equivalent(
        "in accordance with sth",
        "in accordance with",
        "in a way that follows or obeys a rule, decision or wish",
        "".join(words),
        words,
        english,
    )
    assert got != "決定"


def test_a_near_synonym_far_from_the_surface_is_not_taken() -> None:
    # 傷害 "to harm" is a near-synonym of "inflict" (through 害人), but it renders the slot's
    # filler "damage" and stands at the far end of the sentence: no pick beats a wrong one
    words = ["港府", "過往", "的", "種種", "惡質", "施政", "作為", ",", "已", "造成", "難以",
             "補救", "的", "傷害", "。"]  # fmt: skip
    got = find_equivalent(
        "inflict sth on sb/sth",
        "inflicted irremediable damage on",
        "to make sb/sth suffer sth unpleasant, such as damage, pain or loss",
        "".join(words),
        words,
        "Poor governance has already inflicted irremediable damage on Hong Kong.",
    )
    assert got != "傷害"


def test_an_object_far_from_the_surface_is_not_taken() -> None:
    # the object rule needs the candidate where the surface stands: 支持 at the far end is
    # too weak to be taken for "lent"
    words = ["克宮", "對", "白俄", "當局", "處理", "示威", "的", "手法", "表示", "支持"]
    english = "The Kremlin has lent support to the Belarusian authorities' crackdown on protests."
    got = find_equivalent(
        "lend", "lent", "to give or provide help, support, etc", "".join(words), words, english
    )
    assert got is None


def test_an_idiom_nothing_else_explains_is_the_remainder() -> None:
    definition = "to be in a difficult position between two groups who disagree"
    words = ["法官", "左右為難", "，", "只好", "沉默"]
    english = "Caught in the middle, judges keep silent."
    best = rank_equivalent(
        "be caught in the middle", "Caught in the middle", definition, "".join(words), words,
        english,
    )  # fmt: skip
    assert best is not None and best.text == "左右為難"
    # the same idiom is taken for another English word ("dilemma") when the sentence has one
    english = "Caught in the middle, judges face a dilemma."
    got = rank_equivalent(
        "be caught in the middle", "Caught in the middle", definition, "".join(words), words,
        english,
    )  # fmt: skip
    assert got is None or got.text != "左右為難"


def test_two_words_of_one_sense_of_the_definition_are_evidence() -> None:
    words = ["校方", "引入", "先進", "的", "設備"]
    english = "The university brought in state-of-the-art equipment."
    definition = "using the newest and most advanced methods or technology"
    best = rank_equivalent(
        "state-of-the-art", "state-of-the-art", definition, "".join(words), words, english
    )
    assert best is not None and best.text == "先進"


def test_a_word_occurring_more_often_than_its_english_is_not_explained_away() -> None:
    definition = "a change, or a series of changes, in the level or amount of sth"
    english = "Regarding climate change, the cold was a normal weather fluctuation."
    twice = ["氣候", "變化", "方面", "，", "寒冷", "是", "正常", "的", "天氣", "變化", "。"]
    once = ["氣候", "變化", "方面", "，", "寒冷", "是", "正常", "的", "天氣", "波動", "。"]
    best = rank_equivalent("fluctuation", "fluctuation", definition, "".join(twice), twice, english)
    assert best is not None and best.text == "變化"
    best = rank_equivalent("fluctuation", "fluctuation", definition, "".join(once), once, english)
    assert best is None or best.text != "變化"


def test_a_negated_word_is_rendered_with_its_negation() -> None:
    words = ["全球", "變暖", "的", "趨勢", "並未", "改變", "。"]
    english = "The global warming trend remained unchanged."
    definition = "to stay the same; not to become different"
    args = ("remain unchanged", "remained unchanged", definition, "".join(words), words)
    best = rank_equivalent(*args, english)
    assert best is not None and best.text.endswith("未改變")  # never 改變 "to change" alone
    # without a negation before it, 改變 says the opposite of `unchanged`
    words = ["全球", "變暖", "的", "趨勢", "已經", "改變", "。"]
    best = rank_equivalent(
        "remain unchanged", "remained unchanged", definition, "".join(words), words, english
    )
    assert best is None or "改變" not in best.text


def test_the_place_among_all_the_english_a_chinese_sentence_translates_counts() -> None:
    # one Chinese sentence for two English ones: 波動 stands late in the Chinese, as
    # `fluctuations` does in the two sentences together, though early in its own sentence
    words = ["近期", "寒冷", "天氣", "影響", "北半球", "，", "但", "只是", "短期", "的", "天氣",
             "波動", "。"]  # fmt: skip
    first = "The recent cold weather affected the northern hemisphere."
    second = "Fluctuations were normal."  # nothing beside the surface is rendered: no anchor
    args = ("fluctuation", "Fluctuations", "a change in the level of sth", "".join(words), words)
    alone = rank_equivalent(*args, second)
    together = rank_equivalent(*args, second, f"{first} {second}")
    assert together is not None and together.text == "波動"
    assert alone is None or alone.confidence < together.confidence


def test_explaining_away_takes_the_unexplained_word_beside_the_neighbours() -> None:
    # every other English word explains a Chinese word (complicated ↔ 複雜, changes ↔ 變化…);
    # 多變 is left, next to the rendering of `complicated`, the surface's neighbour
    words = ["環球", "政經", "格局", "出現", "巨大", "變化", ",", "外圍", "環境", "複雜",
             "多變", ",", "充斥", "不明朗", "因素", "。"]  # fmt: skip
    english = (
        "It has been prepared against profound changes in the global political and economic"
        " landscape, a complicated and volatile external environment and uncertainties."
    )
    definition = "likely to change suddenly and unpredictably, often for the worse"
    best = rank_equivalent("volatile", "volatile", definition, "".join(words), words, english)
    assert best is not None and (best.text, best.evidence) == ("多變", "remainder")
    # with no English sentence nothing is explained away: no remainder
    alone = rank_equivalent("volatile", "volatile", definition, "".join(words), words)
    assert alone is None or alone.evidence != "remainder"


def test_a_remainder_is_never_a_word_of_another_part_of_speech() -> None:
    # the definition makes `perpetrate` a verb; 好奇心 "curiosity" is glossed only as a noun
    words = ["罪犯", "的", "好奇心", "。"]
    english = "Criminals who perpetrate crimes."
    best = rank_equivalent(
        "perpetrate sth", "perpetrate", "to commit a crime", "".join(words), words, english
    )
    assert best is None or best.text != "好奇心"


def test_weak_gloss_evidence_inside_the_remainder_is_confirmed() -> None:
    # 影響 shares only the head of the definition ("affected"): too weak alone; it also stands
    # unexplained beside the renderings of the surface's neighbours (香港, 經濟), so it is shown
    words = ["香港", "近", "月", "經濟", "受到", "影響", ",", "增長", "顯著", "放緩", "。"]
    english = (
        "Hong Kong has been susceptible to economic headwinds, as evidenced by notable growth."
    )
    definition = "to be easily affected or harmed by sth"
    args = ("be susceptible to sth", "been susceptible to", definition, "".join(words), words)
    best = rank_equivalent(*args, english)
    assert best is not None and best.text == "影響" and best.evidence == "agree"
    assert find_equivalent(*args, english) == "影響"


def test_a_four_character_entry_that_is_not_two_words_is_a_saying() -> None:
    words = ["相關", "政策局", "已", "馬不停蹄", "地", "開展", "工作", "。"]
    english = "Relevant bureaux have been industriously taking forward their work."
    best = rank_equivalent(
        "industriously", "industriously", "in a hard-working and busy way", "".join(words),
        words, english,
    )  # fmt: skip
    assert best is not None and (best.text, best.evidence) == ("馬不停蹄", "idiom")


def test_a_word_shortening_a_translation_counts_beside_the_neighbours_rendering() -> None:
    # 細味 shortens 細細品味 "to savour"; the passive (`savoured and enjoyed by …`) puts it late
    # in the Chinese, but right beside 盡興, the rendering of its neighbour `enjoyed`
    words = ["像", "今天", "的", "日子", ",", "值得", "親友", "細味", "和", "開懷", "盡興", "。"]
    english = "A day like today is to be savoured and enjoyed by friends."
    definition = "to enjoy an experience as fully and as long as possible"
    best = rank_equivalent("savour", "savoured", definition, "".join(words), words, english)
    assert best is not None and (best.text, best.evidence) == ("細味", "stem")
    assert find_equivalent("savour", "savoured", definition, "".join(words), words, english)
    # a word of a longer translation is no shortening of it: 歷史 in 回顧歷史 ("look back")
    words = ["招收", "本科生", "的", "歷史", "只有", "十五年", "。"]
    english = "The admission of students can be traced back to only 15 years."
    best = rank_equivalent(
        "trace sth back to sth", "traced back to", "to find the origin of sth", "".join(words),
        words, english,
    )  # fmt: skip
    assert best is None or best.text != "歷史"


def test_a_suppletive_comparative_is_not_its_lemma() -> None:
    # 改善 "to make better" is to improve (`improving` explains it), not `good` of the term
    words = ["香港", "社會", "用", "好", "一國兩制", "的", "優勢", ",", "以", "經濟", "發展",
             "之力", ",", "行", "改善", "民生", "之策", "。"]  # fmt: skip
    english = (
        "Hong Kong shall make good use of the advantages of one country, two systems, and "
        "leverage economic development for improving livelihood."
    )
    definition = "to use sth in a way that brings benefits"
    best = rank_equivalent(
        "make good use of sth", "make good use of", definition, "".join(words), words, english
    )
    assert best is not None and best.text == "用好"


def test_a_negation_heads_no_definition() -> None:
    # 不是 "is not" would be the head of `not seeming to be based on a reason`
    words = ["香港", "的", "自治", ",", "不是", "完全", "自治", ",", "不是", "隨意", "的",
             "自治", ",", "也", "不是", "任何", "其他", "形式", "的", "自治", "。"]  # fmt: skip
    definition = "not seeming to be based on a reason, system or plan"
    english = "The autonomy is not absolute or arbitrary."
    bead = (
        f"The high degree of autonomy is in accordance with the law. {english} "
        "Nor can it take any other form."
    )
    args = ("arbitrary", "arbitrary", definition, "".join(words), words, english, bead)
    best = rank_equivalent(*args)
    assert best is not None and best.text == "隨意"


def test_the_stem_of_a_head_word_is_no_evidence() -> None:
    # 積極 "positive" shares a stem with `position`, the head of the definition, and no more
    words = ["他", "勉勵", "學生", "努力", "學習", ",", "積極", "參與", "活動", ",", "多",
             "結交", "不同", "的", "朋友", ",", "融入", "社會", "。"]  # fmt: skip
    english = (
        "He encouraged the students to study, proactively participate in activities and make "
        "friends with people from different walks of life so as to integrate into the community."
    )
    definition = "the type of job or position a person has in society"
    best = rank_equivalent(
        "walk of life", "walks of life", definition, "".join(words), words, english
    )
    assert best is None or best.text != "積極"


@pytest.mark.parametrize(
    ("words", "english"),
    [
        (["仍", "未", "到", "過", "官邸", "視察", "。"], "He has not yet visited the residence."),
        (["司長", "要", "以", "官邸", "作", "招待", "之", "用", "。"],
         "The residence is used for greeting guests."),
    ],
)  # fmt: skip
def test_a_single_character_beside_the_rendering_is_not_part_of_it(
    words: list[str], english: str
) -> None:
    definition = "the official house of an important person"
    best = rank_equivalent("residence", "residence", definition, "".join(words), words, english)
    assert best is not None and best.text == "官邸"


def test_a_gloss_renders_the_term_word_in_any_of_its_forms() -> None:
    # "to accompany" renders `accompanied`: the term's word, not part of a longer saying
    words = ["議員", "在", "館長", "陪同", "下", "參觀", "展覽", "。"]
    english = "Members were accompanied by the Museum Director on a tour of the exhibition."
    definition = "to go somewhere with sb"
    args = ("be accompanied by sb", "were accompanied by", definition, "".join(words), words)
    assert find_equivalent(*args, english) == "陪同"


@pytest.mark.parametrize(
    ("definition", "heads"),
    [
        ("not seeming to be based on a reason", ["seeming"]),
        # a light verb says nothing of the meaning (分享 "let others have" for `be obliged to`)
        ("to have to do sth because it is your duty", []),
        ("to give most of your time to sth", []),
        # a word coordinated with it does
        ("to come or originate from a particular source", ["originate"]),
    ],
)
def test_the_heads_of_a_definition(definition: str, heads: list[str]) -> None:
    assert _heads(definition) == heads


def test_a_name_renders_no_common_word() -> None:
    # 大片 "large area; blockbuster movie" is a near-synonym; 尖沙咀 "Tsim Sha Tsui, urbanized
    # area in Hong Kong" shares "area" with it, but a place name renders no common word
    words = ["位於", "尖沙咀", "的", "藝術館", "於", "八月", "關閉", ",", "進行", "翻新", "。"]
    english = "A blockbuster exhibition will also be ready for the public."
    definition = "a very successful and popular exhibition, film or book, usually a large one"
    best = rank_equivalent("blockbuster", "blockbuster", definition, "".join(words), words, english)
    assert best is None or best.text != "尖沙咀"


def test_british_enquiry_meets_the_dictionary_inquiry() -> None:
    words = ["公署", "共", "接到", "一萬", "宗", "查詢", "及", "五千", "宗", "投訴", "。"]
    english = "The Office received 10,000 enquiries and 5,000 complaints."
    definition = "a request for information about sth"
    best = rank_equivalent("enquiry", "enquiries", definition, "".join(words), words, english)
    assert best is not None and best.text == "查詢" and best.confidence >= 0.6
