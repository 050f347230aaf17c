"""The teacher's desk, in-process: every route, every bad input, the upload limit, the
refusal of other origins, and previews rendered as Anki renders them."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from flashcards.cli import main
from flashcards.corrections import corrections_path, load
from flashcards.deck import TEMPLATES
from flashcards.pipeline import build_file, sample_path, write_deck
from flashcards.render import card_fields
from flashcards.web import MAX_UPLOAD, create_app
from flashcards.web.preview import furigana, note_previews, render_template

ORIGIN = "http://127.0.0.1:8731"
SAMPLE = sample_path().read_text(encoding="utf-8")


class Desk:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.client = TestClient(create_app(out), base_url=ORIGIN)
        self.token = re.search(r'name="csrf" value="([^"]+)"', self.client.get("/").text)[1]  # type: ignore[index]

    def post(self, url: str, **data: str) -> object:
        return self.client.post(url, data={"csrf": self.token, **data}, follow_redirects=False)

    def paste(self, text: str) -> str:
        response = self.post("/paste", text=text)
        assert response.status_code == 303, response.text  # type: ignore[attr-defined]
        return str(response.headers["location"]).rsplit("/", 1)[1]  # type: ignore[attr-defined]

    def correct(self, name: str, **data: str) -> None:
        response = self.post(f"/items/{name}/correct", **data)
        assert response.status_code == 303, response.text  # type: ignore[attr-defined]

    def page(self, name: str) -> str:
        return self.client.get(f"/items/{name}").text


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return Desk(tmp_path / "decks")


def notices(html: str) -> list[str]:
    return [unescape(n) for n in re.findall(r'<li class="problem">([^<]*)</li>', html)]


def test_pasted_sample_shows_the_deck_and_its_previews(desk: Desk) -> None:
    name = desk.paste(SAMPLE)
    assert (desk.out / "desk" / name).read_text(encoding="utf-8") == SAMPLE
    html = desk.page(name)
    assert html.count('<article class="term"') == 5
    assert '<dd id="date">2023-03-01</dd>' in html
    assert '<dd id="form">glossary (5 terms)</dd>' in html  # the form the readers found
    assert "圖書館延長開放 為考生添溫習空間" in html
    assert "Many of them live in <b>cramped</b> flats" in html
    # the Chinese sentence with ruby pinyin, the equivalent highlighted
    assert '<span class="equiv"><ruby><rb>狹小</rb><rt><span class="tone2">xiá</span>' in html
    # every term has a context; "cater for" has no Chinese equivalent, so no Chinese card
    assert html.count('class="card-preview front"') == 14
    assert html.count('class="no-card"') == 1
    assert "warning: the editorial has no audio line" not in html


def test_previews_equal_what_anki_renders(tmp_path: Path) -> None:
    from .conftest import AnkiCollection

    result = build_file(sample_path())
    deck, _ = write_deck(result, tmp_path)
    col = AnkiCollection(tmp_path).col
    try:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
        )
        compared = 0
        for card in result.cards:
            ours = {
                p.name: p
                for p in note_previews(card_fields(card), ("recognition", "context", "chinese"))
            }
            term = card.entry.term
            for cid in col.find_cards(f'"Term:{term}"'):
                anki_card = col.get_card(cid)
                rendered = anki_card.render_output()
                preview = ours[anki_card.template()["name"]]
                assert _plays(preview.front) == _plays(rendered.question_text)
                assert _plays(preview.back) == _plays(rendered.answer_text)
                compared += 1
            made = sum(p.made for p in ours.values())
            assert made == len(col.find_cards(f'"Term:{term}"'))
        assert compared == 14
    finally:
        col.close()


def _plays(html: str) -> str:
    """Anki's reviewer shows a play button for each `{{tts}}`: compare them as one."""
    html = re.sub(r"\[anki:tts[^\]]*\].*?\[/anki:tts\]", "▶", html)
    return re.sub(r"\[anki:play:[qa]:\d+\]", "▶", html)


@pytest.mark.parametrize(
    ("template", "fields", "html"),
    [
        ("{{#A}}yes{{/A}}{{^A}}no{{/A}}", {"A": " <br> "}, "no"),
        ("{{#A}}{{#B}}both{{/B}}{{/A}}", {"A": "x", "B": "y"}, "both"),
        (
            "{{furigana:R}}",
            {"R": " 南轅[nán yuán]北轍"},
            "<ruby><rb>南轅</rb><rt>nán yuán</rt></ruby>北轍",
        ),
        ("{{tts en_GB:T}}", {"T": "seek"}, "[anki:tts lang=en_GB]seek[/anki:tts]"),
    ],
)
def test_template_rules_as_anki_has_them(template: str, fields: dict[str, str], html: str) -> None:
    assert render_template(template, fields) == html


def test_furigana_leaves_sound_tags() -> None:
    assert furigana("x[sound:a.mp3]") == "x[sound:a.mp3]"


def test_templates_are_the_note_types_own() -> None:
    assert [t["name"] for t in TEMPLATES] == ["Recognition", "Context", "Chinese → English"]


# --- corrections through the desk -----------------------------------------------------------


def test_corrections_are_saved_beside_the_input_and_the_cli_makes_the_same_deck(
    desk: Desk,
) -> None:
    name = desk.paste(SAMPLE)
    desk.correct(name, action="remove", term="seek")
    desk.correct(name, action="define", term="cramped", definition="too small <b>inside</b>")
    desk.correct(name, action="add", term="trial scheme", definition="", gloss="試驗計劃")
    desk.correct(name, action="first", term="cramped",
                 sentence="For students from cramped homes, it offers the space and quiet they need to learn.")  # fmt: skip
    desk.correct(name, action="word", word="自修室", pinyin="zì xiū shì")
    desk.correct(name, action="options", cards="recognition", jyutping="on")
    source = desk.out / "desk" / name
    saved = load(source)
    assert saved.remove == ("seek",)
    assert saved.cards == ("recognition",)
    html = desk.page(name)
    assert "Remove “seek”" not in html
    assert 'value="too small &lt;b&gt;inside&lt;/b&gt;"' in html
    assert html.index("For students from <b>cramped</b>") < html.index(
        "Many of them live in <b>cramped</b>"
    )
    assert re.search(
        r'<span class="equiv"><ruby><rb>試驗</rb>(?:(?!</span></span>).)*<rb>計劃</rb>', html
    )
    assert '<rb>自修室</rb><rt><span class="tone4">zì</span>' in html
    assert html.count('class="card-preview front"') == 5  # recognition only

    response = desk.post(f"/items/{name}/deck.apkg")
    assert response.status_code == 200  # type: ignore[attr-defined]
    downloaded = response.content  # type: ignore[attr-defined]
    deck = desk.out / "2023-03-01-with-the-hong-kong-diploma.apkg"
    assert downloaded == deck.read_bytes()
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(desk.out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{deck}  (5 notes)\n"
    assert deck.read_bytes() == downloaded  # same content: every note kept its time


def test_a_bad_pinyin_is_one_line_and_nothing_changes(desk: Desk) -> None:
    name = desk.paste(SAMPLE)
    response = desk.post(f"/items/{name}/correct", action="word", word="自修室", pinyin="zi")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert notices(response.text) == [  # type: ignore[attr-defined]
        "自修室 zi: '自修室 zi' is not a word, then one pinyin syllable per character"
    ]
    assert not corrections_path(desk.out / "desk" / name).exists()


def test_a_hand_broken_corrections_file_is_shown_and_kept(desk: Desk) -> None:
    name = desk.paste(SAMPLE)
    broken = corrections_path(desk.out / "desk" / name)
    broken.write_text("remove = seek\n", encoding="utf-8")
    html = desk.page(name)
    assert f"Error: {broken}: the corrections are not valid TOML" in html
    response = desk.post(f"/items/{name}/correct", action="remove", term="cramped")
    assert response.status_code == 409  # type: ignore[attr-defined]
    assert broken.read_text(encoding="utf-8") == "remove = seek\n"


# --- bad input --------------------------------------------------------------------------------


def test_empty_paste_is_the_clis_line_and_keeps_nothing(desk: Desk) -> None:
    response = desk.post("/paste", text="  \n ")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert notices(response.text) == ["pasted text: the file is empty"]  # type: ignore[attr-defined]
    assert not (desk.out / "desk").exists()


def test_text_without_marked_terms_stays_and_says_how_to_add_terms(desk: Desk) -> None:
    plain = SAMPLE.split("■/ Glossary")[0]
    name = desk.paste(plain)
    path = desk.out / "desk" / name
    html = desk.page(name)
    assert (
        f"Error: {path}: no glossary block found; an editorial needs English paragraphs and a "
        "&#39;■/ Glossary 生字 /&#39; line followed by entries like &#39;term：definition&#39;"
    ) in html
    assert "add them below" in html and "Add term" in html
    desk.correct(name, action="add", term="cramped", definition="too small", gloss="")
    html = desk.page(name)
    assert html.count('<article class="term"') == 1
    assert "Many of them live in <b>cramped</b> flats" in html


def upload(desk: Desk, files: list[tuple[str, bytes]], encoding: str = "") -> object:
    return desk.client.post(
        "/upload",
        data={"csrf": desk.token, "encoding": encoding},
        files=[("files", (n, b, "application/octet-stream")) for n, b in files],
    )


def test_upload_keeps_good_files_and_names_each_bad_one(desk: Desk) -> None:
    response = upload(desk, [
        ("good.txt", SAMPLE.encode("utf-8")),
        ("binary.txt", b"\x00\x01\x02binary"),
        ("empty.txt", b""),
        ("notes.pdf", b"%PDF-1.4"),
    ])  # fmt: skip
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert notices(response.text) == [  # type: ignore[attr-defined]
        "binary.txt: the file holds NUL bytes: it is binary, not an editorial text file",
        "empty.txt: the file is empty",
        "notes.pdf: not a .txt or .html file",
    ]
    assert sorted(p.name for p in (desk.out / "desk").iterdir()) == ["good.txt"]
    assert '<a href="/items/good.txt">good.txt</a>' in response.text  # type: ignore[attr-defined]


def test_upload_with_an_unknown_or_wrong_encoding(desk: Desk) -> None:
    big5 = SAMPLE.encode("big5hkscs", errors="xmlcharrefreplace")  # as Big5 pages keep IPA
    response = upload(desk, [("big5.txt", big5)], encoding="klingon")
    assert notices(response.text) == [  # type: ignore[attr-defined]
        "big5.txt: unknown encoding 'klingon'; try utf-8, big5hkscs or gb18030"
    ]
    for codec in ("hex", "base64", "rot13"):  # codecs, but not of text
        response = upload(desk, [("big5.txt", big5)], encoding=codec)
        assert response.status_code == 400  # type: ignore[attr-defined]
        assert notices(response.text) == [  # type: ignore[attr-defined]
            f"big5.txt: unknown encoding {codec!r}; try utf-8, big5hkscs or gb18030"
        ]
    response = upload(desk, [("big5.txt", big5)], encoding="ascii")
    assert notices(response.text)[0].startswith("big5.txt: cannot decode the file as ascii")  # type: ignore[attr-defined]
    response = upload(desk, [("big5.txt", big5)], encoding="big5hkscs")
    assert response.status_code == 200  # type: ignore[attr-defined]
    saved = desk.out / "desk" / "big5.txt"
    assert saved.read_text(encoding="utf-8").startswith(" date 2023-03-02")


def test_uploaded_names_never_leave_the_desk_folder(desk: Desk) -> None:
    response = upload(desk, [("../../evil.txt", SAMPLE.encode())])
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert [p.name for p in (desk.out / "desk").iterdir()] == ["evil.txt"]
    assert not (desk.out.parent / "evil.txt").exists()
    assert desk.client.get("/items/..%2F..%2Fevil.txt").status_code == 404


def test_upload_past_the_limit_is_refused_with_a_clear_message(desk: Desk) -> None:
    big = b"a" * (MAX_UPLOAD + 1)
    response = upload(desk, [("big.txt", big)])
    assert response.status_code == 413  # type: ignore[attr-defined]
    assert re.search(  # type: ignore[attr-defined]
        r"Error: the upload is 10\.\d MB; the desk takes at most 10 MB at a time", response.text
    )
    assert not (desk.out / "desk").exists()


def test_another_origin_cannot_build_or_write(desk: Desk) -> None:
    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"}):
        response = desk.client.post(
            "/paste", data={"csrf": desk.token, "text": SAMPLE}, headers=headers
        )
        assert response.status_code == 403
        assert "Error: refused: a page from" in response.text
    no_token = desk.client.post("/paste", data={"text": SAMPLE})
    assert no_token.status_code == 403
    assert "the form is not from this desk" in no_token.text
    wrong_host = desk.client.get("/", headers={"host": "evil.example"})
    assert wrong_host.status_code == 400
    assert not (desk.out / "desk").exists()
    assert not list(desk.out.glob("*.apkg")) if desk.out.exists() else True


def test_every_field_is_escaped(desk: Desk) -> None:
    text = SAMPLE.replace("seek：", "<script>alert(1)</script>：").replace(
        "to ask sb for sth", "<img src=x onerror=alert(2)>"
    )
    name = desk.paste(text)
    html = desk.page(name)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_combined_download_and_one_failing_item(desk: Desk) -> None:
    desk.paste(SAMPLE)
    desk.paste("Just a line of English, no glossary.")
    home = desk.client.get("/").text
    assert home.count('<li class="item') == 2
    assert "no glossary block found" in home
    response = desk.post("/combined.apkg")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.content[:2] == b"PK"  # type: ignore[attr-defined]
    assert (desk.out / "desk-combined.apkg").is_file()


def test_unknown_item_and_import_without_a_collection(desk: Desk) -> None:
    assert desk.client.get("/items/nothing.txt").status_code == 404
    name = desk.paste(SAMPLE)
    assert desk.post(f"/items/{name}/import").status_code == 404  # type: ignore[attr-defined]


def test_import_into_a_closed_collection(tmp_path: Path) -> None:
    from .conftest import AnkiCollection

    collection = AnkiCollection(tmp_path)
    collection.col.close()
    client = TestClient(create_app(tmp_path / "decks", into=tmp_path / "collection.anki2"),
                        base_url=ORIGIN)  # fmt: skip
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)[1]  # type: ignore[index]
    location = client.post("/paste", data={"csrf": token, "text": SAMPLE},
                           follow_redirects=False).headers["location"]  # fmt: skip
    response = client.post(location + "/import", data={"csrf": token})
    assert response.status_code == 200
    assert "collection.anki2: 5 new, 0 updated, 0 unchanged notes" in response.text


def test_a_problem_is_shown_beside_its_term(desk: Desk) -> None:
    name = desk.paste(SAMPLE)
    desk.correct(name, action="add", term="zebra crossing", definition="", gloss="")
    html = desk.page(name)
    article = html[html.index('data-term="zebra crossing"') :]
    article = article[: article.index("</article>")]
    assert (
        "warning: &#39;zebra crossing&#39; was not found in the English text; its note has "
        "the definition only"
    ) in article
    assert article.count('class="card-preview front"') == 1  # recognition only: no context


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flashcards", "serve", "--port", "0", "--no-browser", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_serve_prints_its_address_first_and_serves(tmp_path: Path) -> None:
    server = serve("-o", str(tmp_path / "decks"))
    try:
        assert server.stdout is not None
        address = server.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", address)
        with urllib.request.urlopen(address, timeout=30) as response:
            assert "Bring text in" in response.read().decode()
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
        assert server.stdout is not None
        server.stdout.close()
    assert "warning" not in err


def test_serve_on_another_host_warns(tmp_path: Path) -> None:
    server = serve("--host", "0.0.0.0", "-o", str(tmp_path / "decks"))
    try:
        assert server.stdout is not None and server.stderr is not None
        assert server.stdout.readline().startswith("http://0.0.0.0:")
        assert server.stderr.readline().startswith(
            "warning: the desk listens on 0.0.0.0: anyone who can reach this machine can use it"
        )
    finally:
        server.terminate()
        server.communicate(timeout=20)


def test_a_corrected_deck_updates_the_notes_a_learner_has(desk: Desk, tmp_path: Path) -> None:
    from .conftest import AnkiCollection

    name = desk.paste(SAMPLE)
    assert name == "2023-03-01-with-the-hong-kong-diploma.txt"  # named as its deck
    first = tmp_path / "first.apkg"
    first.write_bytes(desk.post(f"/items/{name}/deck.apkg").content)  # type: ignore[attr-defined]
    desk.correct(name, action="define", term="seek", definition="to look for")
    second = tmp_path / "second.apkg"
    second.write_bytes(desk.post(f"/items/{name}/deck.apkg").content)  # type: ignore[attr-defined]
    collection = AnkiCollection(tmp_path)
    try:
        assert len(collection.import_package(first).new) == 5
        log = collection.import_package(second)
        assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 1, 4)
        assert collection.notes_by_term()["seek"]["Definition"] == "to look for"  # type: ignore[index]
    finally:
        collection.col.close()


def test_a_txt_and_an_html_of_one_name_get_their_own_corrections(desk: Desk) -> None:
    response = upload(desk, [("lesson.txt", SAMPLE.encode()), ("lesson.html", SAMPLE.encode())])
    assert response.status_code == 200  # type: ignore[attr-defined]
    names = sorted(p.name for p in (desk.out / "desk").iterdir())
    assert names == ["lesson-2.html", "lesson.txt"]  # lesson.corrections.toml is one file
    desk.correct("lesson.txt", action="remove", term="seek")
    assert load(desk.out / "desk" / "lesson.txt").remove == ("seek",)
    assert load(desk.out / "desk" / "lesson-2.html").remove == ()


def test_no_page_of_the_desk_can_be_framed_by_another(desk: Desk) -> None:
    for response in (desk.client.get("/"), desk.client.get("/items/none.txt")):
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'"


def test_served_beyond_this_machine_only_its_own_names_are_hosts(tmp_path: Path) -> None:
    from flashcards.web.server import machine_names

    names = machine_names("0.0.0.0")
    assert "*" not in names and "0.0.0.0" not in names
    client = TestClient(create_app(tmp_path, hosts=names), base_url="http://rebind.example")
    assert client.get("/").status_code == 400  # a name made to point here (DNS rebinding)


def test_a_deck_the_desk_writes_is_built_again_by_the_next_cli_build(desk: Desk) -> None:
    name = desk.paste(SAMPLE)
    args = ["build", str(desk.out / "desk"), "-o", str(desk.out), "--tone-numbers"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, args).stdout.endswith("(unchanged)\n")
    assert desk.post(f"/items/{name}/deck.apkg").status_code == 200  # type: ignore[attr-defined]
    # the desk wrote the deck with its own options: the build's record of it no longer holds
    rebuilt = CliRunner().invoke(main, args)
    assert rebuilt.exit_code == 0 and rebuilt.stdout.endswith("(5 notes)\n"), rebuilt.stdout
