"""The command line, in-process: exit codes and the exact lines users see."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashcards.cli import main
from flashcards.pipeline import sample_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_build_writes_the_sample_by_default(tmp_path: Path) -> None:
    code, out, err = run("build", "-o", str(tmp_path))
    assert code == 0, err
    decks = list(tmp_path.glob("*.apkg"))
    assert [d.name for d in decks] == ["2023-03-01-with-the-hong-kong-diploma.apkg"]
    assert out == f"{decks[0]}  (5 notes)\n"
    assert err == ""


def test_build_a_folder_builds_good_files_and_reports_bad_ones(
    tmp_path: Path, editorial_text: str
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(editorial_text, encoding="utf-8")
    (inputs / "b.txt").write_text("no glossary here\n", encoding="utf-8")
    code, _, err = run("build", str(inputs), "-o", str(tmp_path / "out"))
    assert code == 1
    assert len(list((tmp_path / "out").glob("*.apkg"))) == 1
    assert [line for line in err.splitlines() if not line.startswith("warning: ")] == [
        f"Error: {inputs / 'b.txt'}: no glossary block found; an editorial needs English "
        "paragraphs and a '■/ Glossary 生字 /' line followed by entries like 'term：definition'; "
        "other ways of marking terms are read too (see README), or give your own list with "
        "--terms FILE"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "the file holds NUL bytes: it is binary, not an editorial text file"),
        (
            "Text.\n\n■/ Glossary 生字 /\n\nterm only\n".encode(),
            "line 5: glossary entry 'term only' has no definition",
        ),
        ("Text.\n\n■/ Glossary 生字 /\n".encode(), "the glossary block is empty"),
    ],
)
def test_bad_file_is_one_error_line_and_exit_1(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = run("build", str(bad), "-o", str(tmp_path / "out"))
    assert code == 1
    assert err.startswith(f"Error: {bad}: {message}")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_missing_path(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nope.txt"))
    assert code == 1
    assert err == f"Error: {tmp_path / 'nope.txt'}: no such file or folder\n"


def test_usage_errors_exit_2() -> None:
    assert run("build", "--cards", "bogus")[0] == 2
    assert run("frobnicate")[0] == 2


def test_warnings_and_strict(tmp_path: Path) -> None:
    text = tmp_path / "e.txt"
    text.write_text(
        "The Kremlin has lent support.\n\n■/ Glossary 生字 /\n\nlend：to give\n\nseek：to look for\n",
        encoding="utf-8",
    )
    code, _, err = run("build", str(text), "-o", str(tmp_path / "out"))
    assert code == 0
    assert (
        f"warning: {text}: 'seek' was not found in the English text; its note has the definition only"
        in err.splitlines()
    )
    code, _, err = run("build", "--strict", str(text), "-o", str(tmp_path / "strict"))
    assert code == 1
    assert err.splitlines()[-1] == f"Error: {text}: 3 warning(s) with --strict; no deck written"
    assert not (tmp_path / "strict").exists()


def test_show_json_follows_the_contract(editorial_text: str, tmp_path: Path) -> None:
    path = tmp_path / "e.txt"
    path.write_text(editorial_text, encoding="utf-8")
    code, out, _ = run("show", "--json", str(path))
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"editorial", "terms", "problems"}
    assert data["editorial"]["date"] == "2021-06-18" and data["editorial"]["stamp"] == "2021-02-11"
    lend = data["terms"][0]
    assert set(lend) >= {"term", "ipa", "definition", "occurrences"}
    occ = lend["occurrences"][0]
    assert set(occ) >= {"en_sentence", "surface", "zh_sentence", "zh_equivalent", "words"}
    assert occ["surface"] == "lent"
    assert {"text": "支持", "pinyin": "zhīchí"} in occ["words"]


def test_a_words_file_keeps_its_words_whole_and_reads_them_as_given(tmp_path: Path) -> None:
    def words_of(*args: str) -> list[dict[str, str]]:
        code, out, err = run("show", "--json", *args)
        assert code == 0, err
        return [w for t in json.loads(out)["terms"] for o in t["occurrences"] for w in o["words"]]

    assert {"text": "家居環境", "pinyin": "jiājūhuánjìng"} not in words_of()
    words = tmp_path / "words.txt"
    words.write_text("# names and set phrases\n家居環境\n\n額外開支\te2 wai4 kai1 zhi1\n", "utf-8")
    got = words_of("--words", str(words))
    assert {"text": "家居環境", "pinyin": "jiājūhuánjìng"} in got
    assert {"text": "額外開支", "pinyin": "éwàikāizhī"} in got


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "陳國基 chén guó\n",
            "line 1: '陳國基 chén guó' is not a word, then one pinyin syllable per character",
        ),
        (
            "# ok\n陳國基 chen2 guo2 ji\n大灣區 大 灣 區\n",
            "line 3: '大灣區 大 灣 區' is not a word, then one pinyin syllable per character",
        ),
        ("", "the file is empty"),
    ],
)
def test_a_bad_words_file_is_one_error_line(tmp_path: Path, content: str, message: str) -> None:
    words = tmp_path / "words.txt"
    words.write_text(content, "utf-8")
    code, out, err = run("show", "--words", str(words))
    assert (code, out, err) == (1, "", f"Error: {words}: {message}\n")


@pytest.mark.parametrize(
    ("options", "pinyin"),
    [
        ((), "lǚyóuyè"),
        (("--tone-numbers",), "lü3you2ye4"),
        (("--tone-numbers", "--v-for-u"), "lv3you2ye4"),
    ],
)
def test_tone_styles_on_the_cards(tmp_path: Path, options: tuple[str, ...], pinyin: str) -> None:
    path = tmp_path / "e.txt"
    text = "Tourism is recovering.\n\n旅遊業正在復蘇。\n\n■/ Glossary 生字 /\n\nrecover：to get better\n"
    path.write_text(text, "utf-8")
    code, out, err = run("show", "--json", *options, str(path))
    assert code == 0, err
    assert json.loads(out)["terms"][0]["occurrences"][0]["words"][0]["pinyin"] == pinyin


def test_show_text_summary() -> None:
    code, out, _ = run("show")
    assert code == 0
    assert "officials [sought] the views" in out


def test_every_command_has_help() -> None:
    for command in ([], ["build"], ["show"]):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Usage:" in out and len(out.splitlines()) > 3


def test_combined_and_into_a_collection(tmp_path: Path, editorial_text: str) -> None:
    pytest.importorskip("anki.collection")
    from anki.collection import Collection

    folder = tmp_path / "Editorials 2021"
    folder.mkdir()
    (folder / "a.txt").write_text(editorial_text, encoding="utf-8")
    (folder / "b.txt").write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    collection = tmp_path / "collection.anki2"
    Collection(str(collection)).close()
    args = [
        "build",
        str(folder),
        "--combined",
        "-o",
        str(tmp_path / "out"),
        "--into",
        str(collection),
    ]
    code, out, err = run(*args)
    assert code == 0, err
    assert out.splitlines() == [
        f"{tmp_path / 'out' / 'editorials-2021.apkg'}  (8 notes)",
        f"{collection}: 8 new, 0 updated, 0 unchanged notes",
        "1 decks written (8 notes), 0 unchanged, 0 failed, 0 warnings",
    ]
    code, out, _ = run(*args)
    assert out.splitlines()[1] == f"{collection}: 0 new, 0 updated, 8 unchanged notes"


def test_into_a_missing_collection(tmp_path: Path) -> None:
    code, _, err = run("build", "-o", str(tmp_path), "--into", str(tmp_path / "none.anki2"))
    assert code == 1
    assert err == (
        f"Error: {tmp_path / 'none.anki2'}: no such Anki collection; give the path of an "
        "existing collection.anki2 (close Anki first)\n"
    )


def test_reading_options_on_the_command_line() -> None:
    code, out, _ = run("show", "--tone-numbers", "--jyutping")
    assert code == 0
    assert any(line.startswith("  JP  ") for line in out.splitlines())
    assert "kao3sheng1" in out


@pytest.mark.parametrize(
    ("folder", "name"),
    [("Editorials 2021", "editorials-2021"), ("CON", "con-deck"), ("社評", "combined")],
)
def test_combined_package_names_are_safe(tmp_path: Path, folder: str, name: str) -> None:
    from flashcards.cli import _combined_name

    (tmp_path / folder).mkdir()
    assert _combined_name([tmp_path / folder]) == name


def test_show_reads_standard_input(editorial_text: str, tmp_path: Path) -> None:
    path = tmp_path / "anything.txt"
    path.write_text(editorial_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["show", "-"], input=editorial_text.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("show", str(path))[1]
    assert result.stdout.startswith("2021-06-18-the-us-and-russia-still")


def test_build_reads_standard_input(editorial_text: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "-", "-o", str(tmp_path)], input=editorial_text.encode("utf-16")
    )
    assert result.exit_code == 0, result.stderr
    deck = tmp_path / "2021-06-18-the-us-and-russia-still.apkg"
    assert result.stdout == f"{deck}  (3 notes)\n"
    assert deck.is_file()


def test_empty_standard_input_is_one_error_line(tmp_path: Path) -> None:
    for command in (["show", "-"], ["build", "-", "-o", str(tmp_path)]):
        result = CliRunner().invoke(main, command, input=b"")
        assert result.exit_code == 1
        assert result.stderr == "Error: <stdin>: the file is empty\n"


def test_show_prints_plain_text_not_html(seed_path: Path) -> None:
    code, out, _ = run("show", str(seed_path))
    assert code == 0
    assert "měi'é" in out  # an apostrophe, not &#x27;
    assert not re.search(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);", out)
