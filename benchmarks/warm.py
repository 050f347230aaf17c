"""Warm time per editorial: one build in a process whose dictionaries are already loaded.

usage: python benchmarks/warm.py [--file ../shared/corpus/mingpao-2021-06-18.txt] [--repeat 20]
                                 [--profile N]

Builds the editorial once to warm up (dictionaries, jieba, pypinyin), then `--repeat` times,
and prints the median CPU time (time.process_time) and wall time of `pipeline.build`, the share
of it spent in the alignment (`english_sentences` and `align_editorial`), and the median time
to render and write its deck. CPU time is the figure to compare: other processes on the
machine inflate wall time, and its load moves CPU time too, so compare versions side by side
(`PYTHONPATH=<other tree>`).
Nothing keyed on a sentence or a whole text outlives a build, but the caches of words and
dictionary pieces stay warm between repeats, as they become in a long batch: a new editorial's
first build also pays their lookups (`benchmarks/batch.py` times distinct editorials).
`--profile N` prints the N costliest functions (cProfile, cumulative) over the repeats instead.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import SHARED

from flashcards import pipeline

DEFAULT_FILE = SHARED / "corpus" / "mingpao-2021-06-18.txt"


class Clock:
    """CPU and wall time spent inside a wrapped function, summed over its calls."""

    def __init__(self) -> None:
        self.cpu = self.wall = 0.0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu += time.process_time() - cpu
                self.wall += time.perf_counter() - wall

        return timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if not args.file.is_file():
        print(f"no editorial at {args.file}", file=sys.stderr)
        return 2
    text = args.file.read_text(encoding="utf-8")
    source = str(args.file)
    align = Clock()
    pipeline.align_editorial = align.wrap(pipeline.align_editorial)  # type: ignore[assignment]
    # the English sentence split is the alignment's first step, though the pipeline calls it
    pipeline.english_sentences = align.wrap(pipeline.english_sentences)  # type: ignore[assignment]
    pipeline.build(text, source)  # warm-up
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            pipeline.write_deck(pipeline.build(text, source), Path(tempfile.mkdtemp()))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
        return 0

    cpu, wall, align_cpu, align_wall, deck_cpu, deck_wall = ([] for _ in range(6))
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.repeat):
            align.cpu = align.wall = 0.0
            c, w = time.process_time(), time.perf_counter()
            result = pipeline.build(text, source)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
            align_cpu.append(align.cpu)
            align_wall.append(align.wall)
            c, w = time.process_time(), time.perf_counter()
            pipeline.write_deck(result, Path(out))
            deck_cpu.append(time.process_time() - c)
            deck_wall.append(time.perf_counter() - w)
    med = statistics.median
    share = sum(align_cpu) / sum(cpu)
    print(
        f"warm build {med(cpu) * 1000:.0f} ms CPU, {med(wall) * 1000:.0f} ms wall per editorial "
        f"(median of {args.repeat}, {args.file.name}); alignment {share:.0%} of CPU "
        f"({med(align_cpu) * 1000:.0f} ms); deck writing {med(deck_cpu) * 1000:.0f} ms CPU, "
        f"{med(deck_wall) * 1000:.0f} ms wall"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
