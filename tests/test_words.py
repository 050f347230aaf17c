"""words.py reads wordfreq's English list from an SQLite index: its Zipf values must be
wordfreq's own, to the bit."""

from __future__ import annotations

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from flashcards.words import zipf


@pytest.mark.parametrize(
    "word",
    [
        "the", "The", "criticise", "hasintroduced", "climatechange", "ofthe", "qzxv", "a",
        "don't", "it's", "o'clock", "e-mail", "covid-19", "g8", "2019", "1997s", "100,000",
        "café", "Zürich", "naïve", "straße", "İstanbul", "ΣΟΦΙΑ", "梁振英", "Hong Kong", "", " ",
    ],
)  # fmt: skip
def test_zipf_is_wordfreqs(word: str) -> None:
    assert repr(zipf(word)) == repr(float(zipf_frequency(word.lower(), "en")))


def test_zipf_is_wordfreqs_across_its_list() -> None:
    listed = list(get_frequency_dict("en", "best"))[::997]
    assert len(listed) > 300
    for word in listed:
        assert repr(zipf(word)) == repr(float(zipf_frequency(word, "en"))), word
