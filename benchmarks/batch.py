"""Start-up and batch timings, as ratios against the floor of the libraries we cannot avoid.

usage: python benchmarks/batch.py [--sizes 10,100,1000] [--shared ../shared] [--jobs N]

Prints, each measured in fresh processes, the best of --repeat runs (the cold build and the
batches taken in turn, so that their ratio compares runs under the same load):
  floor      python -c "import jieba, pypinyin; jieba.initialize()"
  cold       flashcards build <the bundled sample>   (one editorial, caches on disk warm)
  batch N    flashcards build <N synthetic editorials>, for each N in --sizes
  unchanged  the same build of the largest N again: every file skipped
  peak memory of the largest batch: its largest process, and all its processes together
             (resident memory sampled from /proc every 0.5 s; the parent's and the workers')
  warm       one editorial in a warm process (built and written), the mean over the distinct
             editorials of the synthetic corpus
  state      recording one deck in the output folder's state (a journal line), against
             rewriting the whole state file per deck, for the largest N
The synthetic corpus is the bundled sample and the shared corpus files, repeated with
varied dates so that every copy is an editorial of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED

from flashcards.pipeline import sample_path

_TITLE_DATE = re.compile(r"明報社評 \d{4}\.\d{2}\.\d{2}")
_NAME_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def timed(command: list[str], repeat: int = 1) -> float:
    """Best wall time of `repeat` runs of a command (which must succeed)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def tree_rss_kb(root: int) -> dict[int, int]:
    """Resident memory of a process and each of its descendants, in kB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        pid = int(status.parent.name)
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        tree[pid] = rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return tree


def timed_with_memory(command: list[str]) -> tuple[float, int, dict[int, int]]:
    """Wall time of one run, the peak of its whole process tree's memory (kB), and the peak
    of each of its processes (kB, by pid; the root first)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, each = 0, {process.pid: 0}
    while process.poll() is None:
        tree = tree_rss_kb(process.pid)
        peak = max(peak, sum(tree.values()))
        for pid, kb in tree.items():
            each[pid] = max(each.get(pid, 0), kb)
        time.sleep(0.5)  # rarely: the sampling itself must not slow the build down
    if process.returncode:
        raise SystemExit(f"{command} failed")
    return time.perf_counter() - started, peak, each


def synthetic_corpus(folder: Path, count: int, shared: Path) -> None:
    """`count` editorials made from the sample and the shared corpus, each with its own date."""
    sources = [sample_path(), *sorted((shared / "corpus").glob("*.txt"))]
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sources]
    start = dt.date(2010, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name, text = texts[i % len(texts)]
        day = start + dt.timedelta(days=i)
        text = _TITLE_DATE.sub(f"明報社評 {day:%Y.%m.%d}", text)
        stem = _NAME_DATE.sub(f"{day:%Y-%m-%d}", Path(name).stem)
        if stem == Path(name).stem:
            stem = f"{stem}-{day:%Y-%m-%d}"
        (folder / f"{i:05d}-{stem}.txt").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPUs)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    python = sys.executable
    flashcards = [python, "-m", "flashcards"]
    jobs = ["-j", str(args.jobs)] if args.jobs else []

    floor = timed([python, "-c", "import jieba, pypinyin; jieba.initialize()"], args.repeat)
    print(f"floor      {floor:6.2f}s  (import jieba, pypinyin; jieba.initialize())")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in sizes:
            synthetic_corpus(root / f"corpus-{n}", n, args.shared)
        # the cold build and the batches, taken in turn --repeat times (each the best of its
        # runs): the ratio compares runs made under the same load of the machine
        colds: list[float] = []
        batches: dict[int, list[tuple[float, int, dict[int, int]]]] = {n: [] for n in sizes}
        for r in range(args.repeat):
            colds.append(timed([*flashcards, "build", "-o", str(root / "cold"), "--force"]))
            for n in sizes:
                out = root / f"out-{n}-{r}"
                corpus = root / f"corpus-{n}"
                batches[n].append(
                    timed_with_memory([*flashcards, "build", str(corpus), "-o", str(out), *jobs])
                )
        cold = min(colds)
        print(f"cold       {cold:6.2f}s  = {cold / floor:.2f}x floor  (one editorial)")
        for n in sizes:
            took = min(run[0] for run in batches[n])
            per = (took - cold) / n * 1000
            print(
                f"batch {n:<5}{took:6.2f}s  = {took / cold:.2f}x cold  "
                f"({per:.0f} ms per editorial after start-up; runs "
                f"{', '.join(f'{run[0]:.2f}' for run in batches[n])}s)"
            )
        largest = max(sizes)
        again = timed(
            [
                *flashcards,
                "build",
                str(root / f"corpus-{largest}"),
                "-o",
                str(root / f"out-{largest}-0"),
            ]
        )
        ratio = again / cold
        print(f"unchanged  {again:6.2f}s  = {ratio:.2f}x cold  (rebuild of {largest}, all skipped)")
        # the peak of the largest batch's runs
        _, tree_peak, each = max(batches[largest], key=lambda run: run[1])
        parent, *workers = each.values()
        print(
            f"peak memory {max(each.values()) / 1024:.0f} MB in the largest process, "
            f"{tree_peak / 1024:.0f} MB for the parent and its workers together ({largest} "
            f"batch: the parent {parent / 1024:.0f} MB, {len(workers)} workers up to "
            f"{max(workers, default=0) / 1024:.0f} MB each)"
        )
        wall, cpu = warm_ms([sample_path(), *sorted((args.shared / "corpus").glob("*.txt"))])
        print(
            f"warm       {wall / 1000:6.3f}s  = {wall / 1000 / cold:.3f}x cold  ({wall:.1f} ms "
            f"per editorial in a warm process, deck written; {cpu:.1f} ms CPU)"
        )
        journal, rewrite = state_ms(root / "state", largest)
        print(
            f"state      {journal:6.3f} ms per deck recorded (a journal line); rewriting the "
            f"state file of {largest} decks each time would cost {rewrite:.2f} ms"
        )
    return 0


WARM = """
import sys, tempfile, time
from pathlib import Path
from flashcards.pipeline import build_file, write_deck
paths = [Path(p) for p in sys.argv[1:]]
out = Path(tempfile.mkdtemp())
write_deck(build_file(paths[0]), out)  # warm: libraries and indexes loaded
wall = cpu = float("inf")
for _ in range(3):
    started, started_cpu = time.perf_counter(), time.process_time()
    for path in paths:
        write_deck(build_file(path), out)
    wall = min(wall, (time.perf_counter() - started) / len(paths))
    cpu = min(cpu, (time.process_time() - started_cpu) / len(paths))
print(wall * 1000, cpu * 1000)
"""


def warm_ms(paths: list[Path]) -> tuple[float, float]:
    """Milliseconds per editorial in a warm process, wall and CPU: the best of three rounds
    over `paths` (CPU time is the steadier figure on a loaded machine)."""
    run = subprocess.run(
        [sys.executable, "-c", WARM, *map(str, paths)], check=True, capture_output=True, text=True
    )
    wall, cpu = map(float, run.stdout.split())
    return wall, cpu


def state_ms(folder: Path, count: int) -> tuple[float, float]:
    """Milliseconds to record one deck: a journal line, or a rewrite of all `count` records."""
    from flashcards.batch import BuildState, Job, record, state_key, tool_fingerprint

    folder.mkdir(parents=True)
    deck = folder / "deck.apkg"
    deck.write_bytes(b"deck")
    jobs = [Job(folder / f"{i:05d}.txt", folder, ("recognition",)) for i in range(count)]
    tool_fingerprint()  # computed once per process, not per record
    keys = [state_key(job) for job in jobs]  # taken before each build, as the batch does
    started = time.perf_counter()
    for job, key in zip(jobs, keys, strict=True):
        record(job, deck, "0" * 64, key)
    journal = (time.perf_counter() - started) / count * 1000
    entries = BuildState(folder).entries
    started = time.perf_counter()
    for _ in range(20):  # what saving the whole state after each deck would do
        tmp = folder / "state.tmp"
        tmp.write_text(json.dumps({"files": entries}, indent=1, sort_keys=True))
        os.replace(tmp, folder / "state.json")
    return journal, (time.perf_counter() - started) / 20 * 1000


if __name__ == "__main__":
    sys.exit(main())
