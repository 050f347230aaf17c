"""The lexicon indexes asked about many words at once give the answers of word-by-word lookups,
in one query."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from flashcards import dictionary, lemmas


class Counting:
    """A connection that counts the queries run through it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db, self.queries = db, 0

    def execute(self, query: str, args: Any = ()) -> sqlite3.Cursor:
        self.queries += 1
        return self.db.execute(query, args)


def _one(query: str, key: str, sep: str, kind: Any, db: Any = None) -> Any:
    """The index's row for one key, split as the lexicon splits it: the reference answer,
    asked without the code under test."""
    row = (db or dictionary.load()._db).execute(query, (key,)).fetchone()
    return kind(x for x in row[0].split(sep) if x) if row and row[0] else kind()


def test_glosses_of_many_words_are_those_of_each_in_one_query() -> None:
    heads = ["支持", "鎮壓", "外交", "峰會", "大使", "關係", "不是詞語", "大"]
    expected = {h: _one("SELECT senses FROM gloss WHERE head = ?", h, "/", tuple) for h in heads}
    db = Counting(dictionary.load()._db)
    cedict = dictionary.Cedict(db)  # type: ignore[arg-type]
    asked = db.queries
    assert cedict.lookup_many(heads) == expected
    assert db.queries == asked + 1
    assert [cedict.lookup(h) for h in heads] == list(expected.values())
    assert db.queries == asked + 1  # remembered
    assert expected["大使"] and expected["不是詞語"] == ()


def test_a_piece_words_in_found_no_headword_is_answered_without_asking() -> None:
    db = Counting(dictionary.load()._db)
    cedict = dictionary.Cedict(db)  # type: ignore[arg-type]
    words = dict(cedict.words_in("拜登與普京會面"))
    asked = db.queries
    assert cedict.lookup("登與普") == () and cedict.lookup("與普京會") == ()
    assert db.queries == asked
    assert cedict.lookup("普京") and words[3] == "普京"


def test_words_in_finds_every_piece_that_is_a_headword_in_few_queries() -> None:
    text = "中華人民共和國香港特別行政區政府宣布，拜登與普京會面。Ｇ8峰會"
    db = Counting(dictionary.load()._db)
    cedict = dictionary.Cedict(db)  # type: ignore[arg-type]
    found = list(cedict.words_in(text))
    # one query for each length of piece, where a query per piece would be hundreds
    assert db.queries <= cedict.max_headword
    every_piece = [
        (start, text[start:end])
        for start in range(len(text))
        for end in range(start + 1, min(len(text), start + cedict.max_headword) + 1)
    ]
    fresh = dictionary.Cedict(dictionary.load()._db)
    assert found == [(start, piece) for start, piece in every_piece if fresh.lookup(piece)]
    assert (0, "中華人民共和國") in found and (9, "特別行政區") in found


def test_translations_prefetched_are_those_asked_one_by_one() -> None:
    words = ["support", "crackdown", "diplomat", "summit", "ambassador", "qwertyuiop"]
    expected = [_one("SELECT heads FROM english WHERE word = ?", w, "|", frozenset) for w in words]
    db = Counting(dictionary.load()._db)
    cedict = dictionary.Cedict(db)  # type: ignore[arg-type]
    asked = db.queries
    cedict.prefetch_translations(words)
    assert [cedict.translations(w) for w in words] == expected
    assert db.queries == asked + 1
    assert "大使" in expected[4] and expected[5] == frozenset()


def test_lemmas_prefetched_are_those_asked_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["lent", "spending", "crises", "hard-won", "qwertyuiop", "the"]
    expected = [
        _one("SELECT lemmas FROM lemmas WHERE word = ?", w, "|", frozenset, lemmas._index())
        for w in words
    ]
    monkeypatch.setattr(lemmas, "_LEMMA_ROWS", {})
    db = Counting(lemmas._index())
    monkeypatch.setattr(lemmas, "_index", lambda: db)
    found = lemmas.prefetch(words)
    assert [lemmas._lemma_row(w) for w in words] == expected
    assert db.queries == 1
    assert found == frozenset().union(*expected)
    assert "lend" in expected[0] and "crisis" in expected[2] and expected[4] == frozenset()


def test_remembered_lemmas_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lemmas, "_LEMMA_ROWS", {})
    monkeypatch.setattr(lemmas, "_REMEMBER", 3)
    lemmas.prefetch(["lent", "spending"])
    assert {"crisis", "go"} <= lemmas.prefetch(["crises", "went"])
    assert len(lemmas._LEMMA_ROWS) <= 3
    assert "lend" in lemmas._lemma_row("lent")  # asked again once forgotten
    assert len(lemmas._LEMMA_ROWS) <= 3


def test_jieba_cuts_an_announced_text_alike_in_a_few_queries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flashcards import chinese

    text = chinese.Chinese().simplified(
        "美俄峰會結束後，拜登與普京同意恢復互派大使，雙邊關係略為緩和"
    )
    db = Counting(chinese._PrefixDictionary._db())
    monkeypatch.setattr(chinese._PrefixDictionary, "_db", staticmethod(lambda: db))
    cuts, queries = [], []
    for announced in (False, True):
        tokenizer = chinese.Chinese()._tokenizer  # its own prefix dictionary, empty
        asked = db.queries
        if announced:
            tokenizer.FREQ.expect(text)
        cuts.append(list(tokenizer.cut(text, HMM=True)))
        queries.append(db.queries - asked)
    assert cuts[0] == cuts[1] and "拜登" in cuts[0]
    assert queries[1] * 3 < queries[0]


def test_pypinyin_learns_every_phrase_and_prefix_among_the_pieces_of_a_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flashcards import chinese

    chinese._pypinyin()
    monkeypatch.setattr(chinese, "_LEARNT", set())  # nothing learnt by earlier tests counts
    monkeypatch.setattr(chinese, "_ABSENT", set())
    text = "香港特别行政区政府一直积极推动创新科技发展，不遗余力"
    chinese._learn_phrases_of(text)
    longest = chinese._longest_phrase()
    pieces = {text[i:j] for i in range(len(text)) for j in range(i + 1, i + longest + 1)}
    db = chinese._phrase_index()
    marks = ",".join("?" * len(pieces))
    rows = dict(db.execute(f"SELECT word, pinyin FROM phrases WHERE word IN ({marks})", [*pieces]))
    assert set(rows) <= chinese._LEARNT
    assert "不遗余力" in rows and rows["不遗余力"] is not None
