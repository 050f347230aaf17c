"""The command line. The only home of click; the only module that prints or exits."""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .batch import FolderBusy, Job, Outcome
from .batch import run as run_jobs
from .collection import import_into
from .deck import CARD_TYPES
from .editorial import slugify
from .errors import FlashcardsError, bug_report
from .inputs import find_inputs
from .models import BuildResult, ReadingOptions
from .pipeline import build_file, read_words, sample_path, write_combined
from .render import result_dict, summary

T = TypeVar("T")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)


def _guard(debug: bool, where: str, action: Callable[[], T]) -> T | None:
    """Run `action`; report a failure as one `Error:` line (a traceback with --debug)."""
    try:
        return action()
    except FlashcardsError as err:
        if debug:
            traceback.print_exc()
        _fail(str(err.at(where)))
    except Exception as err:  # a bug: still one line, unless --debug
        if debug:
            raise
        _fail(f"{where}: {bug_report(err)}")
    return None


def _warn(result: BuildResult) -> None:
    for problem in result.problems:
        click.echo(f"warning: {result.editorial.source}: {problem.message}", err=True)


def _card_types(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in CARD_TYPES]
    if unknown or not kinds:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'none given'}; choose from {', '.join(CARD_TYPES)}"
        )
    return kinds


def _readings(
    tone_numbers: bool, v_for_u: bool, jyutping: bool, words_file: Path | None, debug: bool
) -> ReadingOptions:
    """The reading options; exits with an `Error:` line when the word list is unusable."""
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if words_file is not None:
        read = _guard(debug, str(words_file), lambda: read_words(words_file))
        if read is None:
            sys.exit(1)
        words = read
    return ReadingOptions(
        tones="numbers" if tone_numbers else "marks",
        umlaut="v" if v_for_u else "ü",
        jyutping=jyutping,
        words=words,
    )


def _inputs(paths: Sequence[Path], debug: bool) -> list[Path] | None:
    if not paths:
        return [sample_path()]
    return _guard(debug, "", lambda: find_inputs(paths))


def reading_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of every command that reads Chinese, handed to it as one `readings`."""

    @functools.wraps(command)
    def with_readings(
        *, tone_numbers: bool, v_for_u: bool, jyutping: bool, words_file: Path | None, **kw: Any
    ) -> None:
        command(readings=_readings(tone_numbers, v_for_u, jyutping, words_file, kw["debug"]), **kw)

    options = [
        click.option(
            "--tone-numbers", is_flag=True,
            help="Write pinyin with tone numbers (nan2), not marks.",
        ),
        click.option(
            "--v-for-u", is_flag=True,
            help="With --tone-numbers, write ü as v (lv4), as keyboards do.",
        ),
        click.option(
            "--jyutping", is_flag=True, help="Add Cantonese readings (Jyutping) to the cards."
        ),
        click.option(
            "--words", "words_file", type=click.Path(path_type=Path, dir_okay=False),
            help="A file of Chinese words to keep whole (names, say), one per line, each "
            "optionally followed by its pinyin: 陳國基 chén guó jī",
        ),
    ]  # fmt: skip
    decorated: Callable[..., None] = with_readings
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashcards")
def main() -> None:
    """Turn a bilingual Ming Pao editorial into an Anki deck."""


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--out", "out_dir", type=click.Path(path_type=Path),
    default=Path("decks"), show_default=True, help="Folder to write the .apkg files into.",
)  # fmt: skip
@click.option(
    "--cards", "card_types", default=",".join(CARD_TYPES), show_default=True,
    callback=lambda ctx, param, value: _card_types(value),
    help="Card types to make, comma-separated.",
)  # fmt: skip
@click.option(
    "--combined", is_flag=True,
    help="One package for all inputs, a subdeck per editorial; a term found in several "
    "editorials is one note holding all its contexts.",
)  # fmt: skip
@click.option(
    "--into", type=click.Path(path_type=Path, dir_okay=False),
    help="Also import the decks into this (closed) Anki collection.anki2.",
)  # fmt: skip
@click.option("--encoding", help="Read the inputs in this encoding instead of detecting it.")
@click.option("--force", is_flag=True, help="Rebuild every deck, even when nothing changed.")
@click.option(
    "-j", "--jobs", "workers", type=click.IntRange(min=1),
    help="Worker processes for large batches [default: one per CPU].",
)  # fmt: skip
@click.option("--strict", is_flag=True, help="Treat warnings as errors: no deck, exit 1.")
@reading_options
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
def build_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    card_types: tuple[str, ...],
    combined: bool,
    into: Path | None,
    encoding: str | None,
    force: bool,
    workers: int | None,
    strict: bool,
    readings: ReadingOptions,
    debug: bool,
) -> None:
    """Build one deck per editorial file (every *.txt and *.html of a folder); no PATH
    builds the bundled sample. Files unchanged since their deck was built are skipped."""
    inputs = _inputs(paths, debug)
    if inputs is None:
        sys.exit(1)
    jobs = [
        Job(path, out_dir, card_types, encoding, strict, not combined, debug, readings)
        for path in inputs
    ]
    tally = _Tally()
    try:
        with _progress(len(jobs)) as (say, advance):
            for outcome in run_jobs(jobs, force=force or combined, workers=1 if debug else workers):
                tally.add(outcome, say)
                advance()
    except FolderBusy as err:  # raised before any deck is touched
        _fail(str(err))
        sys.exit(1)
    if combined:
        results = [o.result for o in tally.outcomes if o.result is not None]
        target = out_dir / f"{_combined_name(paths)}.apkg"
        done = None
        if results:
            done = _guard(debug, str(target), lambda: write_combined(results, target, card_types))
            tally.failed += done is None
        if done is not None:
            tally.wrote(*done, say=lambda line, err: click.echo(line, err=err))
    if into is not None and tally.decks:
        imported = _guard(debug, str(into), lambda: import_into(into, tally.decks))
        if imported is None:
            tally.failed += 1
        else:
            click.echo(
                f"{into}: {imported.new} new, {imported.updated} updated, "
                f"{imported.unchanged} unchanged notes"
            )
    if len(jobs) > 1:
        click.echo(tally.summary())
    if tally.failed:
        sys.exit(1)


class _Tally:
    """Counts for the summary, and the one place outcomes are reported."""

    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []
        self.decks: list[Path] = []
        self.written = self.skipped = self.failed = self.notes = self.warnings = 0

    def add(self, outcome: Outcome, say: Callable[[str, bool], None]) -> None:
        self.outcomes.append(outcome)
        for problem in outcome.problems:
            say(f"warning: {outcome.source}: {problem.message}", True)
        self.warnings += len(outcome.problems)
        if outcome.error:
            say(f"Error: {outcome.error}", True)
            self.failed += 1
        elif outcome.skipped and outcome.deck is not None:
            self.decks.append(outcome.deck)
            self.skipped += 1
            say(f"{outcome.deck}  (unchanged)", False)
        elif outcome.deck is not None:
            self.wrote(outcome.deck, outcome.notes, say)

    def wrote(self, deck: Path, notes: int, say: Callable[[str, bool], None]) -> None:
        self.decks.append(deck)
        self.written += 1
        self.notes += notes
        say(f"{deck}  ({notes} notes)", False)

    def summary(self) -> str:
        return (
            f"{self.written} decks written ({self.notes} notes), {self.skipped} unchanged, "
            f"{self.failed} failed, {self.warnings} warnings"
        )


@contextmanager
def _progress(total: int) -> Iterator[tuple[Callable[[str, bool], None], Callable[[], None]]]:
    """On a terminal, a progress bar (rich) above which warnings and errors appear; else
    plain lines, one per file."""
    if not sys.stderr.isatty() or total < 2:

        def plain(line: str, err: bool) -> None:
            click.echo(line, err=err)

        yield plain, lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("building decks", total=total)

        def above(line: str, err: bool) -> None:
            if err:
                console.print(line, markup=False, highlight=False)

        yield above, lambda: bar.advance(task)


# File names Windows reserves, whatever the extension.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                       *(f"lpt{i}" for i in range(10))})  # fmt: skip


def _combined_name(paths: Sequence[Path]) -> str:
    """A combined package is named after the one folder built, else `combined`."""
    name = "combined"
    if len(paths) == 1 and paths[0].is_dir():
        name = slugify(paths[0].resolve().name, words=8) or name
    return f"{name}-deck" if name in _RESERVED else name


@main.command("show")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the cards as JSON.")
@click.option("--encoding", help="Read the input in this encoding instead of detecting it.")
@reading_options
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
def show_command(
    path: Path | None,
    as_json: bool,
    encoding: str | None,
    readings: ReadingOptions,
    debug: bool,
) -> None:
    """Show what the deck for an editorial will hold (no PATH: the bundled sample)."""
    path = path or sample_path()
    result = _guard(
        debug, str(path), lambda: build_file(path, encoding=encoding, readings=readings)
    )
    if result is None:
        sys.exit(1)
    _warn(result)
    if as_json:
        click.echo(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
    else:
        click.echo(summary(result))
