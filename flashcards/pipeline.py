"""The pipeline: editorial → glossary → matching → alignment → Chinese → cards → deck."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from . import dictionary, lemmas
from .alignment import align_editorial, english_sentences
from .chinese import Chinese, parse_words
from .corrections import NONE, Corrections
from .corrections import load as load_corrections
from .deck import (
    CARD_TYPES,
    DeckData,
    NoteData,
    PendingPackage,
    prepare_package,
    write_package,
)
from .editorial import MING_PAO_ROOT, parse_editorial, slugify
from .equivalents import find_equivalent
from .errors import InputError
from .inputs import read_text
from .matching import find_matches
from .models import (
    DEFAULT_MARKS,
    DEFAULT_READINGS,
    Alignment,
    BuildResult,
    Card,
    Editorial,
    GlossaryEntry,
    MarkOptions,
    Occurrence,
    Problem,
    ReadingOptions,
    Sentence,
    TermMatch,
    Word,
)
from .readers import read_terms
from .readers.glossary import merge_duplicates
from .render import card_fields, source_line

_ENGLISH_WORD = re.compile(r"[A-Za-z]+")


@cache
def default_chinese(readings: ReadingOptions = DEFAULT_READINGS) -> Chinese:
    """One shared analyser per process and reading options: its dictionaries load once, on
    first use."""
    return Chinese(tones=readings.tones, umlaut=readings.umlaut, words=dict(readings.words))


def read_words(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A word list file (`--words`), for `ReadingOptions.words`.

    Raises:
        InputError: the file cannot be read, or a line is not a word and its pinyin.
    """
    try:
        return tuple(parse_words(read_text(path)).items())
    except InputError as err:
        raise err.at(str(path)) from None


def read_term_list(path: Path, encoding: str | None = None) -> tuple[GlossaryEntry, ...]:
    """A teacher's own term list (`--terms`), for `MarkOptions.terms`.

    Raises:
        InputError: the file cannot be read, or holds no terms.
    """
    try:
        return read_terms(read_text(path, encoding))
    except InputError as err:
        raise err.at(str(path)) from None


def sample_path() -> Path:
    """The bundled sample editorial."""
    return Path(str(resources.files("flashcards") / "data" / "sample.txt"))


def build(
    text: str,
    source: str = "<text>",
    *,
    readings: ReadingOptions = DEFAULT_READINGS,
    chinese: Chinese | None = None,
    marks: MarkOptions = DEFAULT_MARKS,
    corrections: Corrections = NONE,
) -> BuildResult:
    """Turn an editorial's text into cards, with a teacher's corrections applied.

    Args:
        marks: which reader finds the terms (default: every one whose form the text has),
            a teacher's own list to add (or to use instead), and the deck root.

    Raises:
        InputError: the text cannot be used as an editorial, or the corrections' words.
    """
    corrected = corrections.readings(readings)
    if corrected != readings:
        readings, chinese = corrected, None
    chinese = chinese or default_chinese(readings)
    marks = corrections.marks(marks)
    editorial = parse_editorial(text, source, marks=marks)
    ming_pao = editorial.deck_root in (None, MING_PAO_ROOT)  # the page's kind, whatever the deck
    if marks.deck:
        editorial = replace(editorial, deck_root=marks.deck.strip())
    _prefetch_words(editorial)
    entries, duplicated = merge_duplicates(editorial.glossary)
    problems = [
        Problem("duplicate-term", f"{term!r} is in the glossary twice; definitions merged", term)
        for term in duplicated
    ]
    entries, unused = corrections.entries(entries)
    problems.extend(unused)
    en_sentences = english_sentences(editorial.en_paragraphs)
    sentences = tuple(s for group in en_sentences for s in group)
    found = [find_matches(entry.term, sentences) or _example_matches(entry) for entry in entries]
    # only the sentences that hold a term need their Chinese
    wanted = {m.sentence for matches in found for m in matches}
    _, alignments = align_editorial(
        editorial.en_paragraphs, editorial.zh_paragraphs, en_sentences=en_sentences, wanted=wanted
    )
    bead_of = {(s.paragraph, s.index): bead for bead in alignments for s in bead.en}
    base_tags = _editorial_tags(editorial, ming_pao)
    # the Chinese sentences the cards show, read together (the polyphone model reads them side
    # by side); a Chinese sentence holding several terms is read once
    shown = list(dict.fromkeys(
        bead.zh_text for matches in found for m in matches
        if (bead := bead_of.get((m.sentence.paragraph, m.sentence.index))) and bead.zh
    ))  # fmt: skip
    read = dict(zip(shown, _sentences_words(shown, chinese, readings), strict=True))
    _prefetch_glosses(read.values())

    def words_of(zh: str) -> tuple[Word, ...]:
        """The words of a Chinese text: read with the others shown, or now (a gloss)."""
        if zh not in read:
            read[zh] = _sentences_words([zh], chinese, readings)[0]
        return read[zh]

    cards = []
    for entry, matches in zip(entries, found, strict=True):
        occurrences = []
        for match in matches:
            bead = bead_of.get((match.sentence.paragraph, match.sentence.index))
            occurrences.append(_occurrence(entry, match, bead, words_of))
            if editorial.zh_paragraphs and not occurrences[-1].zh_sentence:
                problems.append(Problem(
                    "no-chinese-sentence",
                    f"no confident Chinese counterpart for {match.sentence.text[:60]!r}…",
                    entry.term,
                ))  # fmt: skip
        occurrences.sort(key=_teaching_order)
        ordered, unused = corrections.order(entry.term, occurrences)
        problems.extend(unused)
        tags = base_tags
        if not occurrences:
            tags = (*tags, "unmatched")
        if not occurrences and not entry.context_zh:  # else its card shows the Chinese sentence
            message = f"{entry.term!r} was not found in the English text"
            problems.append(Problem(
                "term-not-found", f"{message}; its note has the definition only", entry.term
            ))  # fmt: skip
        gloss_words: tuple[Word, ...] = ()
        if entry.gloss and not any(o.zh_sentence for o in occurrences):
            gloss_words = words_of(entry.context_zh or entry.gloss)
        cards.append(Card(entry, ordered, (editorial,), tags, gloss_words))

    if not editorial.zh_paragraphs and not any(e.gloss for e in entries):
        problems.append(
            Problem("no-chinese", "the editorial has no Chinese text; cards are English only")
        )
    if not editorial.audio and ming_pao:
        problems.append(Problem("no-audio", "the editorial has no audio line (■英語社評聲檔)"))
    return BuildResult(editorial, tuple(cards), tuple(problems), corrections.cards)


def _prefetch_words(editorial: Editorial) -> None:
    """Look the editorial's English words up in the lexicons at once, one query per table,
    rather than one query per word as the stages meet them (a new editorial's first build)."""
    texts = [*editorial.en_paragraphs]
    texts += (f"{e.term} {e.definition} {e.example or ''}" for e in editorial.glossary)
    words = {w.lower() for text in texts for w in _ENGLISH_WORD.findall(text)}
    found = lemmas.prefetch(words)
    if editorial.zh_paragraphs or any(e.gloss or e.context_zh for e in editorial.glossary):
        dictionary.load().prefetch_translations(words | found)


def _prefetch_glosses(sentences: Iterable[Sequence[Word]]) -> None:
    """Look the words of the Chinese sentences shown up in CC-CEDICT at once, and the English
    words of their glosses in the lemma index, which the search for equivalents reads."""
    glosses = dictionary.load().prefetch_glosses(w.text for words in sentences for w in words)
    senses = {sense for found in glosses.values() for sense in found}
    lemmas.prefetch(w.lower() for sense in senses for w in _ENGLISH_WORD.findall(sense))


def _teaching_order(occ: Occurrence) -> tuple[bool, int, int, int]:
    """Best example first: one with its Chinese, then the closest to the glossary form, then
    in text order."""
    s = occ.match.sentence
    return (occ.zh_sentence is None, occ.match.penalty, s.paragraph, s.index)


def _occurrence(
    entry: GlossaryEntry,
    match: TermMatch,
    bead: Alignment | None,
    words_of: Callable[[str], tuple[Word, ...]],
) -> Occurrence:
    """The occurrence with its Chinese sentence, words and the term's equivalent, if any:
    the page's or the teacher's gloss where the sentence has it, else the one found."""
    if bead is None or not bead.zh:
        return Occurrence(match)
    zh = bead.zh_text
    words = words_of(zh)
    if entry.gloss and entry.gloss in zh:  # the page's own gloss, where the sentence has it
        return Occurrence(match, zh, entry.gloss, words)
    texts = [w.text for w in words]
    equivalent = find_equivalent(
        entry.term,
        match.surface,
        entry.definition,
        zh,
        texts,
        match.sentence.text,
        bead_english=" ".join(s.text for s in bead.en),
    )
    return Occurrence(match, zh, equivalent, words)


def _example_matches(entry: GlossaryEntry) -> tuple[TermMatch, ...]:
    """The term in the example sentence the page gives for it (`例句: …`), when the text
    has no sentence of its own with the term."""
    if not entry.example:
        return ()
    text = entry.example
    return find_matches(entry.term, [Sentence(text, -1, 0, 0, len(text))])


def _sentences_words(
    texts: Sequence[str], chinese: Chinese, readings: ReadingOptions
) -> list[tuple[Word, ...]]:
    """Chinese sentences' words with their pinyin, and Jyutping when asked for."""
    out = chinese.words_of(texts)
    if readings.jyutping:
        for k, (zh, words) in enumerate(zip(texts, out, strict=True)):
            cantonese = chinese.word_jyutping(zh, [w.text for w in words])
            out[k] = tuple(replace(w, jyutping=j) for w, j in zip(words, cantonese, strict=True))
    return out


def _editorial_tags(editorial: Editorial, ming_pao: bool) -> tuple[str, ...]:
    tags = ["ming-pao-editorial" if ming_pao else "marked-text", f"editorial::{editorial.id}"]
    if editorial.date:
        tags.append(f"date::{editorial.date}")
    return tuple(tags)


def build_file(
    path: Path,
    *,
    encoding: str | None = None,
    readings: ReadingOptions = DEFAULT_READINGS,
    chinese: Chinese | None = None,
    marks: MarkOptions = DEFAULT_MARKS,
    corrections: Corrections | None = None,
) -> BuildResult:
    """Read (decoding as `encoding`, else detected) and build one editorial file, with the
    corrections beside it (`x.corrections.toml`) unless others are given."""
    text = read_text(path, encoding)
    if corrections is None:
        corrections = load_corrections(path)
    return build(
        text, str(path), readings=readings, chinese=chinese, marks=marks, corrections=corrections
    )


def text_name(text: str) -> str:
    """A file name stem for a text brought to the desk: its editorial id (the name of its
    deck), else a slug of its first words."""
    try:
        return parse_editorial(text).id
    except InputError:
        first_line = next((line for line in text.splitlines() if line.strip()), "")
        return slugify(first_line, words=6) or "text"


def deck_name(editorial: Editorial) -> str:
    """`Ming Pao Editorials::2021-06-18 美俄峰會…`; `::` inside a title would nest decks.
    The root is the editorial's own (`--deck`, or from its source), else Ming Pao's."""
    root = editorial.deck_root or MING_PAO_ROOT
    return f"{root}::{source_line(editorial).replace('::', ':')}"


def deck_data(result: BuildResult) -> DeckData:
    """The editorial's deck: one note per card, identified by (editorial id, term)."""
    ed = result.editorial
    notes = tuple(
        NoteData(f"{ed.id}\x1f{card.entry.term}", card_fields(card), card.tags)
        for card in result.cards
    )
    return DeckData(deck_name(ed), notes)


def write_deck(
    result: BuildResult, out_dir: Path, card_types: Iterable[str] = CARD_TYPES
) -> tuple[Path, int]:
    """Write the editorial's package as `<out_dir>/<editorial id>.apkg`.

    Returns:
        The package's path and its number of notes.
    """
    pending = prepare_deck(result, out_dir, card_types)
    pending.land()
    return pending.path, pending.notes


def prepare_deck(
    result: BuildResult, out_dir: Path, card_types: Iterable[str] = CARD_TYPES
) -> PendingPackage:
    """`write_deck`, but the package is only written beside its place, to land later (a
    batch builds the next editorial while the disk takes it)."""
    path = Path(out_dir) / f"{result.editorial.id}.apkg"
    return prepare_package([deck_data(result)], path, result.card_types or card_types)


def merge_cards(results: Sequence[BuildResult]) -> tuple[Card, ...]:
    """One card per term (compared without case) across editorials: its occurrences, sources
    and tags from every editorial it is in, newest editorial first; the glossary entry of the
    newest one."""
    newest_first = sorted(
        results, key=lambda r: (r.editorial.date or "", r.editorial.id), reverse=True
    )
    groups: dict[str, list[Card]] = {}
    for result in newest_first:
        for card in result.cards:
            groups.setdefault(card.entry.term.casefold(), []).append(card)
    merged = []
    for cards in groups.values():
        occurrences = tuple(o for c in cards for o in c.occurrences)
        tags = sorted({t for c in cards for t in c.tags})
        if occurrences:
            tags = [t for t in tags if t != "unmatched"]
        sources = tuple(ed for c in cards for ed in c.sources)
        merged.append(Card(cards[0].entry, occurrences, sources, tuple(tags)))
    return tuple(merged)


def combined_decks(results: Sequence[BuildResult]) -> list[DeckData]:
    """A subdeck per editorial; a term's note lives in the subdeck of its newest editorial and
    is identified by the term alone, so it gathers the term's contexts from every editorial."""
    by_editorial: dict[str, list[NoteData]] = {}
    names: dict[str, str] = {}
    for card in merge_cards(results):
        newest = card.sources[0]
        names[newest.id] = deck_name(newest)
        key = f"combined\x1f{card.entry.term.casefold()}"
        by_editorial.setdefault(newest.id, []).append(NoteData(key, card_fields(card), card.tags))
    return [DeckData(names[i], tuple(notes)) for i, notes in sorted(by_editorial.items())]


def write_combined(
    results: Sequence[BuildResult], path: Path, card_types: Iterable[str] = CARD_TYPES
) -> tuple[Path, int]:
    """Write one package holding every editorial, a subdeck each."""
    return path, write_package(combined_decks(results), path, card_types)
