"""Chinese words and readings on Traditional text."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.chinese import Chinese, join_syllables, parse_words
from flashcards.errors import InputError

CHINESE = Chinese()  # cheap: its dictionaries load on first use, once for the module


@pytest.fixture(scope="module")
def chinese() -> Chinese:
    return CHINESE


def reading_of(chinese: Chinese, sentence: str, word: str) -> str:
    found = [w for w in chinese.words(sentence) if w.text == word]
    assert found, f"{word} is not a word of {[w.text for w in chinese.words(sentence)]}"
    return " ".join(found[0].syllables)


@pytest.mark.parametrize(
    ("sentence", "word", "reading"),
    [
        # the seed editorial's hard cases
        ("美俄峰會緩和關係 離間中俄難收效果", "離間", "lí jiàn"),
        ("克宮支持白俄當局強硬處理示威", "處理", "chǔ lǐ"),
        ("不代表美俄關係可望重啟或正常化", "重啟", "chóng qǐ"),
        ("就是普京最大得着", "得着", "dé zháo"),
        ("避免進一步惡化", "進一步", "jìn yí bù"),
        ("美俄關係更跌至歴史谷底", "谷底", "gǔ dǐ"),
        # one character, two readings, told apart by context (the g2pM model)
        ("這條河很長", "很長", "hěn cháng"),
        ("我們都去了", "都", "dōu"),
        ("北京是中國的首都", "首都", "shǒu dū"),
        ("他還沒來", "還", "hái"),
        ("我明天去圖書館還書", "還書", "huán shū"),
        ("我不了解這件事", "了解", "liǎo jiě"),
        ("我要去睡覺了", "睡覺", "shuì jiào"),
        ("他覺得很累", "覺得", "jué de"),
        ("這裏的東西很便宜", "便宜", "pián yi"),
        ("坐地鐵很方便", "方便", "fāng biàn"),
        ("他在銀行工作", "銀行", "yín háng"),
        ("行人要小心", "行人", "xíng rén"),
        ("他的愛好", "愛好", "ài hào"),
        ("朝鮮和韓國", "朝鮮", "cháo xiǎn"),
        ("空調", "空調", "kōng tiáo"),
        ("調查", "調查", "diào chá"),
        ("出差", "出差", "chū chāi"),
        ("重新", "重新", "chóng xīn"),
        ("為了孩子", "為了", "wèi le"),
        # outside a phrase 没, 都, 應 and 汗 are méi, dōu, yīng and hàn, where g2pM says mò,
        # dū, yìng and hán; the phrases keep their own readings
        ("政府沒處理好", "沒", "méi"),
        ("財產被沒收", "沒收", "mò shōu"),
        ("他說四十年都償還不清", "都", "dōu"),
        ("成都的天氣", "成都", "chéng dū"),
        ("當局應與市民溝通", "應", "yīng"),
        ("政府回應", "回應", "huí yìng"),
        ("他出了一身汗", "汗", "hàn"),
        ("成吉思汗", "成吉思汗", "chéng jí sī hán"),
        # 為 on its own: wèi when a verb follows in its clause, else wéi
        ("他為人民服務", "為", "wèi"),
        ("這將為香港帶來新機遇", "為", "wèi"),
        ("為配合政府的計劃", "為", "wèi"),
        ("此為霸王條款", "為", "wéi"),
        ("比率為百分之三", "為", "wéi"),
        ("所得款項均為捐款", "為", "wéi"),
        ("為人所知", "為", "wéi"),
        ("政府應為市民提供支援", "為", "wèi"),
        ("答案應為三", "為", "wéi"),
        # a Traditional character with one reading keeps it where its Simplified form has two
        ("兩隻手", "兩隻手", "liǎng zhī shǒu"),
        ("他捲起袖子", "捲起", "juǎn qǐ"),
        ("儘管如此", "儘管", "jǐn guǎn"),
        # 地 after a word of two characters or more is the adverbial particle, unless that
        # word is a name; in a dictionary word it is ground or place
        ("政府必須有效地處理問題", "地", "de"),
        ("他們積極地參與", "地", "de"),
        ("更好地服務學生", "地", "de"),
        ("香港地少人多", "地少", "dì shǎo"),
        ("事發地點在內地", "地點", "dì diǎn"),
        ("事發地點在內地", "內地", "nèi dì"),
        # Hong Kong names as Putonghua reads them (data/words.tsv)
        ("曾蔭權表示", "曾蔭權", "zēng yìn quán"),
        ("他住在尖沙咀", "尖沙咀", "jiān shā zuǐ"),
        ("鰂魚涌", "鰂魚涌", "zéi yú chōng"),
        ("行會成員", "行會", "xíng huì"),
        ("油麻地的果欄", "油麻地", "yóu má dì"),
        ("香港再次淪為遊行之都", "之都", "zhī dū"),
        # a phrase override: pypinyin's phrase table reads 行長 xíng here
        ("銀行行長說", "銀行行長", "yín háng háng zhǎng"),
        # 一 and 不 change tone before a fourth tone, also across a word boundary
        ("這一個問題", "一個", "yí gè"),
        ("這不是他的", "不是", "bú shì"),
        ("我們不去了", "不去", "bú qù"),
        ("每星期最少一次", "一次", "yí cì"),
        ("一名學生", "一名", "yì míng"),
        ("十一月一日", "一日", "yī rì"),
        ("統一思想", "統一", "tǒng yī"),
        ("額外開支亦不應靠削減其他服務", "不應", "bù yīng"),
        # 一 inside a word and after a determiner changes too; in numbers and ordinals not,
        # except leading a hundred, thousand or ten thousand
        ("捏了一把汗", "捏了一把汗", "niē le yì bǎ hàn"),
        ("另一名遇難者", "另一名", "lìng yì míng"),
        ("第一種反應", "第一種", "dì yī zhǒng"),
        ("找不到十一個人", "十一個", "shí yī gè"),
        ("一百個人", "一百個", "yì bǎi gè"),
        ("十一萬", "十一萬", "shí yī wàn"),
        # pypinyin's phrase table covers part of a word jieba found (切實 qièshí)
        ("雖然只是一小步，卻切實可行", "切實可行", "qiè shí kě xíng"),
        ("63.5%表示", "63.5%", ""),
    ],
)
def test_readings_in_context(chinese: Chinese, sentence: str, word: str, reading: str) -> None:
    assert reading_of(chinese, sentence, word) == reading


@pytest.mark.parametrize(
    ("options", "text", "syllables"),
    [
        ({"tones": "numbers"}, "綠色的", ("lü4", "se4", "de5")),
        ({"tones": "numbers", "umlaut": "v"}, "綠色的", ("lv4", "se4", "de5")),
        ({"tones": "marks", "umlaut": "v"}, "綠色的", ("lǜ", "sè", "de")),
        ({"tones": "numbers", "polyphones": "dictionary"}, "處理", ("chu3", "li3")),
        ({"tones": "numbers"}, "進一步", ("jin4", "yi2", "bu4")),
    ],
)
def test_tone_styles(options: dict[str, str], text: str, syllables: tuple[str, ...]) -> None:
    chinese = Chinese(**options)  # type: ignore[arg-type]
    assert tuple(s for w in chinese.words(text) for s in w.syllables) == syllables


def test_tone_numbers_keep_one_pinyin_word_per_word() -> None:
    words = Chinese(tones="numbers").words("西安")
    assert [(w.text, w.pinyin) for w in words] == [("西安", "xi1an1")]


@pytest.mark.parametrize(
    ("option", "value"),
    [("tones", "colours"), ("umlaut", "u"), ("polyphones", "bert")],
)
def test_unknown_options_are_refused(option: str, value: str) -> None:
    with pytest.raises(ValueError, match=option):
        Chinese(**{option: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "jyutping"),
    [
        ("關係", ("gwaan1", "hai6")),
        ("香港", ("hoeng1", "gong2")),
        ("銀行", ("ngan4", "hong4")),
        ("行人", ("hang4", "jan4")),
        ("廣東話", ("gwong2", "dung1", "waa2")),
        ("G8，", ()),
    ],
)
def test_jyutping(chinese: Chinese, text: str, jyutping: tuple[str, ...]) -> None:
    assert chinese.jyutping(text) == jyutping


def test_word_jyutping_follows_the_words(chinese: Chinese) -> None:
    text = "美俄關係更跌至歴史谷底。"
    words = chinese.words(text)
    jyutping = chinese.word_jyutping(text)
    assert len(jyutping) == len(words)
    assert dict(zip([w.text for w in words], jyutping, strict=True))["關係"] == ("gwaan1", "hai6")
    assert jyutping[-1] == ()  # 。


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # learners' units: dictionary words, numbers and Latin kept whole (full-width too)
        ("這一個問題", ["這", "一個", "問題"]),
        ("２００４年", ["２００４", "年"]),
        ("G8峰會", ["G8", "峰會"]),
        ("美俄關係更跌至歴史谷底", ["美俄", "關係", "更", "跌", "至", "歴史", "谷底"]),
        # jieba's compounds that CC-CEDICT does not list fall into the words it does list;
        # the ones it lists stay whole
        ("要解決問題，改善家居環境", ["要", "解決", "問題", "，", "改善", "家居", "環境"]),
        ("市場機制和改革開放", ["市場", "機制", "和", "改革開放"]),
        # the particle 地 is cut off the next character jieba's HMM glued it to
        ("鐵條就很輕易地變彎了", ["鐵條", "就", "很", "輕易", "地", "變", "彎", "了"]),
        # Hong Kong names from data/words.tsv
        ("林鄭月娥和李家超在將軍澳", ["林鄭月娥", "和", "李家超", "在", "將軍澳"]),
        ("赤鱲角和劏房", ["赤鱲角", "和", "劏房"]),
    ],
)
def test_segmentation(chinese: Chinese, sentence: str, words: list[str]) -> None:
    assert list(chinese.segment(sentence)) == words
    assert [w.text for w in chinese.words(sentence)] == words


def test_words_keep_the_published_script(chinese: Chinese) -> None:
    words = chinese.words("美俄關係更跌至歴史谷底。")
    assert "".join(w.text for w in words) == "美俄關係更跌至歴史谷底。"
    assert "關係" in [w.text for w in words]
    assert [w.pinyin for w in words if w.text == "。"] == [""]


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("美俄關係更跌至歴史谷底", "美俄关系更跌至历史谷底"),
        ("経済", "经济"),  # Japanese-style forms OpenCC leaves alone
        ("芸芸眾生", "芸芸众生"),  # 芸 is also a Chinese character: left alone
        ("赤鱲角的劏房", "赤鱲角的劏房"),  # not 䲗 or 㓥, which jieba does not take for Han
    ],
)
def test_simplified_keeps_length_and_converts_variants(
    chinese: Chinese, text: str, simplified: str
) -> None:
    assert chinese.simplified(text) == simplified


@pytest.mark.parametrize(
    ("syllables", "word"),
    [
        (("xī", "ān"), "xī'ān"),
        (("wú", "lùn"), "wúlùn"),
        (("měi", "é"), "měi'é"),
        (("xi1", "an1"), "xi1an1"),
        ((), ""),
    ],
)
def test_syllables_join_with_apostrophes(syllables: tuple[str, ...], word: str) -> None:
    assert join_syllables(syllables) == word


def test_readings_give_one_item_per_character(chinese: Chinese) -> None:
    assert chinese.readings("G8重啟，") == ("", "", "chóng", "qǐ", "")


_ALPHABET = st.sampled_from("美俄關係歴史谷底一不個得着長還７月G8 2014，。「」\n\u3000")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_joined_words_equal_the_sentence(text: str) -> None:
    words = CHINESE.words(text)
    assert "".join(w.text for w in words) == text
    assert tuple(w.text for w in words) == CHINESE.segment(text)
    assert len(CHINESE.readings(text)) == len(text)
    assert all(len(w.syllables) <= len(w.text) for w in words)


def test_a_callers_words_come_on_top_of_the_shipped_ones() -> None:
    plain = Chinese()
    assert plain.segment("改善家居環境") == ("改善", "家居", "環境")
    extended = Chinese(words={"家居環境": (), "曾蔭權": ("céng", "yìn", "quán")})
    assert extended.segment("改善家居環境") == ("改善", "家居環境")
    assert [w.pinyin for w in extended.words("曾蔭權")] == ["céngyìnquán"]  # the caller's
    assert [w.pinyin for w in plain.words("曾蔭權")] == ["zēngyìnquán"]  # the shipped


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("陳國基\tchén guó jī\n", {"陳國基": ("chén", "guó", "jī")}),
        (
            "# a comment\n\n陳國基   chen2 guo2 ji1  \n大灣區\n",
            {"陳國基": ("chen2", "guo2", "ji1"), "大灣區": ()},
        ),
        ("綠化 lü4 hua4\n", {"綠化": ("lü4", "hua4")}),
    ],
)
def test_parse_words(text: str, words: dict[str, tuple[str, ...]]) -> None:
    assert parse_words(text) == words


@pytest.mark.parametrize(
    "text", ["陳國基 chén guó\n", "陳國基 chén guó jī xx\n", "大灣區 大 灣 區\n"]
)
def test_parse_words_names_the_bad_line(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_words("# words\n" + text)
    assert caught.value.line == 2


def test_every_own_word_is_one_word_read_as_listed(chinese: Chinese) -> None:
    text = resources.files("flashcards").joinpath("data", "words.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]
    assert len(rows) > 50
    for word, *reading in rows:
        words = chinese.words(word)
        assert [w.text for w in words] == [word]
        if reading:
            assert " ".join(words[0].syllables) == reading[0], word


_READ_UNITS = """
import json, sys
if sys.argv[1] == "whole":
    import pypinyin  # pypinyin as it loads itself: its whole phrase table
from flashcards.chinese import _dictionary_reading, _phrase_covered
units = json.loads(sys.stdin.read())
readings = [[_dictionary_reading(u), _phrase_covered(u)] for u in units]
from pypinyin.constants import PHRASES_DICT
print(json.dumps({"phrases": len(PHRASES_DICT), "readings": readings}, ensure_ascii=False))
"""


def test_pypinyin_reads_as_with_its_whole_phrase_table() -> None:
    """pypinyin is given only the phrases (and prefixes of phrases) each unit holds: it reads
    every unit as it does with its whole table in memory, segmentation and tone changes
    included, in one process after another."""
    import json
    import subprocess
    import sys

    table = json.loads(resources.files("pypinyin").joinpath("phrases_dict.json").read_text("utf-8"))
    phrases = sorted(table)[::40]
    units = [
        "不去",  # first: holds no phrase, and 不 changes tone only if pypinyin segments it
        # a phrase's prefix, holding a phrase it hides (一无可: 无可 is one, 一无可奈何 too)
        "一无可", "一棍子", "一氧化", "万不得", "七返还",
        *phrases,
        *(a + b[:2] for a, b in zip(phrases, phrases[7:], strict=False)),  # phrases across boundaries
        *(a[1:] + b for a, b in zip(phrases, phrases[3:], strict=False)),
        "一丁点儿不一而足", "行长说", "中国人民银行行长", "美俄峰会缓和关系", "为市民服务",
        "不去", "一百", "ABC中文", "2014年俄国被踢出八国集团。", "",
    ]  # fmt: skip

    def read(mode: str) -> dict[str, object]:
        run = subprocess.run(
            [sys.executable, "-c", _READ_UNITS, mode],
            input=json.dumps(units),
            capture_output=True,
            text=True,
            check=True,
        )
        answer: dict[str, object] = json.loads(run.stdout)
        return answer

    whole, learnt = read("whole"), read("learnt")
    assert whole["phrases"] == len(table)
    assert isinstance(learnt["phrases"], int) and learnt["phrases"] < len(table) / 2
    assert learnt["readings"] == whole["readings"]


@pytest.mark.parametrize(
    ("text", "pinyin"),
    [
        ("著手", "zhuóshǒu"),  # 著 that is 着 in Simplified: OpenCC's hk2s keeps it
        ("著名", "zhùmíng"),  # 著 that is 著
        # the model answers a syllable 解 never has (zhà) after English: pypinyin's, then
        ("形容詞urgent解「緊急的」", "xíngróngcíjiějǐnjíde"),
        ("新型冠狀病毒", "xīnxíngguānzhuàngbìngdú"),  # shipped in data/words.tsv
    ],
)
def test_zhu_and_zhuo(text: str, pinyin: str) -> None:
    assert "".join(w.pinyin for w in Chinese().words(text)) == pinyin
