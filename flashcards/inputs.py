"""Finding input files and reading them as text. The only home of charset-normalizer and
BeautifulSoup.

Editorials arrive saved from web pages, e-mail, Word and old Hong Kong systems: UTF-8 with or
without a byte-order mark, UTF-16, Big5-HKSCS, GB18030, or a whole saved web page. Whatever
the bytes, the same editorial reads as the same text.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

MAX_BYTES = 5 * 1024 * 1024  # an editorial is a few kB; anything this big is not one
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
INPUT_SUFFIXES = frozenset({".txt", *HTML_SUFFIXES})
# Detectors name the common subset; decode with the superset Hong Kong and mainland files use.
_SUPERSETS = {"big5": "big5hkscs", "cp950": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030"}
# What editorials come in: Hong Kong and mainland encodings, Unicode, and Western ones
# (an English-only text). Limiting the detector to these keeps short texts from being
# taken for Japanese or Korean.
_LIKELY_ENCODINGS = (
    "big5hkscs", "cp950", "big5", "gb18030", "gbk", "gb2312", "utf_16", "utf_32",
    "cp1252", "latin_1",
)  # fmt: skip
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def find_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files to build: each file named, and every `.txt` or `.html` file inside each folder
    named (sorted).

    Raises:
        InputError: a path does not exist, or a folder holds no editorial file.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()
            )
            if not inside:
                raise InputError(
                    "the folder holds no .txt or .html editorial files", path=str(path)
                )
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return found


def read_text(path: Path, encoding: str | None = None) -> str:
    """The file's text: decoded (detected, or as `encoding` says), and reduced to the
    editorial's text when it is a saved web page.

    Raises:
        InputError: the file cannot be read, is too big, empty, binary or undecodable.
    """
    where = str(path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path=where)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"the file is {size // 1024} kB, too big for an editorial (limit "
                f"{MAX_BYTES // 1024 // 1024} MB): is this the right file?",
                path=where,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=where) from None
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror}", path=where) from None
    try:
        text = decode(data, encoding)
        if path.suffix.lower() in HTML_SUFFIXES:
            text = html_to_text(text)
        return text
    except InputError as err:
        raise err.at(where) from None


STDIN = "-"  # the path that means standard input (a page pasted into a terminal)
STDIN_SOURCE = "<stdin>"


def read_stdin(stream: BinaryIO, encoding: str | None = None) -> str:
    """The text piped or pasted on standard input, decoded as a file's bytes are.

    Raises:
        InputError: too big, empty, binary or undecodable (named `<stdin>`).
    """
    data = stream.read(MAX_BYTES + 1)
    try:
        if len(data) > MAX_BYTES:
            raise InputError(
                f"more than {MAX_BYTES // 1024 // 1024} MB on standard input, too big for an "
                "editorial"
            )
        return decode(data, encoding)
    except InputError as err:
        raise err.at(STDIN_SOURCE) from None


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes → text: the encoding given, else a byte-order mark, else UTF-8, else what
    charset-normalizer detects (Big5 read as Big5-HKSCS, GBK as GB18030).

    Raises:
        InputError: empty, binary or undecodable data.
    """
    if not data.strip():
        raise InputError("the file is empty")
    if encoding is not None:
        name = _codec_name(encoding)
    else:
        name = next((enc for bom, enc in _BOMS if data.startswith(bom)), None) or _detect(data)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as err:
        raise InputError(
            f"cannot decode the file as {name} (byte {err.start}); name its encoding with "
            "--encoding, or save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError("the file holds NUL bytes: it is binary, not an editorial text file")
    if _control_share(text) > 0.02:
        raise InputError("the file is binary, not an editorial text file")
    return text


def _codec_name(encoding: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    # `hex`, `base64`, `rot13`… are codecs, but not of text
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InputError(
            f"unknown encoding {encoding!r}; try utf-8, big5hkscs or gb18030"
        ) from None
    return _SUPERSETS.get(info.name, info.name)


def _detect(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LIKELY_ENCODINGS)).best()
    if best is None:
        raise InputError(
            "the file is not text, or its encoding cannot be told; if it is text, name its "
            "encoding with --encoding"
        )
    return _codec_name(best.encoding)


# Unicode's control characters (category Cc) but tab, line feed, form feed and return
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    return len(_CONTROLS.findall(text)) / max(len(text), 1)


_BLOCKS = (
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
    "blockquote", "pre", "table", "header", "footer", "main", "aside", "hr",
)  # fmt: skip


def html_to_text(page: str) -> str:
    """A saved web page → the editorial's text: the smallest element that holds both the
    glossary and enough text before it, a blank line between blocks, scripts dropped."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():  # a page that is only a file name is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head", "nav"]):
        tag.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n\n")
        block.insert_after("\n\n")
    root = soup.body or soup
    marker = root.find(string=re.compile(r"Glossary", re.IGNORECASE))
    article = (marker.parent if marker is not None else None) or root
    while article.parent is not None and _letter_count(article.get_text()) < 400:
        article = article.parent
    paragraphs = re.split(r"\n\s*\n", article.get_text())
    lines = (" ".join(p.split()) for p in paragraphs)
    return "\n\n".join(line for line in lines if line)


def _letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())
