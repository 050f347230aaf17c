"""Building many editorials: one outcome per file, in parallel worker processes, skipping the
files whose content and the tool are unchanged since their deck was built.

The state of the last builds lives beside the decks, in `<out>/.flashcards-state.json`:
for each input file, the hash of its bytes, the tool's fingerprint, the card types, a digest
of the reading options (word list included), the hash of its corrections file and the deck
written. A file is skipped when
all of them match and the deck is still there.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .corrections import corrections_path
from .errors import FlashcardsError, bug_report
from .models import (
    DEFAULT_MARKS,
    DEFAULT_READINGS,
    BuildResult,
    MarkOptions,
    Problem,
    ReadingOptions,
)
from .pipeline import build_file, write_deck

STATE_FILE = ".flashcards-state.json"
PARALLEL_FROM = 8  # fewer files than this are built in-process: workers cost a start-up each


@dataclass(frozen=True)
class Job:
    """What to do with one input file."""

    path: Path
    out_dir: Path
    card_types: tuple[str, ...]
    encoding: str | None = None
    strict: bool = False
    write: bool = True  # False: build only, and hand the result back (combined decks)
    debug: bool = False  # let errors propagate, with their traceback
    readings: ReadingOptions = DEFAULT_READINGS
    marks: MarkOptions = DEFAULT_MARKS  # --format, --terms, --terms-only, --deck


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    source: str
    deck: Path | None = None
    notes: int = 0
    problems: tuple[Problem, ...] = ()
    error: str | None = None  # the one-line message of a hard failure
    skipped: bool = False  # unchanged since its deck was built
    result: BuildResult | None = field(default=None, compare=False)


@cache
def tool_fingerprint() -> str:
    """A hash of the package's own code and data: it changes whenever the tool does."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".tsv", ".json"}:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class BuildState:
    """The record of previous builds in an output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / STATE_FILE
        self.entries: dict[str, dict[str, str]] = {}
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("files"), dict):
                self.entries = data["files"]
        except (OSError, ValueError):
            pass  # no state, or a damaged one: everything is rebuilt

    @staticmethod
    def _key(job: Job) -> dict[str, str]:
        # every reading option, word list included, as a digest (a new option counts too)
        readings = hashlib.sha256(repr((job.readings, job.marks)).encode()).hexdigest()[:16]
        return {
            "tool": tool_fingerprint(),
            "options": f"{','.join(job.card_types)};{readings}",
            "corrections": file_digest(corrections_path(job.path)),  # "" when there are none
        }

    def unchanged(self, job: Job, digest: str) -> Path | None:
        """The deck built from this very input by this very tool, if it is still there."""
        entry = self.entries.get(str(job.path.resolve()))
        if not entry or entry.get("sha256") != digest:
            return None
        if any(entry.get(k) != v for k, v in self._key(job).items()):
            return None
        deck = job.out_dir / entry.get("deck", "")
        return deck if entry.get("deck") and deck.is_file() else None

    def record(self, job: Job, outcome: Outcome, digest: str) -> None:
        if outcome.deck is None or not digest:
            return
        self.entries[str(job.path.resolve())] = {
            "sha256": digest,
            "deck": outcome.deck.name,
            **self._key(job),
        }
        self.changed = True

    def save(self) -> None:
        """Write the state atomically, if it changed; a failure only costs a rebuild."""
        if not self.changed:
            return
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"files": self.entries}, indent=1, sort_keys=True))
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)


def run_job(job: Job) -> Outcome:
    """Build one file (and write its deck): never raises, a failure is an outcome."""
    source = str(job.path)
    try:
        result = build_file(job.path, encoding=job.encoding, readings=job.readings, marks=job.marks)
        if job.strict and result.problems:
            count = len(result.problems)
            message = f"{source}: {count} warning(s) with --strict; no deck written"
            return Outcome(source, problems=result.problems, error=message)
        if not job.write:
            return Outcome(source, problems=result.problems, result=result)
        deck, notes = write_deck(result, job.out_dir, job.card_types)
        return Outcome(source, deck, notes, result.problems)
    except FlashcardsError as err:
        if job.debug:
            raise
        return Outcome(source, error=str(err.at(source)))
    except Exception as err:  # a bug: one line, and the other files are still built
        if job.debug:
            raise
        return Outcome(source, error=f"{source}: {bug_report(err)}")


def run(
    jobs: Sequence[Job], *, force: bool = False, workers: int | None = None
) -> Iterator[Outcome]:
    """Run the jobs, in worker processes when there are many, and yield their outcomes in
    order as they are done. Unchanged files are skipped (first) unless `force`."""
    states = {out_dir: BuildState(out_dir) for out_dir in {job.out_dir for job in jobs}}
    digests = {job.path: file_digest(job.path) for job in jobs}  # of the bytes as first read
    todo: list[Job] = []
    for job in jobs:
        may_skip = job.write and not force
        deck = states[job.out_dir].unchanged(job, digests[job.path]) if may_skip else None
        if deck is not None:
            yield Outcome(str(job.path), deck, skipped=True)
        else:
            todo.append(job)
    count = workers or min(os.cpu_count() or 1, len(todo))
    try:
        if count > 1 and len(todo) >= PARALLEL_FROM:
            with ProcessPoolExecutor(max_workers=count) as pool:
                for job, outcome in zip(todo, pool.map(run_job, todo, chunksize=4), strict=True):
                    states[job.out_dir].record(job, outcome, digests[job.path])
                    yield outcome
        else:
            for job in todo:
                outcome = run_job(job)
                states[job.out_dir].record(job, outcome, digests[job.path])
                yield outcome
    finally:
        for state in states.values():
            state.save()
