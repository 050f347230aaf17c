"""The data passed between pipeline stages: frozen dataclasses, standard library only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class GlossaryEntry:
    """One marked term of the glossary block, in dictionary form."""

    term: str
    definition: str
    ipa: str | None = None
    line: int = 0  # 1-based line of the term in the source file, for messages
    # Appended for the readers of other forms (flashcards.readers):
    gloss: str | None = None  # the page's Chinese for the term (`tackle (著手對付)`)
    form: str = "glossary"  # the reader that found it
    example: str | None = None  # an English example the page gives (`例句: …`)
    context_zh: str | None = None  # the Chinese sentence the page marks it in
    lines: tuple[int, ...] = ()  # lines that only mark terms: not part of the body text


# A marked term, whatever the form that marks it (the glossary block is one form of many).
MarkedTerm = GlossaryEntry


@dataclass(frozen=True)
class MarkOptions:
    """How marked terms are found, and where their deck is filed."""

    form: str | None = None  # one reader only (`--format`), else every reader that finds terms
    terms: tuple[GlossaryEntry, ...] = ()  # a teacher's own list (`--terms`)
    terms_only: bool = False  # the list instead of the page's marks
    deck: str | None = None  # deck root (`--deck`), else from the source


DEFAULT_MARKS = MarkOptions()


@dataclass(frozen=True)
class Editorial:
    """A parsed editorial: its sections, before any language processing."""

    id: str
    source: str
    date: str | None
    stamp: str | None
    title_zh: str | None
    title_en: str | None
    audio: str | None
    en_paragraphs: tuple[str, ...]
    zh_paragraphs: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    forms: tuple[tuple[str, int], ...] = ()  # each form found, with how many terms it gave
    deck_root: str | None = None  # the deck the editorial is filed under; None: Ming Pao's


@dataclass(frozen=True)
class Sentence:
    """A sentence of one paragraph; `start`/`end` index the paragraph text."""

    text: str
    paragraph: int
    index: int  # position within the paragraph
    start: int
    end: int


@dataclass(frozen=True)
class TermMatch:
    """Where a glossary term occurs in an English sentence: `sentence.text[start:end]`."""

    sentence: Sentence
    start: int
    end: int
    # The (start, end) spans of the words that realise the term, inside the surface span.
    word_spans: tuple[tuple[int, int], ...] = ()
    penalty: int = 0  # how far the match strays from the glossary form (0: word for word)

    @property
    def surface(self) -> str:
        return self.sentence.text[self.start : self.end]


@dataclass(frozen=True)
class Alignment:
    """A bead: English sentences and the Chinese sentences that translate them."""

    en: tuple[Sentence, ...]
    zh: tuple[Sentence, ...]
    score: float  # confidence in [0, 1]

    @property
    def zh_text(self) -> str:
        return "".join(s.text for s in self.zh)


@dataclass(frozen=True)
class Word:
    """A segmented Chinese word in its published script, with its Mandarin reading."""

    text: str
    syllables: tuple[str, ...]  # tone-marked pinyin, one per Han character; () for "，" or "G8"
    pinyin: str  # the syllables written as one word: "wúlùn", "xī'ān"; "" when there are none
    jyutping: tuple[str, ...] = ()  # Cantonese, one per Han character, when asked for


@dataclass(frozen=True)
class ReadingOptions:
    """How Chinese is read on the cards."""

    tones: Literal["marks", "numbers"] = "marks"  # nán, or nan2
    umlaut: Literal["ü", "v"] = "ü"  # how tone numbers spell ü: lü4, or lv4
    jyutping: bool = False  # also give Cantonese readings
    # more words to keep whole, each with its pinyin or () (`flashcards.chinese.parse_words`)
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()


DEFAULT_READINGS = ReadingOptions()


@dataclass(frozen=True)
class Occurrence:
    """One English sentence a term occurs in, and its Chinese counterpart when known."""

    match: TermMatch
    zh_sentence: str | None = None
    zh_equivalent: str | None = None
    words: tuple[Word, ...] = ()

    @property
    def en_sentence(self) -> str:
        return self.match.sentence.text

    @property
    def surface(self) -> str:
        return self.match.surface


@dataclass(frozen=True)
class Card:
    """Everything one note holds, as data: one glossary term and its contexts.

    A card of a single editorial has one source; in a combined deck a term found in several
    editorials is one card whose sources and occurrences run newest first.
    """

    entry: GlossaryEntry
    occurrences: tuple[Occurrence, ...]
    sources: tuple[Editorial, ...]
    tags: tuple[str, ...] = ()
    gloss_words: tuple[Word, ...] = ()  # the page's gloss read, when no Chinese sentence is


@dataclass(frozen=True)
class Problem:
    """A soft failure: the build goes on, the user is warned."""

    kind: str  # e.g. "term-not-found", "no-chinese", "no-audio"
    message: str
    term: str | None = None


@dataclass(frozen=True)
class BuildResult:
    """What the pipeline made of one editorial."""

    editorial: Editorial
    cards: tuple[Card, ...]
    problems: tuple[Problem, ...] = field(default=())
    # the card types its corrections ask for (`corrections.py`); None: as the caller says
    card_types: tuple[str, ...] | None = None
