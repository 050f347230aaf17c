"""pysbd's English segmenter, quicker and with pysbd's own output: the helper of
sentences.py (which imports it at first use), the only other home of pysbd.

pysbd 0.3.4 runs some forty regex rules over each paragraph and twenty more over each
sentence, and most of them find nothing in a given text. Here a rule is tried only where its
trigger is in the text: a string (or a quick pattern) that every match of the rule holds. A
rule of plain characters (`☉`, `&ᓷ&`) is its own trigger. The methods below that repeat
pysbd's are its own (0.3.4, pinned below 0.4) but for `_apply` in place of `Text.apply` and
the tests noted in each one's comment; tests/test_sentences.py and benchmarks/pysbd_spans.py
compare the spans with pysbd's own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pysbd
import pysbd.processor
from pysbd.between_punctuation import BetweenPunctuation
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.utils import TextSpan

# Characters that a letter of an abbreviation matches with re.IGNORECASE but that str.lower()
# does not turn into that letter (İ ı ſ and the Kelvin sign).
_CASE_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_WORD_BEFORE_STOP = re.compile(r"(?<!\S)[a-z]+(?=\.)")
_ABBREVIATIONS = [a.strip() for a in English.Abbreviation.ABBREVIATIONS]
_ORDER = {a: i for i, a in enumerate(_ABBREVIATIONS)}  # pysbd's order
_WORDS = frozenset(a for a in _ABBREVIATIONS if re.fullmatch("[a-z]+", a))
ABBREVIATIONS = frozenset(_ABBREVIATIONS)
_DOTTED_ABBREVIATIONS = ABBREVIATIONS - _WORDS  # `e.g`, `u.s`


def _candidates(text: str, lowered: str) -> list[str]:
    """pysbd's abbreviations, in its order, but the words that `text` never has as a word
    before a stop: each of pysbd's replacements turns the stop after an abbreviation that
    follows a space (or starts the text) into ∯, so they change nothing. (pysbd looks for
    each of its 188 abbreviations and replaces at each place that might be one.)"""
    if _CASE_FOLDS.search(text):
        return _ABBREVIATIONS
    stopped = set(_WORD_BEFORE_STOP.findall(lowered))  # `mr` of `Mr.`, not of `Tamr.`
    return sorted(_DOTTED_ABBREVIATIONS | (stopped & _WORDS), key=_ORDER.__getitem__)


# A pattern of plain characters, some escaped (`☉`, `\?!`): it matches its own text.
_PLAIN = re.compile(r"(?:[^.^$*+?{}\[\]|()\\]|\\[^A-Za-z0-9])+")

_Trigger = str | re.Pattern[str]
# What every match of a rule holds (the rule's pattern, its lookarounds included).
_TRIGGERS: dict[str, _Trigger] = {
    English.PossessiveAbbreviationRule.pattern: ".'s",
    English.KommanditgesellschaftRule.pattern: "KG",
    English.SingleLetterAbbreviationRules.SingleUpperCaseLetterAtStartOfLineRule.pattern: (
        re.compile(r"\A[A-Z]\.")
    ),
    English.SingleLetterAbbreviationRules.SingleUpperCaseLetterRule.pattern: re.compile(
        r"\s[A-Z]\."
    ),
    English.AmPmRules.UpperCasePmRule.pattern: "P∯M∯",
    English.AmPmRules.UpperCaseAmRule.pattern: "A∯M∯",
    English.AmPmRules.LowerCasePmRule.pattern: "p∯m∯",
    English.AmPmRules.LowerCaseAmRule.pattern: "a∯m∯",
    English.Numbers.NumberAfterPeriodBeforeLetterRule.pattern: re.compile(r"\d\."),
    English.Numbers.NewLineNumberPeriodSpaceLetterRule.pattern: "\r",
    English.Numbers.StartLineNumberPeriodRule.pattern: re.compile(r"\A\d\."),
    English.Numbers.StartLineTwoDigitNumberPeriodRule.pattern: re.compile(r"\A\d\d\."),
    English.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern: re.compile(
        r"\.(?<=[a-zA-Z0-9_]\.)[a-zA-Z0-9_]"
    ),
    English.GeoLocationRule.pattern: "°",
    English.FileFormatRule.pattern: re.compile(r"\s\."),
    English.SingleNewLineRule.pattern: "\n",
    English.EllipsisRules.ThreeSpaceRule.pattern: re.compile(r"\.\s\."),
    English.EllipsisRules.FourSpaceRule.pattern: re.compile(r"\.\s\."),
    English.EllipsisRules.FourConsecutiveRule.pattern: "....",
}
_RUN_OF_MARKS = re.compile("[!?]{3}")  # CONTINUOUS_PUNCTUATION_REGEX
_REFERENCE = re.compile(r"[.∯][\[\d]")  # NUMBERED_REFERENCE_REGEX: `word.[12] Next`
_DOTTED = re.compile(r"\.[a-z]\.", re.IGNORECASE)  # MULTI_PERIOD_ABBREVIATION_REGEX: `a.b.`
# a match of ALPHABETICAL_LIST_WITH_PERIODS, found from its stop (a quick pattern)
_LONE_LETTER_STOP = re.compile(r"\.(?<=(?<!\S)[a-z]\.)")
# what both single-quote patterns of BetweenPunctuation need: a quote after a space
_SPACE_QUOTE = re.compile(r"\s'")
# every numbered-list pattern needs a digit before `. `, `.)` or `) `
_NUMBER_STOP = re.compile(r"\d\.[\s)]")
_NUMBER_PAREN = re.compile(r"\d\)\s")


@cache
def _trigger(pattern: str) -> _Trigger | None:
    if _PLAIN.fullmatch(pattern):
        return re.sub(r"\\(.)", r"\1", pattern)
    return _TRIGGERS.get(pattern)


def _apply(text: str, *rules: Any) -> str:
    """pysbd's `Text.apply`, passing over the rules whose trigger `text` lacks."""
    for rule in rules:
        trigger = _trigger(rule.pattern)
        if trigger is None or (
            trigger in text if isinstance(trigger, str) else trigger.search(text)
        ):
            text = re.sub(rule.pattern, rule.replacement, text)
    return text


class Abbreviations(English.AbbreviationReplacer):  # type: ignore[misc]
    """pysbd's, skipping the abbreviations that cannot change a text (`_candidates`)."""

    text: str

    def replace(self) -> str:
        # pysbd 0.3.4's own, with _apply
        self.text = _apply(
            self.text,
            self.lang.PossessiveAbbreviationRule,
            self.lang.KommanditgesellschaftRule,
            *self.lang.SingleLetterAbbreviationRules.All,
        )
        abbr_handled_text = ""
        for line in self.text.splitlines(True):
            abbr_handled_text += self.search_for_abbreviations_in_string(line)
        self.text = abbr_handled_text
        if _DOTTED.search(self.text):
            self.replace_multi_period_abbreviations()
        self.text = _apply(self.text, *self.lang.AmPmRules.All)
        if "∯" in self.text:  # the stops it gives back are ∯
            self.text = self.replace_abbreviation_as_sentence_boundary()
        return self.text

    def search_for_abbreviations_in_string(self, text: str) -> str:
        # pysbd 0.3.4's own loop, over the abbreviations that can change the text
        lowered = text.lower()
        for stripped in _candidates(text, lowered):
            if stripped not in lowered:
                continue
            found = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            if not found:
                continue
            next_word_start = r"(?<={" + re.escape(stripped) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, match in enumerate(found):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


class ListItems(ListItemReplacer):  # type: ignore[misc]
    """pysbd's, finding the same list markers faster (its patterns try three or twelve
    alternatives at every character of a paragraph)."""

    # a letter at the start or after whitespace, before `.` (or letters before `)`)
    ALPHABETICAL_LIST_WITH_PERIODS = r"(?<!\S)[a-z](?=\.)"
    ALPHABETICAL_LIST_WITH_PARENS = r"(?<![^\s(])[a-z]+(?=\))"

    text: str

    def add_line_breaks_for_alphabetical_list_with_periods(
        self, roman_numeral: bool = False
    ) -> str:
        if not _LONE_LETTER_STOP.search(self.text):
            return self.text
        return str(super().add_line_breaks_for_alphabetical_list_with_periods(roman_numeral))

    def add_line_breaks_for_alphabetical_list_with_parens(self, roman_numeral: bool = False) -> str:
        if ")" not in self.text:
            return self.text
        return str(super().add_line_breaks_for_alphabetical_list_with_parens(roman_numeral))

    def replace_periods_in_numbered_list(self) -> None:
        if _NUMBER_STOP.search(self.text):
            super().replace_periods_in_numbered_list()

    def replace_parens_in_numbered_list(self) -> None:
        if _NUMBER_PAREN.search(self.text):
            super().replace_parens_in_numbered_list()


class Pairs(BetweenPunctuation):  # type: ignore[misc]
    """pysbd's, trying each kind of quotes or brackets only where its opening mark is."""

    def sub_punctuation_between_quotes_and_parens(self, txt: str) -> str:
        # pysbd 0.3.4's own, each step under the mark its patterns need
        if _SPACE_QUOTE.search(txt):  # not an apostrophe: `Kong's`
            txt = self.sub_punctuation_between_single_quotes(txt)
        if "‘" in txt:
            txt = self.sub_punctuation_between_single_quote_slanted(txt)
        if '"' in txt:
            txt = self.sub_punctuation_between_double_quotes(txt)
        if "[" in txt:
            txt = self.sub_punctuation_between_square_brackets(txt)
        if "(" in txt:
            txt = self.sub_punctuation_between_parens(txt)
        if "«" in txt:
            txt = self.sub_punctuation_between_quotes_arrow(txt)
        if "--" in txt:
            txt = self.sub_punctuation_between_em_dashes(txt)
        if "“" in txt:
            txt = self.sub_punctuation_between_quotes_slanted(txt)
        return txt


class Processing(pysbd.processor.Processor):  # type: ignore[misc]
    """pysbd's, with its rules tried only where their triggers are."""

    text: str

    def process(self) -> Any:
        # pysbd 0.3.4's own, with ListItems and _apply
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = ListItems(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        if _RUN_OF_MARKS.search(self.text):
            self.replace_continuous_punctuation()
        if _REFERENCE.search(self.text):
            self.replace_periods_before_numeric_references()
        self.text = _apply(
            self.text,
            self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
            self.lang.GeoLocationRule,
            self.lang.FileFormatRule,
        )
        return self.split_into_segments()

    def check_for_parens_between_quotes(self) -> None:
        if "(" in self.text:
            super().check_for_parens_between_quotes()

    def split_into_segments(self) -> Any:
        # pysbd 0.3.4's own, with _apply
        self.check_for_parens_between_quotes()
        sents = self.text.split("\r")
        sents = self.rm_none_flatten(sents)
        sents = [
            _apply(s, self.lang.SingleNewLineRule, *self.lang.EllipsisRules.All) for s in sents
        ]
        sents = [self.check_for_punctuation(s) for s in sents]
        sents = self.rm_none_flatten(sents)
        postprocessed_sents = []
        for sent in sents:
            sent = _apply(sent, *self.lang.SubSymbolsRules.All)
            post_process_sent = self.post_process_segments(sent)
            if post_process_sent and isinstance(post_process_sent, str):
                postprocessed_sents.append(post_process_sent)
            elif isinstance(post_process_sent, list):
                for pps in post_process_sent:
                    postprocessed_sents.append(pps)
        return [_apply(ns, self.lang.SubSingleQuoteRule) for ns in postprocessed_sents]

    def post_process_segments(self, txt: str) -> Any:
        # pysbd 0.3.4's own, with _apply
        if len(txt) > 2 and re.search(r"\A[a-zA-Z]*\Z", txt):
            return txt
        txt = _apply(txt, *self.lang.ReinsertEllipsisRules.All)
        if re.search(self.lang.QUOTATION_AT_END_OF_SENTENCE_REGEX, txt):
            return re.split(self.lang.SPLIT_SPACE_QUOTATION_AT_END_OF_SENTENCE_REGEX, txt)
        return txt.replace("\n", "").strip()

    def process_text(self, txt: str) -> Any:
        # pysbd 0.3.4's own, with _apply; its words with ! (`Yahoo!`, `ǃKung`) where ! is
        if txt[-1] not in self.lang.Punctuations:
            txt += "ȸ"
        if "!" in txt or "ǃ" in txt:
            txt = ExclamationWords.apply_rules(txt)
        txt = self.between_punctuation(txt)
        if not re.match(self.lang.DoublePunctuationRules.DoublePunctuation, txt):
            txt = _apply(txt, *self.lang.DoublePunctuationRules.All)
        txt = _apply(
            txt, self.lang.QuestionMarkInQuotationRule, *self.lang.ExclamationPointRules.All
        )
        txt = ListItemReplacer(txt).replace_parens()
        return self.sentence_boundary_punctuation(txt)

    def replace_numbers(self) -> None:
        self.text = _apply(self.text, *self.lang.Numbers.All)


class Language(English):  # type: ignore[misc]
    AbbreviationReplacer = Abbreviations
    BetweenPunctuation = Pairs
    Processor = Processing


class Segmenter(pysbd.Segmenter):  # type: ignore[misc]
    """pysbd, finding its sentences in the text with str.find: its own way compiles a
    regex from every sentence's text, a third of the time it takes."""

    def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
        spans, pos, text = [], 0, self.original_text
        for sentence in sentences:
            start = text.find(sentence, pos)
            if start < 0:
                continue  # as pysbd does with a sentence it cannot find
            end = start + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            spans.append(TextSpan(text[start:end], start, end))
            pos = start + len(sentence)
        return spans


def segmenter() -> Any:
    segmenter = Segmenter(language="en", clean=False, char_span=True)
    segmenter.language_module = Language
    return segmenter
