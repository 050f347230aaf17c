"""Glossary readers: both Ming Pao layouts, and what goes wrong."""

from __future__ import annotations

import pytest

from flashcards.errors import InputError
from flashcards.models import GlossaryEntry
from flashcards.readers.glossary import merge_duplicates, read_glossary


def lines(text: str) -> list[tuple[int, str]]:
    return [(i, line.strip()) for i, line in enumerate(text.split("\n"), start=1)]


def test_both_layouts_and_colons() -> None:
    block = """
plumb the depths of sth：to be or to experience an extreme example of sth unpleasant

divergent /daɪˈvɜːdʒənt/

developing or moving in different directions

table: to formally present a proposal

universal suffrage /ˌjuːnɪˌvɜːsl ˈsʌfrɪdʒ/
the right of every adult citizen to vote

inflict sth on sb/sth：to make sb/sth suffer sth unpleasant

uproar /ˈʌprɔː(r)/：a situation in which many people are angry
"""
    entries = read_glossary(lines(block))
    assert [(e.term, e.ipa) for e in entries] == [
        ("plumb the depths of sth", None),
        ("divergent", "/daɪˈvɜːdʒənt/"),
        ("table", None),
        ("universal suffrage", "/ˌjuːnɪˌvɜːsl ˈsʌfrɪdʒ/"),
        ("inflict sth on sb/sth", None),
        ("uproar", "/ˈʌprɔː(r)/"),
    ]
    assert entries[1].definition == "developing or moving in different directions"
    assert entries[4].definition == "to make sb/sth suffer sth unpleasant"
    assert entries[1].line == 4


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("\n\n", "the glossary block is empty"),
        ("a term alone", "line 1: glossary entry 'a term alone' has no definition"),
        ("word /wɜːd/", "line 1: glossary entry 'word' has IPA but no definition"),
        ("word /wɜːd/\n\nother /ˈʌðə/\n\nsomething", "line 1: glossary entry 'word' has IPA"),
        ("：definition only", "line 1: glossary line"),
    ],
)
def test_unreadable_lines_are_named(block: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_glossary(lines(block))
    assert message in str(info.value)


def test_duplicates_merge_into_one_entry() -> None:
    entries = (
        GlossaryEntry("lend", "to give help", None, 1),
        GlossaryEntry("Lend", "to give money for a time", "/lend/", 3),
        GlossaryEntry("seek", "to look for", None, 5),
    )
    merged, duplicated = merge_duplicates(entries)
    assert [e.term for e in merged] == ["lend", "seek"]
    assert merged[0].definition == "to give help; to give money for a time"
    assert merged[0].ipa == "/lend/"
    assert duplicated == ("Lend",)
