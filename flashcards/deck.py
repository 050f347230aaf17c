"""Anki packages. The only home of genanki.

Identity is stable: the note type, its fields and templates have fixed ids; a note's GUID
comes from (editorial id, term) alone; a deck's id from its name. Each note carries its own
modification time, kept from the previous deck at the same path while the note's content is
unchanged, so Anki updates exactly the notes that changed. Packages are byte-identical when
built twice from the same input, and written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import OutputError

# Never change these ids; never remove, reorder or rename a field: only append new ones.
MODEL_ID = 1_734_290_511
MODEL_NAME = "flashcards: editorial term"
# When the templates or CSS change, bump this so Anki takes the new note type on import.
MODEL_VERSION_TIME = 1_764_115_200  # 2025-11-26
FIELDS: tuple[tuple[str, int], ...] = (
    ("Term", 6_310_001),
    ("IPA", 6_310_002),
    ("Definition", 6_310_003),
    ("Examples", 6_310_004),
    ("Context", 6_310_005),
    ("Chinese", 6_310_006),
    ("Reading", 6_310_007),
    ("Pinyin", 6_310_008),
    ("Jyutping", 6_310_009),
    ("Equivalent", 6_310_010),
    ("Source", 6_310_011),
    ("Audio", 6_310_012),
    ("MakeRecognition", 6_310_013),
    ("MakeContext", 6_310_014),
    ("MakeChinese", 6_310_015),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
CARD_TYPES = ("recognition", "context", "chinese")
# The fields each template's front needs: its card exists only when they are not empty.
_REQUIRES = {
    "Recognition": ("MakeRecognition",),
    "Context": ("MakeContext", "Context"),
    "Chinese → English": ("MakeChinese", "Equivalent"),
}
_FLAG_FIELDS = {
    "recognition": "MakeRecognition",
    "context": "MakeContext",
    "chinese": "MakeChinese",
}

_BACK_COMMON = """
<div class="definition">{{Definition}}</div>
{{#Examples}}<div class="examples">{{Examples}}</div>{{/Examples}}
{{#Reading}}<div class="chinese">{{furigana:Reading}}</div>
<div class="pinyin">{{Pinyin}}</div>{{/Reading}}
{{#Jyutping}}<div class="jyutping">{{Jyutping}}</div>{{/Jyutping}}
<div class="source">{{Source}}</div>
"""
TEMPLATES: tuple[dict[str, Any], ...] = (
    {
        "name": "Recognition",
        "id": 6_320_001,
        "qfmt": """{{#MakeRecognition}}
<div class="term">{{Term}}</div>
{{#IPA}}<div class="ipa">{{IPA}}</div>{{/IPA}}
<div class="tts">{{tts en_GB:Term}}</div>
{{/MakeRecognition}}""",
        "afmt": "{{FrontSide}}<hr id=answer>" + _BACK_COMMON,
    },
    {
        "name": "Context",
        "id": 6_320_002,
        "qfmt": """{{#MakeContext}}{{#Context}}
<div class="prompt">Which term fits the blank?</div>
<div class="context">{{Context}}</div>
{{/Context}}{{/MakeContext}}""",
        "afmt": """{{FrontSide}}<hr id=answer>
<div class="term">{{Term}}</div>
{{#IPA}}<div class="ipa">{{IPA}}</div>{{/IPA}}
<div class="tts">{{tts en_GB:Term}}</div>"""
        + _BACK_COMMON,
    },
    {
        "name": "Chinese → English",
        "id": 6_320_003,
        "qfmt": """{{#MakeChinese}}{{#Equivalent}}
<div class="prompt">英文怎麼說？ Which English term renders the highlighted words?</div>
<div class="chinese">{{furigana:Reading}}</div>
{{/Equivalent}}{{/MakeChinese}}""",
        "afmt": """{{FrontSide}}<hr id=answer>
<div class="term">{{Term}}</div>
{{#IPA}}<div class="ipa">{{IPA}}</div>{{/IPA}}
<div class="tts">{{tts en_GB:Term}}</div>
<div class="definition">{{Definition}}</div>
{{#Examples}}<div class="examples">{{Examples}}</div>{{/Examples}}
<div class="source">{{Source}}</div>""",
    },
)

CSS = """
.card { font-family: "Helvetica Neue", Arial, "Noto Sans CJK TC", "PingFang TC",
  "Microsoft JhengHei", sans-serif; font-size: 20px; line-height: 1.5; text-align: left;
  color: #1d1d1f; background: #fdfdfb; max-width: 40em; margin: 0 auto; padding: 0 .6em; }
.term { font-size: 1.6em; font-weight: 600; text-align: center; }
.ipa { text-align: center; color: #666; }
.tts { text-align: center; }
.prompt { font-size: .8em; color: #777; margin-bottom: .4em; }
.definition { font-style: italic; margin: .6em 0; }
.examples .ex, .context { margin: .4em 0; }
.examples b { color: #0b5cad; }
.blank { color: #0b5cad; font-weight: 600; }
.chinese { font-size: 1.15em; line-height: 2.3; margin-top: .6em; }
.chinese rt { font-size: .5em; }
.equiv { background: #ffe58a; border-radius: .2em; padding: 0 .1em; }
.pinyin, .jyutping { font-size: .8em; color: #777; }
/* tone colours of the pinyin above the characters: restyle them in the note type's CSS */
.tone1 { color: #d62728; } .tone2 { color: #2ca02c; } .tone3 { color: #1f77b4; }
.tone4 { color: #9467bd; } .tone5 { color: #7f7f7f; }
.nightMode .tone1, .night_mode .tone1 { color: #ff7f7f; }
.nightMode .tone2, .night_mode .tone2 { color: #8fd88f; }
.nightMode .tone3, .night_mode .tone3 { color: #7fb8ff; }
.nightMode .tone4, .night_mode .tone4 { color: #c9a6ff; }
.source { font-size: .7em; color: #888; margin-top: 1em; }
.source a { color: #888; }
.nightMode .card, .card.nightMode, .night_mode .card { color: #e6e6e6; background: #1e1e1e; }
.nightMode .examples b, .night_mode .examples b, .nightMode .blank, .night_mode .blank {
  color: #7cb8ff; }
.nightMode .equiv, .night_mode .equiv { background: #6b5a12; color: #fff; }

.nightMode .ipa, .night_mode .ipa, .nightMode .source, .night_mode .source { color: #aaa; }
@media (max-width: 480px) { .card { font-size: 18px; } .term { font-size: 1.4em; } }
"""


@dataclass(frozen=True)
class NoteData:
    """One note to write: its identity, field HTML by name, and tags."""

    key: str  # what the GUID is made from: (editorial id, term), or (term) in combined decks
    fields: Mapping[str, str]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DeckData:
    name: str
    notes: tuple[NoteData, ...]


def stable_id(text: str, low: int = 1 << 30, high: int = 1 << 52) -> int:
    """A deterministic integer id from a string."""
    digest = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    return low + digest % (high - low)


def guid_for(key: str) -> str:
    import genanki

    return str(genanki.guid_for(key))


def _model(card_types: Iterable[str]) -> Any:
    import genanki

    unknown = set(card_types) - set(CARD_TYPES)
    if unknown:
        raise ValueError(f"unknown card types: {sorted(unknown)}")
    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name, "id": fid} for name, fid in FIELDS],
        templates=[dict(t) for t in TEMPLATES],
        css=CSS,
        sort_field_index=0,
    )
    # genanki guesses which fields a card needs by rendering the templates, and cannot with
    # filters such as {{furigana:…}}; say it, as the templates' {{#…}} sections do.
    model._req = [
        [ord_, "all", [FIELD_NAMES.index(name) for name in _REQUIRES[t["name"]]]]
        for ord_, t in enumerate(TEMPLATES)
    ]
    return model


def _field_list(fields: Mapping[str, str], card_types: Iterable[str]) -> list[str]:
    wanted = set(card_types)
    flags = {flag: ("y" if kind in wanted else "") for kind, flag in _FLAG_FIELDS.items()}
    values = {**fields, **flags}
    return [values.get(name, "") for name in FIELD_NAMES]


def previous_notes(path: Path) -> dict[str, tuple[str, str, int]]:
    """GUID → (fields, tags, modification time) of the notes in an existing package, or {}
    when there is none or it cannot be read."""
    try:
        with zipfile.ZipFile(path) as z:
            collection = z.read("collection.anki2")
        conn = sqlite3.connect(":memory:")
        try:
            conn.deserialize(collection)
            rows = conn.execute("SELECT guid, flds, tags, mod FROM notes").fetchall()
        finally:
            conn.close()
    except (OSError, zipfile.BadZipFile, KeyError, sqlite3.DatabaseError):
        return {}
    return {guid: (flds, tags, mod) for guid, flds, tags, mod in rows}


def write_package(
    decks: Sequence[DeckData],
    path: Path,
    card_types: Iterable[str] = CARD_TYPES,
    now: float | None = None,
) -> int:
    """Write decks into one .apkg at `path`, atomically; return the number of notes.

    A note whose fields and tags equal those in the package already at `path` keeps that
    package's modification time; a changed or new note gets the current time (and always a
    later one than before), so Anki's import updates exactly the changed notes.

    Raises:
        OutputError: the package cannot be written.
    """
    pending = prepare_package(decks, path, card_types, now)
    pending.land()
    return pending.notes


class PendingPackage:
    """A package written in full beside its place, not yet in it: `land` flushes it to disk
    and renames it over its path (a writer may build the next deck meanwhile, since the
    flush waits for the disk), `discard` removes it. Either may run in another thread than
    the one that wrote it."""

    def __init__(self, fd: int, tmp_name: str, path: Path, notes: int, mode: int) -> None:
        self._fd, self._tmp_name, self._mode = fd, tmp_name, mode
        self.path, self.notes = path, notes

    def land(self) -> None:
        """Raises:
        OutputError: the package cannot be written."""
        try:
            os.fsync(self._fd)
            self._close()
            os.chmod(self._tmp_name, self._mode)
            os.replace(self._tmp_name, self.path)
        except OSError as err:
            self.discard()
            raise _cannot_write(self.path, err) from None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self._close()
        Path(self._tmp_name).unlink(missing_ok=True)

    def _close(self) -> None:
        # closed once: the number may be another file's by the time of a second close
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)


def prepare_package(
    decks: Sequence[DeckData],
    path: Path,
    card_types: Iterable[str] = CARD_TYPES,
    now: float | None = None,
) -> PendingPackage:
    """`write_package`, but for the landing: the package is written beside `path`.

    Raises:
        OutputError: the package cannot be written.
    """
    import genanki

    card_types = tuple(card_types)
    model = _model(card_types)
    before = previous_notes(path)
    now_s = int(now if now is not None else time.time())

    package_decks = []
    latest = MODEL_VERSION_TIME
    for data in decks:
        deck = genanki.Deck(stable_id("deck:" + data.name), data.name)
        for note_data in data.notes:
            guid = guid_for(note_data.key)
            values = _field_list(note_data.fields, card_types)
            tags = sorted(set(note_data.tags))
            mod = now_s
            old = before.get(guid)
            if old is not None:
                old_fields, old_tags, old_mod = old
                same = old_fields == "\x1f".join(values) and old_tags.split() == tags
                mod = old_mod if same else max(now_s, old_mod + 1)
            deck.add_note(
                _timed_note_class()(mod, model=model, fields=values, tags=tags, guid=guid)
            )
            latest = max(latest, mod)
        package_decks.append(deck)

    mode = 0o666 & ~_umask()  # read here: a landing thread must not change the umask
    fd, tmp_name = _write_beside(genanki.Package(package_decks), Path(path), latest, decks)
    return PendingPackage(fd, tmp_name, Path(path), sum(len(d.notes) for d in decks), mode)


@cache
def _timed_note_class() -> Any:
    import genanki

    class TimedNote(genanki.Note):  # type: ignore[misc]
        """A genanki note stamped with its own modification time instead of the build's."""

        def __init__(self, mod: int, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.mod = mod

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            super().write_to_db(cursor, self.mod, deck_id, id_gen)

    return TimedNote


def _write_beside(
    package: Any, path: Path, timestamp: int, decks: Sequence[DeckData]
) -> tuple[int, str]:
    """Write the collection, zipped with fixed entry dates, into a temporary file beside
    `path`; return the file, still open, and its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(
            f"cannot create the output folder ({err.strerror}); choose another with -o",
            path=str(path.parent),
        ) from None
    first_id = stable_id("notes:" + "|".join(d.name for d in decks), 1 << 40, 1 << 50)
    conn = sqlite3.connect(":memory:")  # the collection is zipped straight away
    try:
        conn.deserialize(_empty_collection())
        cursor, ids = conn.cursor(), itertools.count(first_id)
        for deck in package.decks:  # what genanki's Package.write_to_db does after its schema
            deck.write_to_db(cursor, timestamp, ids)
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    fd, tmp_name = -1, None
    try:
        _remove_orphans(path.parent)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
        with (
            os.fdopen(fd, "wb", closefd=False) as raw,
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z,
        ):
            _add(z, "collection.anki2", collection)
            _add(z, "media", b"{}")
        return fd, tmp_name
    except BaseException as err:
        if tmp_name is not None:
            os.close(fd)
            Path(tmp_name).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise _cannot_write(path, err) from None
        raise


def _cannot_write(path: Path, err: OSError) -> OutputError:
    return OutputError(
        f"cannot write the deck ({err.strerror or err}); check the folder's permissions "
        "and free space, or choose another with -o",
        path=str(path),
    )


@cache
def _empty_collection() -> bytes:
    """genanki's empty collection (its schema and configuration row), made once: creating
    the schema costs more than filling it."""
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    conn = sqlite3.connect(":memory:")
    try:
        cursor = conn.cursor()
        cursor.executescript(APKG_SCHEMA)
        cursor.executescript(APKG_COL)
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


# A temporary package: `.<name>.<pid of its writer>.<random>.tmp`
_TEMPORARY = re.compile(r"\.(.+)\.(\d+)\.\w+\.tmp")


# When this process last read each large folder's names: a batch writing thousands of decks
# into one folder reads them once in a while, not once per deck.
_SWEPT: dict[str, float] = {}
_SWEEP_EVERY = 10.0  # seconds
_LARGE = 500  # names


def _remove_orphans(folder: Path) -> None:
    """Remove the temporary packages left in `folder` by killed writers: those named after a
    process that no longer runs; another live writer's file is left alone, whatever its age.
    A folder of more than `_LARGE` names is read at most every `_SWEEP_EVERY` seconds by one
    process (reading the names of 3,000 decks costs 2 ms); a smaller one before each deck."""
    now, key = time.monotonic(), os.path.abspath(folder)
    last = _SWEPT.get(key)
    if last is not None and now - last < _SWEEP_EVERY:
        return
    with contextlib.suppress(OSError):
        # a batch fills the folder with thousands of packages: only temporary names are read
        names = os.listdir(folder)
        if len(names) > _LARGE:
            _SWEPT[key] = now
        for name in [n for n in names if n.endswith(".tmp")]:
            found = _TEMPORARY.fullmatch(name)
            if found and not _running(int(found.group(2))):
                with contextlib.suppress(OSError):  # gone already, or still open (Windows)
                    os.unlink(os.path.join(folder, name))


def _running(pid: int) -> bool:
    """Whether a process with this id runs (on Windows, be safe: assume it does)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)  # signal 0 only asks whether it exists
    except (ProcessLookupError, OverflowError):  # none, or no process id at all
        return False
    except OSError:
        return True  # it exists, under another user
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _add(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    # the fastest deflate: a collection is mostly page padding and repeated markup, so it
    # takes a package 10 % larger (6 kB) at less than half the time of the default level
    z.writestr(info, data, compresslevel=1)
