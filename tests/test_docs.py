"""The README's Quick start is current: two commands, the second is what CI runs."""

from __future__ import annotations

import re

from .conftest import ROOT


def quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# flashcards\n\n## Quick start\n")
    block = re.search(r"## Quick start\n\n```\n(.*?)```", readme, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_quick_start_has_two_commands() -> None:
    commands = quick_start()
    assert len(commands) == 2
    assert commands[0].endswith("flashcards build")


def test_ci_runs_the_second_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci.splitlines()
