"""English and Chinese sentence splitting. The only home of pysbd.

Both splitters lose no text: every non-blank character of a paragraph lies in exactly one
sentence, and `paragraph[s.start:s.end] == s.text`.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

from .models import Sentence

# A Chinese sentence ends at 。！？ (or their ASCII and small forms, ﹖﹗) and the closing
# quotes after them.
_ZH_END = re.compile(r"[。！？!?﹖﹗]+[」』”’）)]*")


# Characters that a letter of an abbreviation matches with re.IGNORECASE but that str.lower()
# does not turn into that letter (İ ı ſ and the Kelvin sign).
_CASE_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_NUMBER_STOP = re.compile(r"\d\.[\s)]")
_NUMBER_PAREN = re.compile(r"\d\)\s")


@cache
def _segmenter() -> Any:
    import pysbd  # imported here: nothing heavy happens at import time
    import pysbd.processor
    from pysbd.lang.english import English
    from pysbd.lists_item_replacer import ListItemReplacer
    from pysbd.utils import Text, TextSpan

    words = frozenset(a for a in English.Abbreviation.ABBREVIATIONS if re.fullmatch("[a-z]+", a))

    class Abbreviations(English.AbbreviationReplacer):  # type: ignore[misc]
        """pysbd's, skipping the abbreviations that cannot change a text: each of pysbd's
        replacements turns the stop after an abbreviation into ∯, so an abbreviation of
        letters that the text never has before a stop changes nothing. (pysbd looks for each
        of its 188 abbreviations and replaces at each place that might be one: two thirds of
        its time.)"""

        def search_for_abbreviations_in_string(self, text: str) -> str:
            # pysbd 0.3.4's own loop, but for the second `continue`
            lowered = text.lower()
            exact = not _CASE_FOLDS.search(text)
            for abbr in self.lang.Abbreviation.ABBREVIATIONS:
                stripped = abbr.strip()
                if stripped not in lowered:
                    continue
                if exact and stripped in words and stripped + "." not in lowered:
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
        alternatives at every character of a paragraph: a third of its time)."""

        # a letter at the start or after whitespace, before `.` (or letters before `)`)
        ALPHABETICAL_LIST_WITH_PERIODS = r"(?<!\S)[a-z](?=\.)"
        ALPHABETICAL_LIST_WITH_PARENS = r"(?<![^\s(])[a-z]+(?=\))"

        # every numbered-list pattern needs a digit before `. `, `.)` or `) `: a paragraph
        # without one holds no numbered list
        def replace_periods_in_numbered_list(self) -> None:
            if _NUMBER_STOP.search(self.text):
                super().replace_periods_in_numbered_list()

        def replace_parens_in_numbered_list(self) -> None:
            if _NUMBER_PAREN.search(self.text):
                super().replace_parens_in_numbered_list()

    class Processing(pysbd.processor.Processor):  # type: ignore[misc]
        text: str

        def process(self) -> Any:
            # pysbd 0.3.4's own, with its list items found by ListItems
            if not self.text:
                return self.text
            self.text = self.text.replace("\n", "\r")
            self.text = ListItems(self.text).add_line_break()
            self.replace_abbreviations()
            self.replace_numbers()
            self.replace_continuous_punctuation()
            self.replace_periods_before_numeric_references()
            self.text = Text(self.text).apply(
                self.lang.Abbreviation.WithMultiplePeriodsAndEmailRule,
                self.lang.GeoLocationRule,
                self.lang.FileFormatRule,
            )
            return self.split_into_segments()

    class Language(English):  # type: ignore[misc]
        AbbreviationReplacer = Abbreviations
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

    segmenter = Segmenter(language="en", clean=False, char_span=True)
    segmenter.language_module = Language
    return segmenter


# A full stop (or ? !) glued to the next sentence's capitalised first word, as text copied
# from PDFs has it: `on the head.Since then`. Before the stop: a word of two letters or more
# that is not the end of a dotted abbreviation (`U.S.`), a number or a closing bracket;
# closing quotes may follow the stop.
_GLUED_END = re.compile(
    r"(?P<word>(?<![.\w])[A-Za-z]{2,}|\b\d+|[)\]])[.!?]+['\"\u2019\u201d]*+(?=[\u201c\"']?[A-Z])"
    r"(?![A-Za-z]+\.[A-Za-z])"  # not inside a dotted name: `www.News.gov.hk`
)


_PLAIN_QUOTES = str.maketrans(dict.fromkeys("“”„‟", '"') | dict.fromkeys("‘’‛", "'"))


@cache
def _abbreviations() -> frozenset[str]:
    """pysbd's English abbreviations (`mr`, `st`, `ltd`): a stop after one ends nothing."""
    from pysbd.lang.english import English

    return frozenset(a.lower() for a in English.Abbreviation.ABBREVIATIONS)


def _glued_cuts(sentence: str) -> list[int]:
    """Where sentences glued without a space part, inside what pysbd took as one."""
    cuts = []
    for m in _GLUED_END.finditer(sentence):
        word = m.group("word")
        if word.lower() in _abbreviations():
            continue
        cuts.append(m.end())
    return cuts


def split_english(paragraph: str, paragraph_index: int = 0) -> tuple[Sentence, ...]:
    """Split an English paragraph with pysbd's rules (abbreviations such as "US", "G8",
    "i.e." and decimals do not end a sentence), and where a sentence's stop is glued to the
    next one's first word (`head.Since`)."""
    spans: list[tuple[int, int]] = []
    # pages mix quote styles (`"Christian Soldiers”`), which throws pysbd's pairing of
    # quotes off for the rest of the paragraph: it reads a copy with plain ones (as long)
    for span in _segmenter().segment(paragraph.translate(_PLAIN_QUOTES)):
        bounds = [span.start, *(span.start + c for c in _glued_cuts(span.sent)), span.end]
        spans.extend(pairwise(bounds))
    return _sentences(paragraph, paragraph_index, spans)


def split_chinese(paragraph: str, paragraph_index: int = 0) -> tuple[Sentence, ...]:
    """Split a Chinese paragraph after 。！？ and any closing quotes that follow."""
    cuts = [m.end() for m in _ZH_END.finditer(paragraph)]
    bounds = [0, *cuts, len(paragraph)]
    return _sentences(paragraph, paragraph_index, list(pairwise(bounds)))


def _sentences(
    paragraph: str, paragraph_index: int, spans: list[tuple[int, int]]
) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    covered = 0
    for start, end in spans:
        # pysbd's spans may overlap or skip characters around whitespace: make them a partition
        start, end = max(start, covered), max(end, covered)
        covered = end
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(paragraph[start:end], paragraph_index, len(out), start, end))
    if covered < len(paragraph) and paragraph[covered:].strip():
        rest = paragraph[covered:]
        start = covered + len(rest) - len(rest.lstrip())
        end = len(paragraph.rstrip())
        out.append(Sentence(paragraph[start:end], paragraph_index, len(out), start, end))
    return tuple(out)
