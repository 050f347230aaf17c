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
from .inputs import STDIN, STDIN_SOURCE, find_inputs, read_stdin
from .models import BuildResult, MarkOptions, ReadingOptions
from .pipeline import (
    build,
    build_file,
    read_term_list,
    read_words,
    sample_path,
    write_combined,
)
from .readers import reader_names
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


def _read_stdin(encoding: str | None) -> str:
    """The editorial on standard input (`-`), with a hint when it is pasted at a terminal."""
    if sys.stdin.isatty():
        click.echo(
            "Paste the editorial, then press Ctrl-D (Ctrl-Z and Enter on Windows).", err=True
        )
    return read_stdin(sys.stdin.buffer, encoding)


def _build_stdin(encoding: str | None, readings: ReadingOptions, marks: MarkOptions) -> BuildResult:
    """The editorial on standard input; its id comes from its own text."""
    return build(_read_stdin(encoding), STDIN_SOURCE, readings=readings, marks=marks)


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
    return _decorated(with_readings, options)


def _decorated(
    command: Callable[..., None], options: list[Callable[[Callable[..., None]], Any]]
) -> Callable[..., None]:
    """`command` with click's `options`, the first listed shown first in --help."""
    for option in reversed(options):
        command = option(command)
    return command


def mark_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that say how terms are marked, handed to the command as one `marks`."""

    @functools.wraps(command)
    def with_marks(
        *, form: str | None, terms_file: Path | None, terms_only: bool, deck: str | None, **kw: Any
    ) -> None:
        terms: tuple[Any, ...] = ()
        if terms_file is not None:
            read = _guard(kw["debug"], str(terms_file), lambda: read_term_list(terms_file))
            if read is None:
                sys.exit(1)
            terms = read
        elif terms_only:
            raise click.UsageError("--terms-only needs a term list: give it with --terms FILE")
        command(marks=MarkOptions(form, terms, terms_only, deck), **kw)

    options = [
        click.option(
            "--format", "form", type=click.Choice(reader_names()),
            help="Read terms marked in this one way only (default: every way the text has).",
        ),
        click.option(
            "--terms", "terms_file", type=click.Path(path_type=Path, dir_okay=False),
            help="Your own list of terms, one a line, each optionally with its Chinese and "
            "a definition: consent 同意：permission. Added to the terms the text marks.",
        ),
        click.option(
            "--terms-only", is_flag=True,
            help="With --terms, make notes for the listed terms only, not the text's own.",
        ),
        click.option(
            "--deck", help="File the decks under this deck name instead of the one from the "
            "source (Ming Pao Editorials, or the folder the file lies in).",
        ),
    ]  # fmt: skip
    return _decorated(with_marks, options)


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
@mark_options
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
    marks: MarkOptions,
    debug: bool,
) -> None:
    """Build one deck per editorial file (every *.txt and *.html of a folder); no PATH
    builds the bundled sample; `-` reads the editorial from standard input. Files unchanged
    since their deck was built are skipped."""
    stdin = Path(STDIN) in paths
    paths = tuple(p for p in paths if p != Path(STDIN))
    inputs = _inputs(paths, debug) if paths or not stdin else []
    if inputs is None:
        sys.exit(1)
    jobs = [
        Job(path, out_dir, card_types, encoding, strict, not combined, debug, readings, marks)
        for path in inputs
    ]
    tally = _Tally()
    pasted = _guard(debug, STDIN_SOURCE, lambda: _read_stdin(encoding)) if stdin else None
    if pasted is not None:  # read before any progress bar is drawn over the terminal
        jobs.insert(0, Job(Path(STDIN), out_dir, card_types, encoding, strict, not combined,
                           debug, readings, marks, pasted))  # fmt: skip
    tally.failed += stdin and pasted is None
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
@mark_options
@reading_options
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
def show_command(
    path: Path | None,
    as_json: bool,
    encoding: str | None,
    readings: ReadingOptions,
    marks: MarkOptions,
    debug: bool,
) -> None:
    """Show what the deck for an editorial will hold (no PATH: the bundled sample; `-`: the
    text on standard input)."""
    path = path or sample_path()
    if path == Path(STDIN):
        result = _guard(debug, STDIN_SOURCE, lambda: _build_stdin(encoding, readings, marks))
    else:
        result = _guard(
            debug,
            str(path),
            lambda: build_file(path, encoding=encoding, readings=readings, marks=marks),
        )
    if result is None:
        sys.exit(1)
    _warn(result)
    if as_json:
        click.echo(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
    else:
        click.echo(summary(result))


@main.command("serve")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8731, show_default=True,
    help="Port to listen on; the next free one when it is taken (0: any free port).",
)  # fmt: skip
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on. Any other than 127.0.0.1 lets other machines use the desk.",
)  # fmt: skip
@click.option(
    "-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("decks"),
    show_default=True, help="Folder for the decks; the desk keeps its texts in OUT/desk/.",
)  # fmt: skip
@click.option(
    "--into", type=click.Path(path_type=Path, dir_okay=False),
    help="Offer to import decks into this (closed) Anki collection.anki2.",
)  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Do not open a browser at the desk.")
def serve_command(port: int, host: str, out_dir: Path, into: Path | None, no_browser: bool) -> None:
    """Open the teacher's desk in the browser: paste or drop editorials, see every card,
    correct them, download the decks. Serves until interrupted (Ctrl-C)."""
    from .web import create_app
    from .web.server import LOCAL_HOSTS, bind, machine_names, serve, url

    try:
        sock = bind(host, port)
    except OSError as err:
        _fail(f"cannot listen on {host}:{port} ({err.strerror or err}); try --port")
        sys.exit(1)
    address = url(sock)
    click.echo(address)
    local = host in LOCAL_HOSTS
    if not local:
        click.echo(
            f"warning: the desk listens on {host}: anyone who can reach this machine can use "
            "it; serve on 127.0.0.1 unless you mean that",
            err=True,
        )
    click.echo(f"Texts: {out_dir / 'desk'}  Decks: {out_dir}  (Ctrl-C stops the desk)", err=True)
    if not no_browser:
        import webbrowser

        webbrowser.open(address)
    serve(create_app(out_dir, into=into, hosts=() if local else machine_names(host)), sock)
