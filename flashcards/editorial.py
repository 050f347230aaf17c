"""Raw bilingual text → `Editorial`.

Ming Pao's English-editorial layout: English paragraphs, the Chinese title line and
paragraphs, the glossary block (`■/ Glossary 生字 /`), the audio line (`■英語社評聲檔：…`).
Other pages mark their terms in other ways (inline glosses, lists, footnotes): the readers
of `flashcards.readers` find them, and the lines that only mark terms (a list's entries, a
notes block) are left out of the text. Real pages add noise that is removed here: a crawl
stamp ` date YYYY-MM-DD ` glued to the first line, `Editorial : Title` lines, `【明報專訊】`,
CRLF line ends and a byte-order mark.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import PurePath

from .errors import InputError
from .models import DEFAULT_MARKS, Editorial, MarkOptions
from .readers import clean_line, merge_marked, read_marked
from .readers._shapes import HAN_CLASS, is_chinese, is_han, prose_is_chinese
from .readers.glossary import HEADER, MING_PAO_HEADER

__all__ = ["editorial_id", "is_chinese", "is_han", "normalise_text", "parse_editorial", "slugify"]

MING_PAO_ROOT = "Ming Pao Editorials"
GENERIC_ROOT = "Flashcards"
NO_TERMS = (
    "no glossary block found; an editorial needs English paragraphs and a '■/ Glossary 生字 /' "
    "line followed by entries like 'term：definition'; other ways of marking terms are read "
    "too (see README), or give your own list with --terms FILE"
)
_AUDIO = re.compile(r"^\s*■\s*英語社評聲檔\s*[：:]\s*(\S*)")
# A web address as the audio line gives it: `link.mingpao.com/53000.htm`, or with https://
_URLISH = re.compile(r"^(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[\w./%?=&#~+-]*)?$")
_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_EDITORIAL_TITLE = re.compile(r"^editorial\s*[:：]\s*(.+)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_ZH_TITLE_DATE = re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})")
_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SOURCE_MARK = re.compile(r"^【[^】]{1,10}】\s*")
# a Chinese label before an English line: `新聞標題:Under Biden, …`, `例句：…`
_CHINESE_LABEL = re.compile(rf"^[{HAN_CLASS}]{{1,6}}\s*[:：]\s*(?=[A-Za-z\"“‘'])")
_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
# C0/C1 control characters other than tab and line feed, and Unicode non-characters
_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SENTENCE_END = re.compile(r"[.!?。！？﹖﹗][\"'”’」』)）]*$")


def normalise_text(raw: str) -> str:
    """Drop a byte-order mark and stray control characters, unify line ends, and resolve
    numeric character references (`&#601;` → `ə`: pages saved in Big5 keep what Big5 cannot
    hold that way). Rejects text holding NUL characters."""
    if "\x00" in raw:
        raise InputError("the file holds NUL bytes: it is binary, not an editorial text file")
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "&#" in text:
        text = _NUMERIC_REF.sub(_referenced_char, text)
    return _undo_pdf_extraction(_CONTROLS.sub("", text))


# What text copied from a PDF can hold: bold words with every letter twice
# (`ttaaiizziiddaanngg`), and a word hyphenated at a line end written twice with a double
# hyphen (`part part--time`, `good good--for for--nothing`).
_DOUBLED_LETTERS = re.compile(r"(?<![A-Za-z])(?:([A-Za-z])\1){4,}(?![A-Za-z])")
# what every such word holds: a quicker search (twice as fast) than the one above
_DOUBLED_RUN = re.compile(r"([A-Za-z])\1([A-Za-z])\2([A-Za-z])\3([A-Za-z])\4")
_BROKEN_HYPHEN = re.compile(r"\b([A-Za-z]+) \1--(?=[A-Za-z])")
_DOUBLE_HYPHEN = re.compile(r"(?<=[A-Za-z])--(?=[A-Za-z])")


def _undo_pdf_extraction(text: str) -> str:
    """Bold words once; broken hyphenated words whole. Where the text shows the broken form
    (`part part--time`), every `--` between letters is such a hyphen (`deep--rooted`);
    elsewhere it may be a dash (`the plan--if it works--will`), and stays."""
    if _DOUBLED_RUN.search(text):
        text = _DOUBLED_LETTERS.sub(lambda m: m.group()[::2], text)
    if "--" not in text:
        return text  # no hyphen of either kind
    broken = _BROKEN_HYPHEN.sub(r"\1-", text)
    return _DOUBLE_HYPHEN.sub("-", broken) if broken != text else text


def _referenced_char(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    valid = 0 < code < 0x110000 and not 0xD800 <= code < 0xE000
    return chr(code) if valid and unicodedata.category(chr(code)) != "Cc" else m.group()


def parse_editorial(
    raw: str, source: str = "<text>", *, marks: MarkOptions = DEFAULT_MARKS
) -> Editorial:
    """Split an editorial's text into its sections, and read its marked terms.

    Args:
        raw: the file's decoded text.
        source: the file's path, used for messages, the id fallback and the date fallback.
        marks: which reader to use (else every one that finds terms), and a teacher's list.

    Raises:
        InputError: no marked terms (and no list given), a block that cannot be read, or no
            text.
    """
    try:
        return _parse(normalise_text(raw), source, marks)
    except InputError as err:
        raise err.at(source) from None


def _parse(text: str, source: str, marks: MarkOptions) -> Editorial:
    if not text.strip():
        raise InputError(f"the file is empty; {NO_TERMS.partition('; ')[2]}")
    lines = text.split("\n")
    try:
        marked = read_marked(text, marks.form)
    except InputError:
        if not (marks.terms_only and marks.terms):
            raise
        marked = read_marked("")  # the page's marks are not wanted: a broken block is no matter
    forms = marked.forms
    glossary = () if marks.terms_only else marked.terms
    if marks.terms:
        glossary = merge_marked((*glossary, *marks.terms))
        forms = (*(() if marks.terms_only else forms), ("terms", len(marks.terms)))
    elif marks.terms_only:
        raise InputError("--terms-only needs a term list: give it with --terms FILE")
    if not glossary:
        raise InputError(NO_TERMS)
    audio = None
    end = len(lines)
    for i, line in enumerate(lines):
        if m := _AUDIO.match(line):
            audio = m.group(1) if _URLISH.match(m.group(1)) else None
            end = min(end, i)
            break
    # the text ends where a glossary block starts; a `Vocabulary` header over a list that
    # the glossary reader left to the list reader is only a line of the page
    header = next((i for i, line in enumerate(lines[:end]) if _is_header(line)), None)
    if header is not None and (
        MING_PAO_HEADER.match(lines[header]) or "glossary" in dict(marked.forms)
    ):
        end = header

    stamp = None
    body_lines = [
        "" if i + 1 in marked.lines or i == header else clean_line(line)
        for i, line in enumerate(lines[:end])
    ]
    m = _STAMP.match(body_lines[0]) if body_lines else None
    if m:
        stamp = m.group(1)
        body_lines[0] = body_lines[0][m.end() :]

    title_en = title_zh = date = None
    en: list[str] = []
    zh: list[str] = []
    for unit in _units(body_lines):
        if prose_is_chinese(unit):
            if not zh and title_zh is None and _is_title(unit):
                title_zh, date = _chinese_title(unit)
            else:
                zh.extend(_flattened(_despaced(unit)))
            continue
        if not en:
            if m := _DATE_LINE.match(unit):
                day, month, year = (int(g) for g in m.groups())
                date = f"{year + 2000 if year < 100 else year:04d}-{month:02d}-{day:02d}"
                continue
            if m := _EDITORIAL_TITLE.match(unit):
                title_en = m.group(1).strip()
                continue
            if title_en is None and _is_title(unit):
                title_en = unit
                continue
            unit = _SOURCE_MARK.sub("", unit)
        en.append(_CHINESE_LABEL.sub("", unit))
    if not en and not zh and set(dict(forms)) <= {"glossary"}:
        # a page of other marks may be all list: its cards hold what the list gives
        raise InputError("no English paragraphs found before the glossary block")
    if date is None and (m := _NAME_DATE.search(PurePath(source).name)):
        date = "-".join(m.groups())
    date = date or stamp
    root = _deck_root(lines, audio is not None, source)
    identity = title_en or (en or [title_zh or (zh[0] if zh else PurePath(source).stem)])[0]
    if root != MING_PAO_ROOT and _is_file(source):
        # other pages open with a column's stock line ("You have probably heard these news
        # terms…"): the file's name tells them apart
        identity = PurePath(source).stem
    return Editorial(
        id=editorial_id(date, identity),
        source=source,
        date=date,
        stamp=stamp,
        title_zh=title_zh,
        title_en=title_en,
        audio=audio,
        en_paragraphs=tuple(en),
        zh_paragraphs=tuple(zh),
        glossary=glossary,
        forms=forms,
        deck_root=root,
    )


def _deck_root(lines: list[str], has_audio: bool, source: str) -> str:
    """Ming Pao's root for a page in Ming Pao's editorial layout (its `■/ Glossary 生字 /`
    block, its audio line, or `明報社評`); else the name of the folder the file lies in (a
    teacher's folder per column), or `Flashcards` for text that is not a file."""
    if has_audio or any(MING_PAO_HEADER.match(line) or "明報社評" in line for line in lines):
        return MING_PAO_ROOT
    folder = PurePath(source).parent.name if _is_file(source) else ""
    return folder.replace("::", ":").strip() or GENERIC_ROOT


def _is_file(source: str) -> bool:
    return not (source.startswith("<") or source == "-")


def _is_header(line: str) -> bool:
    return bool(MING_PAO_HEADER.match(line) or HEADER.match(line))


def _units(lines: list[str]) -> list[str]:
    """Paragraphs: blocks of lines between blank lines. Within a block, a line in the other
    language or after an `Editorial :` line starts a new unit; other lines are joined (text
    hard-wrapped by a mail program or a word processor)."""
    units: list[str] = []
    current: list[str] = []
    chinese = False  # the language of the unit's first line

    def flush() -> None:
        if current:
            units.append(("" if chinese else " ").join(current))
            current.clear()

    for line in lines:
        line = line.strip()
        if not line:
            flush()
            continue
        line_chinese = prose_is_chinese(line)
        new_language = current and line_chinese != chinese
        if new_language or (current and _EDITORIAL_TITLE.match(current[-1])):
            flush()
        if not current:
            chinese = line_chinese
        current.append(line)
    flush()
    return _unwrapped(units)


WRAPPED_PAIRS = 2  # paragraphs going on in lower case after one cut mid-sentence: wrapped
WRAPPED_LENGTH = 0.8  # of the median cut line: a line this long was cut by the wrap
_LEAD_IN = re.compile(r"[:,;]$")  # `… today (January 11):`, `Mr President,`: ends of a kind


def _unwrapped(units: list[str]) -> list[str]:
    """Text copied from a PDF may hold every printed line as a paragraph of its own. When
    English paragraphs that end mid-sentence are followed, twice or more, by ones that go on
    in lower case, such a paragraph is joined to the next English one if that goes on in
    lower case, or it ends in a hyphen, or it is about as long as the other cut lines (the
    first, a headline, only in the first two cases). A hyphen at the join stays when the
    word is not one without it (`Pan-` `democratic`)."""

    def cut(unit: str) -> bool:
        return not prose_is_chinese(unit) and not _SENTENCE_END.search(unit)

    pairs = [(a, b) for a, b in itertools.pairwise(units) if cut(a) and not prose_is_chinese(b)]
    if sum(b[:1].islower() for _, b in pairs) < WRAPPED_PAIRS:
        return units
    lengths = sorted(len(a) for a, _ in pairs if not _LEAD_IN.search(a))
    width = lengths[len(lengths) // 2] if lengths else 0
    out: list[str] = []
    for unit in units:
        last = out[-1] if out else ""
        if (
            last
            and cut(last)
            and not prose_is_chinese(unit)
            and (
                unit[:1].islower()
                or last.endswith("-")
                or (
                    len(out) > 1
                    and not _LEAD_IN.search(last)
                    and len(last) >= WRAPPED_LENGTH * width
                )
            )
        ):
            out[-1] = _join_wrapped(last, unit)
        else:
            out.append(unit)
    return out


def _join_wrapped(last: str, unit: str) -> str:
    if not last.endswith("-"):
        return f"{last} {unit}"
    from .words import is_word

    head = re.search(r"[A-Za-z]+-$", last)
    tail = re.match(r"[A-Za-z]+", unit)
    if head and tail and is_word((head.group()[:-1] + tail.group()).lower()):
        return last[:-1] + unit  # `develop-` `ment`
    return last + unit


_CJK = f"{HAN_CLASS}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f"  # Han and CJK punctuation
_SPACED = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_CLOSE = re.compile(f"[{_CJK}](?=[{_CJK}])")


def _despaced(unit: str) -> str:
    """Chinese from a PDF's text layer may hold a space between every two characters
    (`奧 運 成 功 ,`): where most characters stand so, the spaces go."""
    spaced = len(_SPACED.findall(unit))
    if spaced < 4 or spaced < len(_CLOSE.findall(unit)):
        return unit
    return re.sub(f"(?<=[{_CJK},.;:!?]) +(?=[{_CJK},.;:!?])", "", unit)


_FLAT_BREAK = re.compile(r"(?<=[。！？!?」』])[ \u3000]+(?=\S)")
_WRAP_SPACE = re.compile(rf"(?<=[^\s。！？!?」』])[ \u3000]+(?=[{HAN_CLASS}])")


def _flattened(unit: str) -> list[str]:
    """A Chinese block whose paragraphs a page flattened into one, a space after each
    sentence that ended one (`…交換意見。 聶德權首先…`), as its paragraphs. Where spaces
    also stand inside sentences (a print layout's line ends), they say nothing and the block
    stays whole."""
    if not _FLAT_BREAK.search(unit) or _WRAP_SPACE.search(unit):
        return [unit]
    return [part for part in _FLAT_BREAK.split(unit) if part.strip()]


def _is_title(unit: str) -> bool:
    """A headline: short and not ending like a sentence."""
    if _SENTENCE_END.search(unit) or _SOURCE_MARK.match(unit):
        return False
    return len(unit.split()) <= 20 if not prose_is_chinese(unit) else len(unit) <= 60


def _chinese_title(unit: str) -> tuple[str, str | None]:
    """`明報社評 2021.06.18：美俄峰會…` → (title, date); other title lines are kept whole."""
    m = _ZH_TITLE_DATE.search(unit)
    if m is None:
        return unit, None
    year, month, day = (int(g) for g in m.groups())
    title = re.sub(r"^[\s：:]+", "", unit[m.end() :]) or unit
    return title, f"{year:04d}-{month:02d}-{day:02d}"


def slugify(text: str, words: int = 5) -> str:
    """The first words of `text` as a lower-case ASCII slug: `over-the-past-ten-years`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:words])


def editorial_id(date: str | None, title: str) -> str:
    """A stable, filesystem-safe id: the date and a short ASCII slug of the title (or of the
    first words of the English text), e.g. `2021-06-18-over-the-past-ten-years`."""
    return f"{date or 'undated'}-{slugify(title) or 'editorial'}"
