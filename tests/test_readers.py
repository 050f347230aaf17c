"""The readers of marked terms: golden examples per form, non-terms, the registry."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.errors import InputError
from flashcards.models import GlossaryEntry
from flashcards.readers import READERS, merge_marked, read_marked, read_terms, reader_names

DATA = Path(__file__).parent / "data" / "readers"
UPDATE = os.environ.get("FLASHCARDS_UPDATE_GOLDEN") == "1"


def marked_dict(text: str) -> dict[str, Any]:
    marked = read_marked(text)
    return {
        "forms": dict(marked.forms),
        "terms": [
            {"term": t.term, "zh": t.gloss, "definition": t.definition, "form": t.form}
            | ({"example": t.example} if t.example else {})
            for t in marked.terms
        ],
    }


@pytest.mark.parametrize("source", sorted(DATA.glob("*/*.txt")), ids=lambda p: p.stem)
def test_golden_per_form(source: Path) -> None:
    expected = source.with_suffix(".json")
    got = marked_dict(source.read_text(encoding="utf-8"))
    if UPDATE:
        expected.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert source.parent.name in got["forms"]  # the form is detected, not forced
    assert got == json.loads(expected.read_text(encoding="utf-8"))


def test_every_reader_has_golden_examples() -> None:
    assert {p.parent.name for p in DATA.glob("*/*.json")} == set(READERS)


@pytest.mark.parametrize(
    ("text", "not_a_term"),
    [
        # names, in either language
        ("Fans such as Lau Ming (劉明) came.\nThey tackle (著手對付) it.", "Lau Ming"),
        ("Posts on Facebook (臉書) spread.\nThey tackle (著手對付) it.", "Facebook"),
        ("網民在社交網站臉書(Facebook)留言。雙方加強合作(strengthen cooperation)。", "Facebook"),
        ("PM Theresa May (文翠珊) came.\nThey tackle (著手對付) it.", "Theresa May"),
        (
            "Lawmaker Wong Yuk-man (黃毓民) spoke.\nThey tackle (著手對付) it.\nWe examine (檢查) it.",
            "Wong Yuk-man",
        ),
        ("英國首相文翠珊(Theresa May)訪港。雙方加強合作(strengthen cooperation)。", "Theresa May"),
        (
            "- # aloof 離地: like Wat Wing-yin (屈穎妍) and others\n- localism 本土主義: x",
            "Wat Wing-yin",
        ),
        # a name after its title, famous or not
        (
            "德國前總理默克爾(Angela Merkel)訪華。雙方加強合作(strengthen cooperation)。",
            "Angela Merkel",
        ),
        (
            "保安局局長鄧炳強(Chris Tang)表示。雙方加強合作(strengthen cooperation)。",
            "Chris Tang",
        ),
        # a sentence's first word is not part of the name it runs into
        ("Shares in Alibaba (阿里巴巴) fell.\nThey tackle (著手對付) it.", "Shares in Alibaba"),
        (
            "Workers of Cathay Pacific (國泰航空) struck.\nThey tackle (著手對付) it.",
            "Workers of Cathay Pacific",
        ),
        # grammar labels are never a term nor a gloss
        ("如果你收到 invite(名詞),即是收到邀請。Halt解「停止」。", "invite"),
        ("The word table (n.) and tackle (著手對付) and examine (檢查).", "n."),
        (
            "他說 surge(n.)。雙方加強合作(strengthen cooperation)。市民燃眉之急(urgent needs)。",
            "n.",
        ),
        # stock codes, years, figures
        ("HSBC (0005) rose. They tackle (著手對付) it and examine (檢查) it.", "HSBC"),
        (
            "共有2017頁(a total of 2,017 pages)。雙方加強合作(strengthen cooperation)。",
            "a total of 2,017 pages",
        ),
        # acronyms spelled out elsewhere, and the footnote marker itself
        ("與中國共產黨(CPC)會面。雙方加強合作(strengthen cooperation)。", "CPC"),
        (
            "It regained its title (note 1) last year.\n(note 1) regained its title=重奪稱號。",
            "note 1",
        ),
    ],
)
def test_non_terms_never_become_notes(text: str, not_a_term: str) -> None:
    terms = [t.term.casefold() for t in read_marked(text).terms]
    assert not_a_term.casefold() not in terms
    assert terms  # the other, real terms of the text are read


@pytest.mark.parametrize(
    ("text", "term", "gloss"),
    [
        # titles and institutions look like names but are vocabulary
        (
            "Peng Liyuan is the First Lady (第一夫人). They tackle (著手對付) it.",
            "First Lady",
            "第一夫人",
        ),
        (
            "The Office of the Privacy Commissioner for Personal Data (個人資料私隱專員公署) reported.",
            "Office of the Privacy Commissioner for Personal Data",
            "個人資料私隱專員公署",
        ),
        (
            "He appealed to the High Court (高等法院). They tackle (著手對付) it.",
            "High Court",
            "高等法院",
        ),
        (
            "He joined the Chinese People's Political Consultative Conference (CPPCC) (政協).",
            "Chinese People's Political Consultative Conference (CPPCC)",
            "政協",
        ),
        # the term is the words the gloss belongs to, and no more
        (
            "Police acted against cross-border goods traders (水貨客) again.",
            "cross-border goods traders",
            "水貨客",
        ),
        ("First-half net profit hit (達至) HK$91 million.", "hit", "達至"),
        ("Two officers were accused of dereliction of duty (失職).", "dereliction of duty", "失職"),
        ("They vowed to tackle (v. 著手對付) it.", "tackle", "著手對付"),
        ("Revenue (收入) reached HK$1 billion.", "revenue", "收入"),
        ("Free newspapers now account for (note 2) a third.", "account for", None),
        ("The magazines enjoyed robust growth (note 5) in May.", "robust growth", None),
        # the Chinese the English renders, not the clause around it
        ("他們中既有黨員領導幹部(Party leaders),也有其他人。", "Party leaders", "黨員領導幹部"),
        ("有一定數量的女黨員(female members)。", "female members", "女黨員"),
        ("政府要解決市民的「燃眉之急」(urgent needs)。", "urgent needs", "燃眉之急"),
        ("「mitigate」解作「減輕」,即是令事情不那麼嚴重。", "mitigate", "減輕"),
        # the last translating word that leaves the English covered, not the first
        ("天氣嚴寒,山上的水塘也凍到結冰(freezing)。", "freezing", "結冰"),
        ("不少市民對現時樓市(property market)感到憂慮。", "property market", "樓市"),
        # a modifier with 的 renders an English word the dictionary does not reach
        (
            "委員要有較強的議事能力(be competent in discussing state affairs)。",
            "be competent in discussing state affairs",
            "較強的議事能力",
        ),
        # what the page quotes is the unit, whole (the X too)
        ("專家擔心「X疾病」(Disease X)會引發大流行。", "Disease X", "X疾病"),
        # nothing translates: what follows the last grammatical word
        ("不少家庭只能住在狹小的劏房(subdivided flats)。", "subdivided flats", "劏房"),
        ("當局承認部分個案是源頭不明(untraceable)。", "untraceable", "源頭不明"),
        # an explained word begins an English stretch, hence its capital
        ("市民準備接種疫苗嗎﹖Batch解「一批、一組」。", "batch", "一批、一組"),
        # 則 (then) may stand before the sign
        ("cahoots解作合作,triads則指黑社會。", "triads", "黑社會"),
        # Chinese prose naming English words with their meaning in brackets
        (
            "字首sub-可用於很多字,例如:subzero(溫度在零度以下)、subway (地鐵)。",
            "subzero",
            "溫度在零度以下",
        ),
        ("字首sub-可用於很多字,例如:subzero(溫度在零度以下)、subway (地鐵)。", "subway", "地鐵"),
    ],
)
def test_terms_and_their_extent(text: str, term: str, gloss: str | None) -> None:
    found = {t.term: t.gloss for t in read_marked(text).terms}
    assert found.get(term, "absent") == gloss


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "1. 強積金 - Mandatory Provident Fund (MPF)\n2. 退位：abdicate",
            ["Mandatory Provident Fund (MPF)", "abdicate"],
        ),
        (
            "1. 強積金 (MPF) – Mandatory Provident Fund\n2. 退位 – abdicate",
            ["Mandatory Provident Fund", "abdicate"],
        ),
        ("(be) on guard 警惕\nsurge in demand 需求激增", ["(be) on guard", "surge in demand"]),
        (
            "年宵市場 —— Lunar New Year Fair\n泛民--pan-democratic",
            ["Lunar New Year Fair", "pan-democratic"],
        ),
        ("spot check抽查\n入党join the Party", ["spot check", "join the Party"]),
        ("spot check抽查\nThe police made a spot check.", []),  # one line is no list
    ],
)
def test_list_shapes(lines: str, expected: list[str]) -> None:
    assert [t.term for t in read_marked(lines).terms if t.form == "list"] == expected


def test_labels_are_dropped_from_glossary_terms() -> None:
    text = (
        "The flood.\n\nGlossary\nsurge (n.)：a sudden increase\ninvite (名詞) 邀請：an invitation\n"
    )
    assert [(t.term, t.gloss) for t in read_marked(text).terms] == [
        ("surge", None),
        ("invite", "邀請"),
    ]


def test_entries_after_the_audio_line_are_read() -> None:
    text = (
        "The plan was shelved.\n\n■/ Glossary 生字 /\n\nshelve：to postpone a plan\n"
        "■英語社評聲檔：link.mingpao.com/1.htm\n\nsomething unrelated\nwrangle：a long argument\n"
    )
    assert [t.term for t in read_marked(text).terms] == ["shelve", "wrangle"]
    text = text.replace(
        "wrangle：a long argument", "上一篇：無關\nwrangle /ˈræŋɡl/\na long argument"
    )
    assert [(t.term, t.definition) for t in read_marked(text).terms] == [
        ("shelve", "to postpone a plan"),
        ("wrangle", "a long argument"),
    ]


def test_a_label_is_never_the_gloss() -> None:
    terms = read_marked(
        "老房子可以用 moulder(動詞,解作逐漸因忽略而凋零)來形容。Halt解「停止」。"
    ).terms
    assert {t.term: t.gloss for t in terms} == {"moulder": "逐漸因忽略而凋零", "halt": "停止"}


def test_a_forced_format_reads_that_form_only() -> None:
    text = (DATA / "footnotes" / "teacher-blog.txt").read_text(encoding="utf-8")
    text += "\nThey tackle (著手對付) it and examine (檢查) it and consent (同意).\n"
    assert {name for name, _ in read_marked(text).forms} == {"footnotes", "inline-zh"}
    assert {t.form for t in read_marked(text, "inline-zh").terms} == {"inline-zh"}


def test_an_unknown_format_names_the_readers() -> None:
    with pytest.raises(InputError) as info:
        read_marked("text", "bullets")
    assert str(info.value) == f"no reader named 'bullets'; choose from {', '.join(reader_names())}"


def test_a_term_marked_in_two_forms_is_one_completed_term() -> None:
    merged = merge_marked(
        [
            GlossaryEntry("spot check", "", gloss="抽查", form="list"),
            GlossaryEntry("Spot check", "a check made without warning", form="terms"),
        ]
    )
    assert merged == (
        GlossaryEntry("spot check", "a check made without warning", gloss="抽查", form="list"),
    )


@pytest.mark.parametrize(
    ("line", "term", "gloss", "definition"),
    [
        ("tackle", "tackle", None, ""),
        ("contravene 違反", "contravene", "違反", ""),
        ("consent 同意：permission for something", "consent", "同意", "permission for something"),
        ("vie with sb: to compete hard", "vie with sb", None, "to compete hard"),
        ("燃眉之急 urgent needs", "urgent needs", "燃眉之急", ""),
    ],
)
def test_a_teachers_list(line: str, term: str, gloss: str | None, definition: str) -> None:
    (entry,) = read_terms(f"# my list\n\n{line}\n")
    assert (entry.term, entry.gloss, entry.definition, entry.form) == (
        term,
        gloss,
        definition,
        "terms",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\n# only a comment\n", "the term list is empty"),
        ("：a definition", "line 1: line '：a definition' has no term"),
    ],
)
def test_a_bad_teachers_list_is_named(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_terms(text)
    assert message in str(info.value)


@pytest.mark.parametrize(
    "ch", [chr(c) for a in (0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xF900, 0xFAFF, 0x20000, 0x323AF)
           for c in range(a - 1, a + 2)] + list("aZ9,。「 é")
)  # fmt: skip
def test_han_count_counts_what_is_han_accepts(ch: str) -> None:
    from flashcards.readers._shapes import han_count, is_han, latin_count

    assert han_count(f"x{ch}{ch}") == 2 * is_han(ch)
    assert latin_count(ch * 3) == (3 if ch.isascii() and ch.isalpha() else 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plain bilingual list under a `Vocabulary` header: the list reader's entries
        (
            "Fares rose again. Commuters felt uneasy and tried to save money.\n\n"
            "Key words\nsave money 儲錢\nuneasy 不安\nfare 車費\n",
            {"save money": "儲錢", "uneasy": "不安", "fare": "車費"},
        ),
        (
            "Fares rose again. Commuters felt uneasy.\n\nVocabulary\n車費 - fare\n不安 - uneasy\n",
            {"fare": "車費", "uneasy": "不安"},
        ),
        # an example sentence under a list entry is no definition of it
        (
            "Fares rose again.\n\nVocabulary\n\nuneasy 不安\nCommuters felt uneasy about it.\n\n"
            "fare 車費\nThe fare went up by ten per cent last year.\n",
            {"uneasy": "不安", "fare": "車費"},
        ),
        # a sentence with a colon after the list is no entry
        (
            "Fares rose.\n\nVocabulary\nuneasy 不安\nfare 車費\n"
            "A spokesman for the railway operator said the rise was modest: it was small.\n",
            {"uneasy": "不安", "fare": "車費"},
        ),
        # the term alone with its definition on the next line still reads
        (
            "The road is congested.\n\nGlossary\ncongestion\nthe state of being crowded\n",
            {"congestion": None},
        ),
    ],
)
def test_a_list_under_a_vocabulary_header(text: str, expected: dict[str, str | None]) -> None:
    terms = read_marked(text).terms
    assert {t.term: t.gloss for t in terms} == expected
    assert all(not t.definition.endswith(".") for t in terms)  # no sentence taken as one


def test_ming_pao_glossary_still_names_a_term_without_definition() -> None:
    with pytest.raises(InputError, match="has no definition"):
        read_marked("Text.\n\n■/ Glossary 生字 /\n\nuneasy 不安\nfare 車費\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bilingual section headings over their paragraphs
        (
            "Background 背景\n\nThe survey asked 300 parents about homework.\n\n"
            "Results 調查結果\n\nMost parents said it took too long.\n",
            [],
        ),
        # captions and credits, even in a run
        (
            "A busy street in Mong Kok 旺角街頭\nShoppers crowded the pavements.\n\n"
            "Picture 相片\nText 文字\nTranslator 翻譯\n\nShops reported strong sales.\n",
            [],
        ),
        # one bilingual line with no example and no list around it is not an entry
        ("The news\n\nflood 水浸\n\nRain fell all day and the roads were closed.\n", []),
        # a run of entry lines is a list without a header
        (
            "The news\n\nflood 水浸\nlandslide 山泥傾瀉\n\nRain fell all day.\n",
            ["flood", "landslide"],
        ),
        # an entry followed by its example sentence is kept, inflected or not
        (
            "flood 水浸\nThe river flooded the village.\n\nlandslide 山泥傾瀉\n"
            "A landslide closed the road.\n",
            ["flood", "landslide"],
        ),
    ],
)
def test_headings_and_captions_are_no_list(text: str, expected: list[str]) -> None:
    assert [t.term for t in read_marked(text).terms if t.form == "list"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people and acronyms in a list are not vocabulary
        (
            "In the news\n\n1. 黃子華 - Wong Tze-wah\n2. 林鄭月娥 - Carrie Lam\n3. 港鐵 - MTR\n"
            "4. 罷工 - strike\n5. 加價 - fare rise\n",
            [("strike", "罷工"), ("fare rise", "加價")],
        ),
        # a list of names with one term in it is still a list
        (
            "People in the news\n\n1. 黃子華 - Wong Tze-wah\n2. 林鄭月娥 - Carrie Lam\n"
            "3. 罷工 - strike\nBus drivers went on strike.\n",
            [("strike", "罷工")],
        ),
        # a part-of-speech label is no part of the term
        (
            "Key vocabulary\n\nstrike (v.) - 罷工\nWorkers will strike next week.\n\n"
            "fare (n.) 車費\nThe fare rose again.\n",
            [("strike", "罷工"), ("fare", "車費")],
        ),
        # an institution spelled out is a term
        (
            "1. 強積金 - Mandatory Provident Fund\n2. 罷工 - strike\n",
            [("Mandatory Provident Fund", "強積金"), ("strike", "罷工")],
        ),
    ],
)
def test_names_acronyms_and_labels_in_lists(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.term, t.gloss) for t in read_marked(text).terms if t.form == "list"] == expected


@pytest.mark.parametrize(
    ("text", "term", "gloss"),
    [
        # `term=中文` ends at the clause: a comma, a semicolon, a full stop
        ("本港上季CPI=消費物價指數,按年上升百分之二。", "CPI", "消費物價指數"),
        ("去年的GNP＝國民生產總值，比前年高；外匯儲備亦增加。", "GNP", "國民生產總值"),
        ("老師說frugal=節儉的;lavish=奢華的,兩者意思相反。", "lavish", "奢華的"),
        ("形容一個人生活frugal=節儉的。", "frugal", "節儉的"),
    ],
)
def test_an_explained_gloss_ends_at_its_clause(text: str, term: str, gloss: str) -> None:
    found = {t.term: t.gloss for t in read_marked(text).terms}
    assert found.get(term) == gloss


def test_a_vocabulary_header_over_a_list_does_not_end_the_text() -> None:
    from flashcards.editorial import parse_editorial

    text = (
        "Vocabulary\n\nflood 水浸\nThe river floods every summer.\n\n"
        "pan 平底鍋\nPans hung in the kitchen.\n\n"
        "Residents of Panyu said the flood had gone. A reporter said so.\n"
    )
    ed = parse_editorial(text, "x.txt")
    assert [(t.term, t.gloss) for t in ed.glossary] == [("flood", "水浸"), ("pan", "平底鍋")]
    body = " ".join(ed.en_paragraphs)
    assert "Residents of Panyu said the flood had gone." in body
    assert "Vocabulary" not in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list line starts with a capital; the term is written as a dictionary writes it
        (
            "1. 死亡人數 - Death toll\nThe death toll rose to 188.\n2. 瓦礫 - Rubble\nThey climbed over rubble.",
            {"death toll": "死亡人數", "rubble": "瓦礫"},
        ),
        (
            "1. 同胞 - Compatriots\nCompatriots should unite.\n2. 僵局 - Deadlock\nDeadlock ahead.",
            {"compatriots": "同胞", "deadlock": "僵局"},
        ),
        # a name, or a word the page capitalises inside its sentences, keeps its capital
        (
            "1. 中國 - China\nTrade with China grew.\n2. 入黨 - join the Party\n3. 黨章 - Party constitution",
            {"China": "中國", "join the Party": "入黨", "Party constitution": "黨章"},
        ),
        # a bracketed part may open the Chinese side
        (
            "1. (零雙非)政策 - Zero-tolerance policy\nThe zero-tolerance policy was addressed.\n"
            "2. 法醫 - Forensic pathologists\nForensic pathologists were called.",
            {"zero-tolerance policy": "(零雙非)政策", "forensic pathologists": "法醫"},
        ),
    ],
)
def test_list_terms_keep_the_case_a_dictionary_gives_them(
    text: str, expected: dict[str, str]
) -> None:
    assert {t.term: t.gloss for t in read_marked(text).terms} == expected


def test_entries_with_a_part_of_speech_and_a_definition_after_a_colon() -> None:
    text = (
        "1. flag標示 (v.): to mark for attention\n"
        "E.g. Facebook will begin flagging fake news stories.\n"
        "2. torrent (n.): a lot of words spoken together\n"
        "E.g. It set off a torrent of criticism.\n"
    )
    terms = read_marked(text).terms
    assert [(t.term, t.gloss, t.definition) for t in terms] == [
        ("flag", "標示", "to mark for attention"),
        ("torrent", None, "a lot of words spoken together"),
    ]


def test_a_list_of_english_a_comma_and_chinese_closed_by_a_full_stop() -> None:
    text = "相關單詞:\nsocial media influencer,社群媒體網紅。\nbe stripped of,被剝奪。\ntrade deal,貿易協議。"
    assert {t.term: t.gloss for t in read_marked(text).terms} == {
        "social media influencer": "社群媒體網紅",
        "be stripped of": "被剝奪",
        "trade deal": "貿易協議",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # term, part of speech, IPA, Chinese (bulleted)
        (
            "• tackle (v.) /ˈtæk.əl/ 設法處理、著手對付\n• surge (n.) /sɜːdʒ/ 激增",
            [
                ("tackle", "設法處理、著手對付", "", "/ˈtæk.əl/", None),
                ("surge", "激增", "", "/sɜːdʒ/", None),
            ],
        ),
        # term, part of speech, English definition, Chinese, example sentences
        (
            "1. brave adj. not afraid of danger 勇敢的 It was brave of her to speak.\n"
            "2. face v. [T] to deal with sth 面對;應付 She had to face the press.\n"
            "3. gentle adj. calm and kind 溫柔的 gently adv. 溫柔地 He spoke gently. A gentle man.",
            [
                ("brave", "勇敢的", "not afraid of danger", None, "It was brave of her to speak."),
                ("face", "面對;應付", "to deal with sth", None, "She had to face the press."),
                ("gentle", "溫柔的", "calm and kind", None, "He spoke gently. A gentle man."),
            ],
        ),
        # a starred heading: term(Chinese) /IPA/, its headline below; the label is no term
        (
            "★Defy(違抗) /dɪˈfaɪ/\n\n新聞標題:Workers Told To Defy The Order\n\n"
            "★Suspend(暫停) /səˈspend/\n\n新聞標題:City Suspends Ferry Service Amid Storm Warnings",
            [("defy", "違抗", "", "/dɪˈfaɪ/", None), ("suspend", "暫停", "", "/səˈspend/", None)],
        ),
    ],
)
def test_dictionary_style_lines(
    text: str, expected: list[tuple[str, str, str, str | None, str | None]]
) -> None:
    terms = read_marked(text).terms
    assert [(t.term, t.gloss, t.definition, t.ipa, t.example) for t in terms] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a bare 解 starts a word (解決), it does not explain
        "因此tackle也有應對的意思,例如:tackle problems 解決問題。",
        # a body with its acronym is a name
        "註:美國移民及海關執法局(U.S. Immigration and Customs Enforcement, ICE)。",
        # a bracket that translates the sentence before it glosses none of its words
        "If you cancel the trip, you will lose your deposit (如你取消行程,將失去按金)。",
        "Residents sparked heated debate (居民就該計劃展開了非常激烈而漫長的公開討論).",
        # an English sentence in Chinese prose is a quotation, not a term
        "他說不想再參與競逐(I do not want to play anymore)。",
        # a heading with its translation
        "單元1. News Words of the Week (即時新聞英語)",
    ],
)
def test_no_term_is_read_from(text: str) -> None:
    assert read_marked(text).terms == ()


def test_explanations_in_a_line_that_also_holds_english_sentences() -> None:
    text = (
        "If they resign, officials will forfeit their bonus (如果辭職,官員將失去花紅)。"
        "Forfeit意思是「喪失權利」;"
        "landfill即「堆填區」;sustainable一般譯為「可持續」。"
    )
    found = {t.term: t.gloss for t in read_marked(text).terms}
    assert found == {"forfeit": "喪失權利", "landfill": "堆填區"}


@pytest.mark.parametrize("name", ["NOISE", "ENGLISH_NOISE"])
@settings(max_examples=300, deadline=None)
@given(
    line=st.lists(
        st.sampled_from([*"aZ19 .,;:^*?!'\"-/[]{}<>【】「」)）注註光環解", "note", "[1]", "^2"]),
        max_size=30,
    ).map("".join)
)
def test_the_noise_marks_are_bracketed(name: str, line: str) -> None:
    # clean_line passes a line without an opening bracket over: every noise pattern must
    # need one to match
    patterns = [getattr(r, name) for r in READERS.values() if hasattr(r, name)]
    assert patterns
    for pattern in patterns:
        assert pattern.search(line) is None
        assert pattern.sub("", "A line (note 1) with a gloss (光環) and no mark") != (
            "A line (note 1) with a gloss (光環) and no mark"
        )
