"""The installed package as a user gets it: the console script at a real terminal, every import
declared as a dependency, and the types checked in the environment the tests run in."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_batch import editorials

BIN = Path(sys.executable).parent


def run_on_terminal(argv: list[str], timeout: float = 240) -> tuple[int, str]:
    """Run `argv` with stdin, stdout and stderr on a new pseudo-terminal of 100 x 30; return
    its exit code and everything it wrote to the terminal."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        argv, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal closes (EIO) once the process is gone
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        else:
            pytest.fail(f"{argv[0]} did not end within {timeout} s")
        return process.wait(timeout=30), output.decode("utf-8", "replace")
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)


def test_a_batch_at_a_terminal_draws_its_progress_bar_and_builds_every_deck(
    tmp_path: Path,
) -> None:
    script = BIN / "flashcards"
    if not script.exists():
        pytest.skip(f"no installed console script at {script} (install the package with pip)")
    editorials(tmp_path / "in", 3)
    out = tmp_path / "out"
    code, screen = run_on_terminal([str(script), "build", str(tmp_path / "in"), "-o", str(out)])
    assert code == 0, screen
    assert "Traceback" not in screen
    assert "building decks" in screen  # rich's bar, which a file or a pipe never gets
    assert "3 decks written (15 notes), 0 unchanged, 0 failed, 0 warnings" in screen
    assert len(list(out.glob("*.apkg"))) == 3


def test_every_import_is_a_declared_dependency_and_every_dependency_is_used() -> None:
    if shutil.which("deptry", path=str(BIN)) is None:
        pytest.skip("deptry is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [str(BIN / "deptry"), "flashcards"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_type_checks_in_this_environment() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
