"""Building many editorials: one outcome per file, in parallel worker processes, skipping the
files whose content and the tool are unchanged since their deck was built.

Concurrency and crashes:

* **One build per output folder.** A build holds `<out>/.flashcards.lock` (an OS lock, through
  `filelock`: it dies with its holder, so a killed build leaves no stale lock) while it reads,
  writes and records; a second build into the same folder stops at once with `FolderBusy`.
* **The state records each deck as it lands.** `<out>/.flashcards-state.json` is the record
  of earlier builds: for each input file, the hash of its bytes, the tool's fingerprint, the
  card types, a digest of the reading and marking options (word and term lists included),
  the hash of the input's corrections file and the deck written.
  The process that writes a deck appends its record to `<out>/.flashcards-state.journal`
  (one JSON line, a single append) right after the deck is renamed into place; the journal is
  folded into the JSON file when the build ends, or by the next build after a crash. A file
  is skipped when its record matches and its deck is still there, so a killed batch resumes
  with what it had not written.
* **Workers end with their parent**, however it ends (SIGKILL included): each watches the
  parent's sentinel (`multiprocessing.parent_process()`: a pipe, or a process handle on
  Windows) from a thread and, on Linux, also asks the kernel for a signal when the parent dies
  (`PR_SET_PDEATHSIG`). A worker that is writing a deck finishes writing and recording it
  first (milliseconds), so a deck on disk is always a recorded one.
* **A deck lands while the next file is built**: it is written beside its place, then
  flushed to disk, renamed into place and recorded in a thread (the flush waits for the
  disk, about a millisecond a deck, which would leave a core idle). A file's outcome is
  reported only once its deck has landed, with the error if it could not.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .corrections import corrections_path
from .deck import PendingPackage
from .errors import FlashcardsError, OutputError, bug_report
from .inputs import STDIN_SOURCE
from .models import (
    DEFAULT_MARKS,
    DEFAULT_READINGS,
    BuildResult,
    MarkOptions,
    Problem,
    ReadingOptions,
)
from .pipeline import build, build_file, prepare_deck

STATE_FILE = ".flashcards-state.json"
JOURNAL_FILE = ".flashcards-state.journal"
LOCK_FILE = ".flashcards.lock"
PARALLEL_FROM = 8  # fewer files than this are built in-process: workers cost a start-up each
CHUNK = 4  # files a worker is given at once (its decks land while the next file is built)


class FolderBusy(OutputError):
    """Another build holds the output folder."""


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
    text: str | None = None  # the input already read (`build -`: standard input), else read path


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


def state_key(job: Job) -> dict[str, str]:
    """What a deck's record must match besides its input's bytes: the tool, the options and
    the input's corrections (take it before the build)."""
    # every reading and marking option, word and term lists included, as a digest (a new
    # option counts too)
    options = hashlib.sha256(repr((job.readings, job.marks)).encode()).hexdigest()[:16]
    return {
        "tool": tool_fingerprint(),
        "options": f"{','.join(job.card_types)};{options}",
        "corrections": file_digest(corrections_path(job.path)),  # "" when there are none
    }


class BuildState:
    """The record of previous builds in an output folder: the JSON file, then the journal
    lines appended since (a torn last line, from a kill mid-append, is ignored)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / STATE_FILE
        self.journal = out_dir / JOURNAL_FILE
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("files"), dict):
                self.entries = data["files"]
        except (OSError, ValueError):
            pass  # no state, or a damaged one: everything is rebuilt
        self._replay()

    def _replay(self) -> int:
        """Apply the journal's records; return how many lines it has."""
        try:
            lines = self.journal.read_bytes().splitlines()
        except OSError:
            return 0
        for line in lines:
            try:
                record = json.loads(line)
                self.entries[record.pop("input")] = record
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
        return len(lines)

    def unchanged(self, job: Job, digest: str, key: dict[str, str]) -> Path | None:
        """The deck built from this very input by this very tool, if it is still there."""
        entry = self.entries.get(str(job.path.resolve()))
        if not entry or entry.get("sha256") != digest or not entry.get("deck"):
            return None
        if any(entry.get(k) != v for k, v in key.items()):
            return None
        deck = job.out_dir / str(entry["deck"])
        return deck if deck.is_file() else None

    def save(self) -> None:
        """Fold the journal, with what this build appended to it, into the JSON file
        (atomically); a failure only costs a rebuild."""
        if not self._replay():
            return
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"files": self.entries}, indent=1, sort_keys=True))
            os.replace(tmp, self.path)
            self.journal.unlink()  # a crash before this line only replays the same records
        except OSError:
            tmp.unlink(missing_ok=True)


def record(job: Job, deck: Path, digest: str, key: dict[str, str]) -> None:
    """Append the record of a deck that has just landed to its folder's journal: one write
    of one line, so a kill leaves at worst a torn line, which is ignored. `digest` and `key`
    were taken before the build read its input and corrections: if either changed since, the
    record does not match them and the deck is rebuilt next time."""
    if digest:
        _append(job.out_dir, {"input": str(job.path.resolve()), "sha256": digest,
                              "deck": deck.name, **key})  # fmt: skip


def _append(out_dir: Path, entry: dict[str, str]) -> None:
    try:
        # the newline first ends a line torn by a kill, so this record stands on its own
        line = ("\n" + json.dumps(entry, sort_keys=True)).encode()
        fd = os.open(out_dir / JOURNAL_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError:
        pass  # the deck is written; without its record it is only rebuilt next time


@contextmanager
def writing(out_dir: Path, input_path: Path | None = None) -> Iterator[None]:
    """Hold the output folder while a deck is written outside a batch (the desk); the
    input's record in the state is dropped, so the next build makes its deck again with its
    own options.

    Raises:
        FolderBusy: a build is using the folder.
    """
    with ExitStack() as held:
        _hold(out_dir, held)
        yield
        if input_path is not None:
            _append(out_dir, {"input": str(input_path.resolve()), "sha256": ""})


# Held while a deck lands and is recorded: a worker whose parent died waits for it, then ends.
_landing = threading.Lock()

Task = tuple[Job, str, dict[str, str] | None]  # a job, its input's digest and its state key


def run_jobs(tasks: Iterable[Task]) -> Iterator[Outcome]:
    """Build files one after another and write their decks (each recorded in its folder's
    state when the input's `digest` and the options' `key`, both taken before the build, are
    given); yield each file's outcome, in order, once its deck is on disk. Never raises: a
    failure is an outcome.

    A deck lands (is flushed to disk, renamed into place and recorded) in a thread while
    the next file is built: the flush mostly waits for the disk, a millisecond a deck. So a
    file's outcome comes once the next file is built (or at the end)."""
    with ThreadPoolExecutor(max_workers=1) as lander:
        landing: tuple[Job, Future[Outcome]] | None = None
        for job, digest, key in tasks:
            built = _build(job)
            if landing is not None:  # before this deck is written: the same path, maybe
                yield _landed(*landing)
                landing = None
            if isinstance(built, Outcome):
                yield built
                continue
            try:
                pending = prepare_deck(built, job.out_dir, job.card_types)
            except Exception as err:
                yield _failure(job, err)
                continue
            outcome = Outcome(_source(job), pending.path, pending.notes, built.problems)
            try:
                landing = job, lander.submit(_land, pending, outcome, job, digest, key)
            except BaseException:
                pending.discard()
                raise
        if landing is not None:
            yield _landed(*landing)


def _run_chunk(tasks: Sequence[Task]) -> list[Outcome]:
    return list(run_jobs(tasks))


def _source(job: Job) -> str:
    return str(job.path) if job.text is None else STDIN_SOURCE


def _build(job: Job) -> BuildResult | Outcome:
    """The file's build, or its outcome when no deck is to be written."""
    source = _source(job)
    try:
        if job.text is None:
            result = build_file(
                job.path, encoding=job.encoding, readings=job.readings, marks=job.marks
            )
        else:
            result = build(job.text, source, readings=job.readings, marks=job.marks)
    except Exception as err:
        return _failure(job, err)
    if job.strict and result.problems:
        count = len(result.problems)
        message = f"{source}: {count} warning(s) with --strict; no deck written"
        return Outcome(source, problems=result.problems, error=message)
    if not job.write:
        return Outcome(source, problems=result.problems, result=result)
    return result


def _land(
    pending: PendingPackage, outcome: Outcome, job: Job, digest: str, key: dict[str, str] | None
) -> Outcome:
    with _landing:
        pending.land()
        if key is not None:
            record(job, pending.path, digest, key)
    return outcome


def _landed(job: Job, landing: Future[Outcome]) -> Outcome:
    try:
        return landing.result()
    except Exception as err:
        return _failure(job, err)


def _failure(job: Job, err: Exception) -> Outcome:
    """A failed file's outcome: one line (a bug's too: the other files are still built)."""
    if job.debug:
        raise err
    source = _source(job)
    if isinstance(err, FlashcardsError):
        return Outcome(source, error=str(err.at(source)))
    return Outcome(source, error=f"{source}: {bug_report(err)}")


def _leave() -> None:
    """End this worker: its parent is gone. A deck being written is finished first."""
    _landing.acquire()
    os._exit(1)


def _watch_parent() -> None:
    """In a worker: end when the parent process ends, however it ends."""
    if sys.platform == "linux":
        import ctypes

        # PR_SET_PDEATHSIG: the kernel sends SIGTERM when the parent dies (SIGKILL included)
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=_leave).start())
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    parent = multiprocessing.parent_process()
    if parent is not None:  # portable: the sentinel is ready once the parent is gone
        sentinel = parent.sentinel

        def watch() -> None:
            multiprocessing.connection.wait([sentinel])
            _leave()

        threading.Thread(target=watch, daemon=True).start()


def _hold(out_dir: Path, held: ExitStack) -> None:
    """Hold the output folder for this build (until `held` closes), or raise FolderBusy at
    once. A folder created only to hold the lock is removed again if no deck went in."""
    import filelock

    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # each deck will say why it cannot be written
    if created:
        held.callback(_remove_if_empty, out_dir)
    lock = filelock.FileLock(out_dir / LOCK_FILE, timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise FolderBusy("another build is using this folder", path=str(out_dir)) from None
    except OSError:
        return  # a folder that cannot hold a lock file cannot hold decks either
    held.callback(lock.release)


def _remove_if_empty(out_dir: Path) -> None:
    if [p.name for p in out_dir.iterdir()] == [LOCK_FILE]:
        with suppress(OSError):
            (out_dir / LOCK_FILE).unlink()
            out_dir.rmdir()


def run(
    jobs: Sequence[Job], *, force: bool = False, workers: int | None = None
) -> Iterator[Outcome]:
    """Run the jobs, in worker processes when there are many, and yield their outcomes in
    order as they are done. Unchanged files are skipped (first) unless `force`.

    Raises:
        FolderBusy: another build is using an output folder (raised before any outcome).
    """
    with ExitStack() as held:
        folders = sorted({job.out_dir for job in jobs if job.write})
        for out_dir in folders:
            _hold(out_dir, held)
        states = {out_dir: BuildState(out_dir) for out_dir in folders}  # each read once
        for state in states.values():
            held.callback(state.save)
        # of the bytes first read; a text already read is not recorded (it has no file)
        digests = {job.path: file_digest(job.path) if job.text is None else "" for job in jobs}
        keys = {job.path: state_key(job) for job in jobs}  # corrections included: before the build
        todo: list[Job] = []
        for job in jobs:
            may_skip = job.write and not force and job.text is None
            deck = None
            if may_skip:
                deck = states[job.out_dir].unchanged(job, digests[job.path], keys[job.path])
            if deck is not None:
                yield Outcome(str(job.path), deck, skipped=True)
            else:
                todo.append(job)
        count = workers or min(os.cpu_count() or 1, len(todo))
        if count > 1 and len(todo) >= PARALLEL_FROM:
            pool = ProcessPoolExecutor(max_workers=count, initializer=_watch_parent)
            held.callback(pool.shutdown, cancel_futures=True)
            tasks = [(job, digests[job.path], keys[job.path]) for job in todo]
            chunks = [tasks[k : k + CHUNK] for k in range(0, len(tasks), CHUNK)]
            for outcomes in pool.map(_run_chunk, chunks):
                yield from outcomes
        else:
            yield from run_jobs((job, digests[job.path], keys[job.path]) for job in todo)
