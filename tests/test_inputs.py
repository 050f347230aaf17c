"""Any file a user throws at it: encodings, saved web pages, bad input, nothing lost."""

from __future__ import annotations

import html
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from flashcards import deck as deck_module
from flashcards.cli import main
from flashcards.errors import InputError, OutputError
from flashcards.inputs import MAX_BYTES, decode, read_text
from flashcards.pipeline import build_file, sample_path, write_deck
from flashcards.render import result_dict

from .conftest import SEED

EDITORIALS = [sample_path(), SEED]


def notes(path: Path, encoding: str | None = None) -> list[dict[str, Any]]:
    return result_dict(build_file(path, encoding=encoding))["terms"]


@pytest.mark.parametrize("source", EDITORIALS, ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "big5hkscs", "gb18030"])
def test_every_encoding_gives_the_same_notes(source: Path, encoding: str, tmp_path: Path) -> None:
    if not source.exists():
        pytest.skip(f"{source} is absent")
    text = source.read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    # What Big5 cannot hold (IPA), a saved page keeps as numeric character references
    copy.write_bytes(text.replace("\n", "\r\n").encode(encoding, errors="xmlcharrefreplace"))
    forced = "utf-16-le" if encoding == "utf-16-le" else None  # no BOM: nothing to detect by
    assert notes(copy, forced) == notes(source)


def test_big5_is_read_as_big5_hkscs() -> None:
    # 𥄫 (U+2512B) exists in HKSCS only
    data = "Text 𥄫.\n\n■/ Glossary 生字 /\n\nterm：釋義\n".encode("big5hkscs")
    assert "𥄫" in decode(data, "big5")
    assert "𥄫" in decode(data)


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"", None, "the file is empty"),
        (b"  \n\n ", None, "the file is empty"),
        (b"abc\x00def", None, "NUL bytes"),
        (bytes(range(1, 32)) * 20, None, "binary"),
        (b"text", "klingon", "unknown encoding 'klingon'"),
        ("中文".encode("utf-16-le"), "utf-8", "cannot decode the file as utf-8 \\(byte 2\\)"),
    ],
)
def test_undecodable_bytes(data: bytes, encoding: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, encoding)


def saved_page(text: str) -> str:
    """The editorial as a news site would serve it: chrome, scripts, one <p> a paragraph."""
    paragraphs = "".join(
        f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>\n" for p in text.split("\n\n")
    )
    return f"""<!doctype html><html><head><title>明報新聞網</title>
<style>p {{ margin: 0 }}</style><script>var x = "■/ Glossary 生字 /";</script></head>
<body><nav><ul><li>首頁</li><li>要聞</li><li>English</li></ul></nav>
<div class="menu">即時新聞 | 每日明報 | 副刊</div>
<div id="main"><h1>英語社評</h1><article class="txt">{paragraphs}</article></div>
<footer>© 明報網站 All rights reserved. Privacy policy.</footer></body></html>"""


@pytest.mark.parametrize("source", EDITORIALS, ids=lambda p: p.name)
def test_saved_web_page_gives_the_same_notes(source: Path, tmp_path: Path) -> None:
    if not source.exists():
        pytest.skip(f"{source} is absent")
    page = tmp_path / "page.html"
    page.write_text(saved_page(source.read_text(encoding="utf-8")), encoding="utf-8")
    assert notes(page) == notes(source)
    assert "首頁" not in read_text(page) and "rights reserved" not in read_text(page)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def test_folder_given_as_a_file(tmp_path: Path) -> None:
    code, err = run("show", str(tmp_path))
    assert (code, err) == (1, f"Error: {tmp_path}: is a folder, not a file\n")


def test_folder_without_editorials(tmp_path: Path) -> None:
    code, err = run("build", str(tmp_path))
    assert code == 1
    assert err == f"Error: {tmp_path}: the folder holds no .txt or .html editorial files\n"


def test_enormous_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (MAX_BYTES + 1))
    code, err = run("build", str(big), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.startswith(f"Error: {big}: the file is 5120 kB, too big for an editorial")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, err = run("build", "-o", str(blocker / "decks"))
    assert code == 1
    assert err == (
        f"Error: {blocker / 'decks'}: cannot create the output folder (Not a directory); "
        "choose another with -o\n"
    )


def test_duplicated_term_is_one_note_and_a_warning(tmp_path: Path) -> None:
    text = tmp_path / "dup.txt"
    text.write_text(
        "The Kremlin has lent support.\n\n■/ Glossary 生字 /\n\nlend：to give\n\nlend：to provide\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["show", "--json", str(text)])
    assert result.exit_code == 0
    assert f"warning: {text}: 'lend' is in the glossary twice; definitions merged" in result.stderr
    terms = result_dict(build_file(text))["terms"]
    assert [(t["term"], t["definition"]) for t in terms] == [("lend", "to give; to provide")]


def test_failed_write_leaves_the_existing_deck_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = build_file(sample_path())
    deck, _ = write_deck(result, tmp_path)
    before = deck.read_bytes()

    def disk_full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(deck_module, "_add", disk_full)
    changed = type(result)(result.editorial, result.cards[1:], result.problems)
    with pytest.raises(OutputError, match="No space left on device"):
        write_deck(changed, tmp_path)
    assert deck.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [deck.name]  # no temp file left


KILLED_WRITER = """
import sys, time
from pathlib import Path
from flashcards import deck
from flashcards.pipeline import build_file, sample_path, write_deck

real_add = deck._add
def slow_add(z, name, data):
    real_add(z, name, data[: len(data) // 2])
    print("writing", flush=True)
    time.sleep(60)  # killed here, half-way through the package
deck._add = slow_add
result = build_file(sample_path())
write_deck(type(result)(result.editorial, result.cards[1:], result.problems), Path(sys.argv[1]))
"""


def test_a_killed_build_leaves_the_existing_deck_untouched(tmp_path: Path) -> None:
    deck, _ = write_deck(build_file(sample_path()), tmp_path)
    before = deck.read_bytes()
    command = [sys.executable, "-c", KILLED_WRITER, str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
        writer.send_signal(signal.SIGKILL)
    assert deck.read_bytes() == before
    assert list(tmp_path.glob(f".{deck.name}.*.tmp"))  # the killed run's half-written file
    write_deck(build_file(sample_path()), tmp_path)  # the next build clears it away
    assert sorted(p.name for p in tmp_path.iterdir()) == [deck.name]
