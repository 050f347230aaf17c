"""Editorial parsing: sections, metadata and the noise of real pages."""

from __future__ import annotations

import pytest

from flashcards.editorial import editorial_id, normalise_text, parse_editorial
from flashcards.errors import InputError


def test_sections_of_the_layout(editorial_text: str) -> None:
    ed = parse_editorial(editorial_text, "x.txt")
    assert ed.stamp == "2021-02-11"
    assert ed.date == "2021-06-18"  # from the Chinese title line, not the crawl stamp
    assert ed.title_zh == "美俄峰會緩和關係"
    assert ed.audio == "link.mingpao.com/53000.htm"
    assert ed.en_paragraphs[0].startswith("The US and Russia")
    assert len(ed.en_paragraphs) == 2
    assert ed.zh_paragraphs[0] == "美俄峰會，拜登與普京同意恢復互派大使。"
    assert len(ed.zh_paragraphs) == 3
    assert [g.term for g in ed.glossary] == ["lend", "divergent", "kick sb out"]
    assert ed.id == "2021-06-18-the-us-and-russia-still"


def test_crlf_and_bom_change_nothing(editorial_text: str) -> None:
    plain = parse_editorial(editorial_text, "x.txt")
    noisy = parse_editorial("\ufeff" + editorial_text.replace("\n", "\r\n"), "x.txt")
    assert noisy == plain


def test_editorial_title_line_and_source_mark() -> None:
    text = (
        "Editorial : Hong Kong people want a way out\n回歸周年檢視困局\n\n"
        "【明報專訊】TODAY (July 1) marks the anniversary.\n\n"
        "■/ Glossary 生字 /\n\nmark sth：to be the time of an anniversary\n"
    )
    ed = parse_editorial(text, "mingpao-life-2016-07-04.txt")
    assert ed.title_en == "Hong Kong people want a way out"
    assert ed.title_zh == "回歸周年檢視困局"
    assert ed.en_paragraphs == ("TODAY (July 1) marks the anniversary.",)
    assert ed.zh_paragraphs == ()
    assert ed.audio is None
    assert ed.date == "2016-07-04"  # no title date: the file name's


def test_plain_headline_and_date_line() -> None:
    text = "03/06/15\n\nThe proposal will be tabled.\n\n政府宣佈動議。\n\n■/ Glossary 生字 /\n\ntable: to present\n"
    ed = parse_editorial(text, "news.txt")
    assert ed.date == "2015-06-03"
    assert ed.en_paragraphs == ("The proposal will be tabled.",)
    assert ed.title_en is None


def test_stamp_is_the_last_resort_for_the_date() -> None:
    text = " date 2019-02-04 Some text here.\n\n■/ Glossary 生字 /\n\nterm：a definition\n"
    assert parse_editorial(text, "noname.txt").date == "2019-02-04"


def test_hard_wrapped_english_is_one_paragraph() -> None:
    text = "The first line\nwraps here.\n\nSecond.\n\n■/ Glossary 生字 /\n\nwrap：to fold\n"
    ed = parse_editorial(text, "x.txt")
    assert ed.en_paragraphs == ("The first line wraps here.", "Second.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("Just English.\n", "no glossary block found"),
        ("Text.\n\n■/ Glossary 生字 /\n\n\n", "the glossary block is empty"),
        ("■/ Glossary 生字 /\n\nterm：definition\n", "no English paragraphs"),
        ("Text.\n\n■/ Glossary 生字 /\n\nterm without definition\n", "line 5: glossary entry"),
        ("Text\x00.\n", "NUL bytes"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_editorial(text, "bad.txt")
    assert str(info.value).startswith("bad.txt: ")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("date", "title", "expected"),
    [
        ("2021-06-18", "Over the past ten years, the US", "2021-06-18-over-the-past-ten-years"),
        (None, "Déjà vu: ''quotes''", "undated-deja-vu-quotes"),
        ("2020-01-01", "美俄", "2020-01-01-editorial"),
        ("2020-01-01", "../../etc/passwd", "2020-01-01-etc-passwd"),
    ],
)
def test_editorial_id_is_filesystem_safe(date: str | None, title: str, expected: str) -> None:
    assert editorial_id(date, title) == expected


@pytest.mark.parametrize(
    ("line", "audio"),
    [
        ("■英語社評聲檔：link.mingpao.com/53000.htm", "link.mingpao.com/53000.htm"),
        ("■英語社評聲檔: https://link.mingpao.com/53000.htm", "https://link.mingpao.com/53000.htm"),
        ("■英語社評聲檔：javascript:alert(1)", None),
        ("■英語社評聲檔：<img>", None),
        ("■英語社評聲檔：", None),
    ],
)
def test_audio_line_must_be_a_web_address(line: str, audio: str | None) -> None:
    text = f"Text.\n\n■/ Glossary 生字 /\n\nterm：definition\n\n{line}\n"
    assert parse_editorial(text, "x.txt").audio == audio


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # bold words copied from a PDF hold every letter twice
        ("the ttaaiizziiddaanngg in MMeenncciiuuss", "the taizidang in Mencius"),
        ("a bookkeeper's committee", "a bookkeeper's committee"),
        # a word hyphenated at a line end, written twice: then every `--` is a hyphen
        (
            "42 part part--time members; good good--for for--nothing heirs; deep--rooted",
            "42 part-time members; good-for-nothing heirs; deep-rooted",
        ),
        # without that sign a double hyphen may be a dash, and stays
        ("the plan--if it works--will help", "the plan--if it works--will help"),
    ],
)
def test_what_text_copied_from_a_pdf_holds(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


WRAPPED = """Lower expectations on the exchange

The suggestion by the council president that all members make a trip to the

mainland has received a positive response from officials in Hong Kong. Pan-

democratic councillors, meanwhile, said the proposed trip would in no way change

their position. For the smooth operation of the city the two sides must look for

common ground despite their differences.

■/ Glossary 生字 /

in no way：not at all
"""


def test_a_text_wrapped_line_by_line_is_read_in_paragraphs() -> None:
    editorial = parse_editorial(WRAPPED)
    assert editorial.title_en == "Lower expectations on the exchange"
    assert editorial.en_paragraphs == (
        "The suggestion by the council president that all members make a trip to the "
        "mainland has received a positive response from officials in Hong Kong. "
        "Pan-democratic councillors, meanwhile, said the proposed trip would in no way change "
        "their position. For the smooth operation of the city the two sides must look for "
        "common ground despite their differences.",
    )


def test_lead_ins_and_salutations_are_not_wrapped_lines() -> None:
    # a text wrapped line by line (two paragraphs go on in lower case), whose lead-in and
    # salutation, as long as its wrapped lines, still end where they end
    text = (
        "Following are the remarks by the Chief Executive in the Council today:\n\n"
        "Mr President and Honourable Members of the Legislative Council,\n\n"
        "Today is my first attendance at a meeting of the Council this\n\n"
        "year, and I would like to thank you all for the work of the past\n\n"
        "year that has made this possible.\n\n"
        "■/ Glossary 生字 /\n\nattendance：the act of being present\n"
    )
    assert parse_editorial(text).en_paragraphs[:2] == (
        "Mr President and Honourable Members of the Legislative Council,",
        "Today is my first attendance at a meeting of the Council this year, and I would like "
        "to thank you all for the work of the past year that has made this possible.",
    )


def test_a_chinese_block_with_a_space_after_each_paragraph_is_read_as_paragraphs() -> None:
    text = (
        "The Secretary visited the district. He met councillors.\n\n"
        "He thanked them.\n\n"
        "局長到訪東區。他與區議員會面。 他感謝各區議員。\n\n"
        "■/ Glossary 生字 /\n\ncouncillor：a member of a council\n"
    )
    assert parse_editorial(text).zh_paragraphs == (
        "局長到訪東區。他與區議員會面。",
        "他感謝各區議員。",
    )
    # spaces that also stand inside sentences are a print layout's line ends: one block
    wrapped = text.replace("他與區議員會面", "他與區議 員會面")
    assert parse_editorial(wrapped).zh_paragraphs == (
        "局長到訪東區。他與區議 員會面。 他感謝各區議員。",
    )


def test_chinese_with_a_space_between_every_character_is_read_without_them() -> None:
    text = (
        "The games brought opportunities.\n\n"
        "2008 奧 運 成 功 , 舉 國 歡 騰 , 但 全 球 旅 遊 業 面 對 轉 變 。\n\n"
        "■/ Glossary 生字 /\n\nopportunity：a chance\n"
    )
    assert parse_editorial(text).zh_paragraphs == ("2008 奧運成功,舉國歡騰,但全球旅遊業面對轉變。",)
