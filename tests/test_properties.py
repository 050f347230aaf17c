"""Property tests: whatever the input, only the project's own error escapes; no sentence is
lost or duplicated; every card field is escaped HTML holding only the markup we add."""

from __future__ import annotations

import contextlib
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.alignment import align_editorial
from flashcards.editorial import parse_editorial
from flashcards.errors import FlashcardsError, InputError
from flashcards.inputs import decode, html_to_text
from flashcards.pipeline import build
from flashcards.render import card_fields

RUNS = settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))

WORDS = ["lend", "lent", "support", "the", "US", "G8", "3.5", "plumbing", "depths", "of", "new",
         "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&amp;", "''quote''",
         "Mr.", "i.e.,", "kicked", "Russia", "out", "take", "into", "account", "[x]", "{{Term}}"]  # fmt: skip
HAN = "美俄關係沒有最壞只有更壞克宮支持南轅北轍一不得着歴「」，。！？<>&[]"
TERMS = ["lend", "plumb the depths of sth", "kick sb out", "take sth into account", "divergent",
         "<b>bold</b>", "a/b", "(be) on"]  # fmt: skip

english = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(
    lambda ws: " ".join(ws) + "."
)
chinese = st.text(alphabet=HAN, min_size=1, max_size=40)
entry = st.tuples(st.sampled_from(TERMS), st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))


@st.composite
def editorials(draw: st.DrawFn) -> str:
    en = draw(st.lists(english, min_size=1, max_size=4))
    zh = draw(st.lists(chinese, max_size=4))
    glossary = draw(st.lists(entry, min_size=1, max_size=4))
    title = draw(
        st.sampled_from(["", "明報社評 2021.06.18：標題\n\n", "Editorial : A <b> title\n\n"])
    )
    lines = [f"{term}：{' '.join(definition)}" for term, definition in glossary]
    return (
        title + "\n\n".join(en) + "\n\n" + "\n\n".join(zh)
        + "\n\n■/ Glossary 生字 /\n\n" + "\n\n".join(lines)
        + draw(st.sampled_from(["", "\n\n■英語社評聲檔：link.mingpao.com/1.htm", "\n\n■英語社評聲檔：<a>"]))
    )  # fmt: skip


ALLOWED = {"b": set(), "div": {"class"}, "span": {"class"}, "br": set(), "a": {"href"}}
CLASSES = {"ex", "zh", "equiv", "blank", *(f"tone{t}" for t in range(1, 6))}


class MarkupChecker(HTMLParser):
    """Collects every tag and attribute a field holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}>")
            return
        for name, value in attrs:
            if name not in ALLOWED[tag]:
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "class" and value not in CLASSES:
                self.problems.append(f"class {value}")
            elif name == "href" and not (value or "").startswith("https://"):
                self.problems.append(f"href {value}")


def assert_safe(field: str) -> None:
    checker = MarkupChecker()
    checker.feed(field)
    checker.close()
    assert not checker.problems, (checker.problems, field)


@RUNS
@given(st.binary(max_size=400))
def test_decoding_any_bytes_raises_only_input_errors(data: bytes) -> None:
    with contextlib.suppress(InputError):
        decode(data)


def builds_safe_fields_or_fails_cleanly(text: str) -> None:
    try:
        result = build(text, "x.txt")
    except FlashcardsError:
        return
    for card in result.cards:
        for value in card_fields(card).values():
            assert_safe(value)


@RUNS
@given(st.text(max_size=400))
def test_any_text_builds_or_raises_only_our_error(text: str) -> None:
    builds_safe_fields_or_fails_cleanly(text)


@RUNS
@given(editorials())
def test_editorials_give_safe_fields(text: str) -> None:
    builds_safe_fields_or_fails_cleanly(text)


@RUNS
@given(editorials())
def test_no_sentence_is_lost_or_duplicated(text: str) -> None:
    try:
        ed = parse_editorial(text, "x.txt")
    except FlashcardsError:
        return
    sentences, beads = align_editorial(ed.en_paragraphs, ed.zh_paragraphs)
    joined = "".join("".join(s.text for s in sentences).split())
    assert joined == "".join("".join(ed.en_paragraphs).split())
    in_beads = [(s.paragraph, s.index) for bead in beads for s in bead.en]
    assert sorted(in_beads) == sorted((s.paragraph, s.index) for s in sentences)


@RUNS
@given(st.text(max_size=400))
def test_any_page_reduces_to_text(page: str) -> None:
    assert isinstance(html_to_text(page), str)
