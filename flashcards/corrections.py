"""A teacher's corrections to one editorial's deck: a small TOML file beside the input.

`editorial.txt` is corrected by `editorial.corrections.toml`. The desk (`flashcards serve`)
writes it; a teacher may write or edit it by hand; `flashcards build editorial.txt` applies it,
so the browser and the command line make the same deck. Every key is optional:

    remove = ["seek"]                        # terms of the glossary to leave out
    cards = ["recognition", "context"]       # the card types to make
    tone_numbers = false                     # reading options, as the command line's flags
    v_for_u = false
    jyutping = true

    [definitions]                            # a term's definition, replaced
    cramped = "too small for the people in it"

    [first]                                  # the example to show first: its opening words
    "take sth into account" = "We welcome the scheme"

    [words]                                  # Chinese words to keep whole, as --words does,
    "試驗計劃" = ""                           # with their pinyin when it must be fixed
    "自修室" = "zì xiū shì"                   # (TOML wants a key that is not ASCII quoted)

    [[add]]                                  # a term the glossary lacks
    term = "trial scheme"
    definition = "a plan tried for a limited time"   # optional
    gloss = "試驗計劃"                         # optional: the Chinese words that render it

Corrections are data the pipeline reads (`pipeline.build(..., corrections=...)`); nothing is
ever patched into a package. The only home of tomllib and tomli-w. `save` replaces the file
atomically (a temporary file renamed over it), so a reader never sees half a file; of two
writers at once, the last one's corrections stand.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .models import GlossaryEntry, MarkOptions, Occurrence, Problem, ReadingOptions

SUFFIX = ".corrections.toml"
CARD_TYPES = ("recognition", "context", "chinese")  # as deck.CARD_TYPES, without genanki
HEADER = (
    "# Corrections to {name}, made at the flashcards desk or by hand.\n"
    '# `flashcards build {name}` applies them; README.md, "Corrections", gives the format.\n\n'
)


@dataclass(frozen=True)
class AddedTerm:
    """A term the glossary lacks, with its definition and Chinese gloss when given."""

    term: str
    definition: str = ""
    gloss: str = ""


@dataclass(frozen=True)
class Corrections:
    """What a teacher changed; empty corrections change nothing."""

    remove: tuple[str, ...] = ()
    add: tuple[AddedTerm, ...] = ()
    definitions: tuple[tuple[str, str], ...] = ()
    first: tuple[tuple[str, str], ...] = ()  # term → the opening words of its first example
    words: tuple[tuple[str, str], ...] = ()  # Chinese word → its pinyin, or ""
    cards: tuple[str, ...] | None = None
    tone_numbers: bool | None = None
    v_for_u: bool | None = None
    jyutping: bool | None = None

    # --- applying them ------------------------------------------------------------------

    def readings(self, readings: ReadingOptions) -> ReadingOptions:
        """The reading options with this file's settings and words on top.

        Raises:
            InputError: a word's pinyin does not fit it.
        """
        from .chinese import parse_words

        changes: dict[str, Any] = {}
        if self.tone_numbers is not None:
            changes["tones"] = "numbers" if self.tone_numbers else "marks"
        if self.v_for_u is not None:
            changes["umlaut"] = "v" if self.v_for_u else "ü"
        if self.jyutping is not None:
            changes["jyutping"] = self.jyutping
        if self.words:
            listed = parse_words("\n".join(f"{w} {p}" for w, p in self.words))
            changes["words"] = tuple({**dict(readings.words), **listed}.items())
        return replace(readings, **changes) if changes else readings

    def marks(self, marks: MarkOptions) -> MarkOptions:
        """The mark options with the added terms joined to the teacher's own list (so a text
        with no marked terms builds from them, as from `--terms`)."""
        if not self.add:
            return marks
        added = tuple(
            GlossaryEntry(a.term, a.definition or a.gloss, gloss=a.gloss or None, form="terms")
            for a in self.add
        )
        return replace(marks, terms=(*marks.terms, *added))

    def entries(
        self, entries: Sequence[GlossaryEntry]
    ) -> tuple[tuple[GlossaryEntry, ...], tuple[Problem, ...]]:
        """The terms with the removed ones left out and definitions replaced; a problem for
        each correction that names a term the text does not have."""
        removed = {t.casefold() for t in self.remove}
        definitions = {t.casefold(): d for t, d in self.definitions}
        kept = [e for e in entries if e.term.casefold() not in removed]
        out = tuple(
            replace(e, definition=definitions.get(e.term.casefold(), e.definition)) for e in kept
        )
        known = {e.term.casefold() for e in entries}
        present = {e.term.casefold() for e in kept}
        unused = [t for t in self.remove if t.casefold() not in known]
        unused += [t for t, _ in self.definitions if t.casefold() not in present]
        problems = tuple(
            Problem("correction-unused", f"the corrections name {t!r}, which is not a term", t)
            for t in unused
        )
        return out, problems

    def order(
        self, term: str, occurrences: Sequence[Occurrence]
    ) -> tuple[tuple[Occurrence, ...], tuple[Problem, ...]]:
        """The occurrences with the one the teacher picked first."""
        key = term.casefold()
        opening = next((o for t, o in self.first if t.casefold() == key), None)
        if opening is None:
            return tuple(occurrences), ()
        picked = [o for o in occurrences if o.en_sentence.startswith(opening.strip())][:1]
        if not picked:
            message = f"no example of {term!r} starts with {opening[:40]!r}; the first is kept"
            return tuple(occurrences), (Problem("correction-unused", message, term),)
        return (picked[0], *(o for o in occurrences if o is not picked[0])), ()

    # --- the file -------------------------------------------------------------------------

    def to_toml(self, name: str) -> str:
        """The file's text, with a header naming the input it corrects."""
        import tomli_w

        data: dict[str, Any] = {}
        if self.remove:
            data["remove"] = list(self.remove)
        if self.cards is not None:
            data["cards"] = list(self.cards)
        for key in ("tone_numbers", "v_for_u", "jyutping"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        for key in ("definitions", "first", "words"):
            if getattr(self, key):
                data[key] = dict(getattr(self, key))
        if self.add:
            data["add"] = [{k: v for k, v in vars(a).items() if v or k == "term"} for a in self.add]
        return HEADER.format(name=name) + tomli_w.dumps(data)


NONE = Corrections()


def corrections_path(input_path: Path) -> Path:
    """Where the corrections of an input file live: `x.txt` → `x.corrections.toml`."""
    return input_path.with_name(input_path.stem + SUFFIX)


def load(input_path: Path) -> Corrections:
    """The corrections beside an input file, or none when there is no such file.

    Raises:
        InputError: the file is not valid TOML or not in the corrections format.
    """
    path = corrections_path(input_path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return NONE
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the corrections ({err})", path=str(path)) from None
    try:
        return parse(text)
    except InputError as err:
        raise err.at(str(path)) from None


def save(input_path: Path, corrections: Corrections) -> Path:
    """Write the corrections beside the input (atomically), or remove the file when there
    are none."""
    path = corrections_path(input_path)
    if corrections == NONE:
        path.unlink(missing_ok=True)
        return path
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(corrections.to_toml(input_path.name), encoding="utf-8")
    tmp.replace(path)
    return path


def parse(text: str) -> Corrections:
    """The corrections in a file's text.

    Raises:
        InputError: not valid TOML, an unknown key, or a value of the wrong kind.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"the corrections are not valid TOML: {err}") from None
    except RecursionError:
        raise InputError("the corrections are not valid TOML: nested too deeply") from None
    known = {"remove", "add", "definitions", "first", "words", "cards", "tone_numbers",
             "v_for_u", "jyutping"}  # fmt: skip
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(
            f"unknown key {unknown[0]!r} in the corrections; known: {', '.join(sorted(known))}"
        )
    cards = data.get("cards")
    if cards is not None:
        cards = tuple(_strings(cards, "cards"))
        bad = [c for c in cards if c not in CARD_TYPES]
        if bad or not cards:
            raise InputError(
                f"'cards' lists {', '.join(bad) or 'nothing'}; choose from {', '.join(CARD_TYPES)}"
            )
    return Corrections(
        remove=tuple(_strings(data.get("remove", []), "remove")),
        add=tuple(_added(item) for item in _list(data.get("add", []), "add")),
        definitions=_table(data.get("definitions", {}), "definitions"),
        first=_table(data.get("first", {}), "first"),
        words=_table(data.get("words", {}), "words"),
        cards=cards,
        tone_numbers=_flag(data, "tone_numbers"),
        v_for_u=_flag(data, "v_for_u"),
        jyutping=_flag(data, "jyutping"),
    )


def _list(value: Any, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise InputError(f"{key!r} in the corrections must be a list")
    return value


def _strings(value: Any, key: str) -> list[str]:
    items = _list(value, key)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise InputError(f"{key!r} in the corrections must be a list of non-empty texts")
    return [v.strip() for v in items]


def _table(value: Any, key: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise InputError(f"[{key}] in the corrections must map each term to a text")
    return tuple((k.strip(), v.strip()) for k, v in value.items())


def _flag(data: dict[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        raise InputError(f"{key!r} in the corrections must be true or false")
    return value


def _added(item: Any) -> AddedTerm:
    term = item.get("term") if isinstance(item, dict) else None
    if not isinstance(term, str) or not term.strip():
        raise InputError('each [[add]] in the corrections needs a term = "…"')
    extra = sorted(set(item) - {"term", "definition", "gloss"})
    if extra or not all(isinstance(v, str) for v in item.values()):
        raise InputError(f"[[add]] {item['term']!r}: only term, definition and gloss, each a text")
    return AddedTerm(
        item["term"].strip(), item.get("definition", "").strip(), item.get("gloss", "").strip()
    )
