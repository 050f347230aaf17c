"""Faults with real processes: two builds into one folder, a batch whose parent is killed,
temporary files of writers that are alive or dead. Nothing here is mocked; every wait polls
with a bounded timeout."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from flashcards.batch import JOURNAL_FILE, LOCK_FILE, STATE_FILE
from flashcards.pipeline import build_file, deck_data, sample_path

from .test_batch import build, editorials

TIMEOUT = 60.0  # seconds; only ever reached when something is wrong
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def flashcards(*args: str | Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "flashcards", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=TIMEOUT)
    return process.returncode, out, err


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


def decks(folder: Path) -> dict[str, int]:
    """Deck name → modification time (ns) of every package in the folder."""
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.apkg")}


def assert_whole(folder: Path, count: int) -> None:
    """`count` complete packages, no temporary file left, the state naming every one."""
    for package in folder.glob("*.apkg"):
        with zipfile.ZipFile(package) as z:
            assert z.testzip() is None and "collection.anki2" in z.namelist()
    assert len(decks(folder)) == count
    assert not list(folder.glob(".*.tmp"))
    state = json.loads((folder / STATE_FILE).read_text("utf-8"))["files"]
    assert sorted(entry["deck"] for entry in state.values()) == sorted(decks(folder))


def test_a_build_into_a_folder_in_use_stops_at_once_and_touches_nothing(
    tmp_path: Path,
) -> None:
    import filelock

    out = tmp_path / "out"
    assert build("-o", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with filelock.FileLock(out / LOCK_FILE, timeout=0):  # another build holds the folder
        code, stdout, stderr = finish(flashcards("build", "-o", out, "--force"))
    assert (code, stdout, stderr) == (1, "", f"Error: {out}: another build is using this folder\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_two_builds_at_once_into_one_folder_fail_no_deck(tmp_path: Path) -> None:
    editorials(tmp_path / "in", 3)
    out = tmp_path / "out"
    runs = [flashcards("build", tmp_path / "in", "-o", out) for _ in range(2)]
    results = [finish(run) for run in runs]
    busy = f"Error: {out}: another build is using this folder\n"
    for code, stdout, stderr in results:
        assert (code == 0 and "0 failed" in stdout) or (code, stdout, stderr) == (1, "", busy)
    assert any(code == 0 for code, _, _ in results)
    assert_whole(out, 3)
    code, stdout, _ = finish(flashcards("build", tmp_path / "in", "-o", out))
    assert code == 0 and stdout.splitlines()[-1].startswith("0 decks written")


WRITER = """
import sys
from pathlib import Path
from flashcards.deck import DeckData, NoteData, write_package
data = DeckData("d", tuple(NoteData(f"n{i}", {"Term": "t" * i}, ()) for i in range(200)))
print("ready", flush=True)
sys.stdin.readline()
for _ in range(int(sys.argv[2])):
    write_package([data], Path(sys.argv[1]))
"""


def test_writers_of_one_package_never_remove_each_others_temporary_files(
    tmp_path: Path,
) -> None:
    """Two processes rewriting the same package (two combined builds, say) both succeed."""
    target = tmp_path / "same.apkg"
    command = [sys.executable, "-c", WRITER, str(target), "20"]
    writers = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for writer in writers:  # both loaded: start them together
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        writer.communicate(timeout=TIMEOUT)
    assert [writer.returncode for writer in writers] == [0, 0]
    assert zipfile.ZipFile(target).testzip() is None
    assert not list(tmp_path.glob(".*.tmp"))


def test_only_temporary_files_of_dead_processes_are_cleaned_up(tmp_path: Path) -> None:
    from flashcards.deck import write_package

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    target = tmp_path / "deck.apkg"
    pid = dead.stdout.strip()
    orphans = [tmp_path / f".deck.apkg.{pid}.x1y2.tmp", tmp_path / f".other.apkg.{pid}.x_2.tmp",
               tmp_path / f".x.{'9' * 30}.abc.tmp"]  # no process could have that id  # fmt: skip
    live = tmp_path / f".deck.apkg.{os.getppid()}.x1y2.tmp"  # pytest's parent is alive
    unrelated = [tmp_path / f".deck.apkg.{pid}.tmp", tmp_path / "notes.tmp"]
    for path in (*orphans, live, *unrelated):
        path.write_bytes(b"half a deck")
    write_package([deck_data(build_file(sample_path()))], target)
    assert target.is_file() and not any(path.exists() for path in orphans)
    assert live.exists() and all(path.exists() for path in unrelated)


def test_a_folder_is_looked_at_for_orphans_once_in_a_while(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards import deck
    from flashcards.deck import write_package

    data = [deck_data(build_file(sample_path()))]
    orphan = tmp_path / f".deck.apkg.{'9' * 30}.x1y2.tmp"  # no process could have that id
    write_package(data, tmp_path / "a.apkg")
    orphan.write_bytes(b"half a deck")
    write_package(data, tmp_path / "b.apkg")  # a small folder: looked at before each deck
    assert not orphan.exists()
    monkeypatch.setattr(deck, "_LARGE", 2)  # a.apkg, b.apkg and the orphan are many
    orphan.write_bytes(b"half a deck")
    write_package(data, tmp_path / "c.apkg")
    assert not orphan.exists()
    orphan.write_bytes(b"half a deck")
    write_package(data, tmp_path / "d.apkg")  # the large folder was looked at a moment ago
    assert orphan.exists()
    monkeypatch.setattr(deck, "_SWEEP_EVERY", 0.0)
    write_package(data, tmp_path / "e.apkg")
    assert not orphan.exists()


def children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def ended(pid: int) -> bool:
    """Whether a process is gone (or a zombie: ended, not yet reaped by its new parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def lines_of(process: subprocess.Popen[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The process's stdout lines, as they come, read by a thread (it ends at their end)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return lines, reader


@linux_only
def test_a_killed_batch_leaves_no_workers_and_resumes_with_what_it_had_not_written(
    tmp_path: Path,
) -> None:
    count = 32
    editorials(tmp_path / "in", count)
    out = tmp_path / "out"
    with flashcards("build", tmp_path / "in", "-o", out, "-j", "2") as batch:
        lines, reader = lines_of(batch)
        first = lines.get(timeout=TIMEOUT)  # a first deck is written: the workers are at work
        assert first.endswith("(5 notes)\n")
        workers = children(batch.pid)
        batch.send_signal(signal.SIGKILL)
        batch.wait(TIMEOUT)
        try:
            assert len(workers) == 2
            wait_until(lambda: all(ended(pid) for pid in workers), "the workers end")
        finally:  # orphans would hold the pipe open (and live on): end them
            for pid in workers:
                if not ended(pid):
                    os.kill(pid, signal.SIGKILL)
        reader.join(TIMEOUT)  # the workers held the pipe too: it is closed now

    written = decks(out)
    assert 0 < len(written) < count
    assert (out / JOURNAL_FILE).is_file()  # recorded deck by deck, never folded in
    code, lines, stderr = build(str(tmp_path / "in"), "-o", str(out), "-j", "2")
    assert (code, stderr) == (0, "")
    rebuilt = count - len(written)
    assert lines[-1] == (
        f"{rebuilt} decks written ({5 * rebuilt} notes), {len(written)} unchanged, "
        "0 failed, 0 warnings"
    )
    assert {name: decks(out)[name] for name in written} == written  # not rewritten
    assert_whole(out, count)
    assert not (out / JOURNAL_FILE).exists()
