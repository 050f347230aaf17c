"""The command line. The only home of click; the only module that prints or exits."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from . import __version__
from .collection import import_into
from .deck import CARD_TYPES
from .editorial import slugify
from .errors import FlashcardsError
from .inputs import find_inputs
from .models import BuildResult
from .pipeline import build_file, sample_path, write_combined, write_deck
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
        _fail(
            f"{where}: internal error ({type(err).__name__}: {err}); run with --debug and report it"
        )
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


def _inputs(paths: Sequence[Path], debug: bool) -> list[Path] | None:
    if not paths:
        return [sample_path()]
    return _guard(debug, "", lambda: find_inputs(paths))


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
@click.option("--strict", is_flag=True, help="Treat warnings as errors: no deck, exit 1.")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
def build_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    card_types: tuple[str, ...],
    combined: bool,
    into: Path | None,
    encoding: str | None,
    strict: bool,
    debug: bool,
) -> None:
    """Build one deck per editorial file (every *.txt of a folder); no PATH builds the
    bundled sample."""
    inputs = _inputs(paths, debug)
    if inputs is None:
        sys.exit(1)
    failed = 0
    results: list[BuildResult] = []
    for path in inputs:
        result = _guard(debug, str(path), lambda path=path: build_file(path, encoding=encoding))  # type: ignore[misc]
        if result is None:
            failed += 1
            continue
        _warn(result)
        if strict and result.problems:
            _fail(f"{path}: {len(result.problems)} warning(s) with --strict; no deck written")
            failed += 1
            continue
        results.append(result)

    if combined and results:
        target = out_dir / f"{_combined_name(paths)}.apkg"
        jobs = [(str(target), lambda: write_combined(results, target, card_types))]
    else:
        jobs = [
            (r.editorial.source, lambda r=r: write_deck(r, out_dir, card_types))  # type: ignore[misc]
            for r in results
        ]
    written: list[Path] = []
    for where, job in jobs:
        done = _guard(debug, where, job)
        if done is None:
            failed += 1
            continue
        deck_path, notes = done
        written.append(deck_path)
        click.echo(f"{deck_path}  ({notes} notes)")

    if into is not None and written:
        imported = _guard(debug, str(into), lambda: import_into(into, written))
        if imported is None:
            failed += 1
        else:
            click.echo(
                f"{into}: {imported.new} new, {imported.updated} updated, "
                f"{imported.unchanged} unchanged notes"
            )
    if failed:
        sys.exit(1)


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
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
def show_command(path: Path | None, as_json: bool, encoding: str | None, debug: bool) -> None:
    """Show what the deck for an editorial will hold (no PATH: the bundled sample)."""
    path = path or sample_path()
    result = _guard(debug, str(path), lambda: build_file(path, encoding=encoding))
    if result is None:
        sys.exit(1)
    _warn(result)
    if as_json:
        click.echo(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
    else:
        click.echo(summary(result))
