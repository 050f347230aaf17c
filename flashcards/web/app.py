"""The teacher's desk: a Starlette app, one more shell over `pipeline.py` (as `cli.py` is).

It turns requests into pipeline calls and results into server-rendered pages; it holds no
pipeline logic. Texts brought to the desk are saved in its working folder (`<out>/desk/`, one
file per item, never a name the request chose); each item's corrections live beside it as
`<item>.corrections.toml` (`flashcards/corrections.py`), so `flashcards build <out>/desk/`
makes the same decks. Requests are served one at a time on the event loop (a build takes a
few hundred milliseconds), so a correction's read-change-write of the file is never
interleaved with another; the file itself is replaced atomically.

Safe by default: only 127.0.0.1 and `localhost` are accepted as hosts unless the server is
told otherwise, a request body is at most `MAX_UPLOAD` bytes, and every POST needs the desk's
own token and, when the browser names one, the desk's own origin.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..batch import writing
from ..chinese import parse_words
from ..corrections import NONE, AddedTerm, Corrections, corrections_path
from ..corrections import load as load_corrections
from ..corrections import save as save_corrections
from ..deck import CARD_TYPES
from ..editorial import slugify
from ..errors import FlashcardsError, InputError, bug_report
from ..inputs import HTML_SUFFIXES, MAX_BYTES, decode, html_to_text
from ..models import BuildResult, Card, Occurrence
from ..pipeline import build_file, text_name, write_combined, write_deck
from ..render import (
    card_fields,
    highlighted_chinese,
    highlighted_sentence,
    jyutping_line,
    pinyin_line,
    ruby,
)
from .preview import CardPreview, card_page, furigana, note_previews

MAX_UPLOAD = 2 * MAX_BYTES  # one request: a few files of at most MAX_BYTES each
_ITEM_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.(?:txt|html?)$")
_CARD_NAMES = dict(zip(CARD_TYPES, ("Recognition", "Context", "Chinese → English"), strict=True))


@dataclass(frozen=True)
class Item:
    """One text on the desk: what the pipeline made of it, or its one-line error."""

    name: str
    path: Path
    corrections: Corrections
    result: BuildResult | None = None
    error: str | None = None
    corrections_error: str | None = None

    @property
    def card_types(self) -> tuple[str, ...]:
        return self.corrections.cards or CARD_TYPES

    @property
    def corrections_name(self) -> str:
        return corrections_path(self.path).name


class Desk:
    """The desk's working folder and what it holds. Builds are cached until the item's text
    or corrections change on disk (a teacher may edit the corrections by hand meanwhile)."""

    def __init__(self, out_dir: Path, into: Path | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.folder = self.out_dir / "desk"
        self.into = into
        self._cache: dict[str, tuple[tuple[int, ...], Item]] = {}

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if _ITEM_NAME.match(p.name))

    def path(self, name: str) -> Path | None:
        """The item's file, or None when `name` is not an item of this desk."""
        if not _ITEM_NAME.match(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def item(self, name: str) -> Item | None:
        path = self.path(name)
        if path is None:
            return None
        stamp = (*_stamp(path), *_stamp(corrections_path(path)))
        cached = self._cache.get(name)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        item = _build(name, path)
        self._cache[name] = (stamp, item)
        return item

    def add(self, data: bytes, stem: str, suffix: str) -> str:
        """Save a new item's bytes under a fresh name made from `stem`; return the name."""
        self.folder.mkdir(parents=True, exist_ok=True)
        base = slugify(stem, words=8) or "text"
        name, n = f"{base}{suffix}", 1
        # the corrections file is named after the stem: `x.txt` and `x.html` would share one
        while (self.folder / name).exists() or any(self.folder.glob(f"{Path(name).stem}.*")):
            n += 1
            name = f"{base}-{n}{suffix}"
        (self.folder / name).write_bytes(data)
        return name


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def _build(name: str, path: Path) -> Item:
    corrections_error: str | None = None
    try:
        corrections = load_corrections(path)
    except FlashcardsError as err:
        corrections, corrections_error = NONE, str(err)
    try:
        result = build_file(path, corrections=corrections)
    except FlashcardsError as err:
        return Item(name, path, corrections, error=str(err.at(str(path))),
                    corrections_error=corrections_error)  # fmt: skip
    except Exception as err:  # a bug: one line, and the other items are untouched
        return Item(name, path, corrections, error=f"{path}: {bug_report(err)}")
    return Item(name, path, corrections, result, corrections_error=corrections_error)


# --- views ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermView:
    card: Card
    problems: tuple[str, ...]
    previews: tuple[CardPreview, ...]


def term_views(item: Item) -> list[TermView]:
    assert item.result is not None
    views = []
    for card in item.result.cards:
        problems = tuple(p.message for p in item.result.problems if p.term == card.entry.term)
        previews = tuple(note_previews(card_fields(card), item.card_types))
        views.append(TermView(card, problems, previews))
    return views


def _chinese_html(occ: Occurrence) -> Markup:
    """The Chinese sentence with pinyin ruby and the equivalent highlighted (escaped by
    `render` first)."""
    if occ.words:
        return Markup(furigana(ruby(occ.words, occ.zh_equivalent)))
    return Markup(highlighted_chinese(occ.zh_sentence or "", occ.zh_equivalent))


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("flashcards.web", "templates"), autoescape=True)
    env.filters.update(
        sentence=lambda o: Markup(highlighted_sentence(o)),
        chinese=_chinese_html,
        pinyin=lambda o: Markup(pinyin_line(o.words)),
        jyutping=lambda o: Markup(jyutping_line(o.words)),
        card_page=card_page,
    )
    env.globals["card_names"] = _CARD_NAMES
    return env


# --- the app -------------------------------------------------------------------------------


class Refused(Exception):
    """A request the desk will not act on: its status and one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(out_dir: Path, *, into: Path | None = None, hosts: tuple[str, ...] = ()) -> Any:
    """The desk as an ASGI app. `hosts`: more Host names to accept than 127.0.0.1 and
    localhost (`*` for any, when the desk is served beyond this machine)."""
    desk = Desk(out_dir, into)
    env = _environment()
    token = secrets.token_urlsafe(24)

    def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(token=token, desk=desk, **context)
        return HTMLResponse(html, status_code=status)

    def desk_page(status: int = 200, notices: tuple[str, ...] = (), text: str = "") -> Response:
        items = [item for name in desk.names() if (item := desk.item(name)) is not None]
        return page("desk.html", status, items=items, notices=notices, text=text)

    def item_page(item: Item, status: int = 200, notices: tuple[str, ...] = ()) -> Response:
        views = term_views(item) if item.result is not None else []
        return page("item.html", status, item=item, views=views, notices=notices,
                    card_types=CARD_TYPES)  # fmt: skip

    async def checked_form(request: Request) -> FormData:
        """The POSTed form, once the request is known to come from the desk's own page and
        to be no bigger than the desk accepts.

        Raises:
            Refused: another origin, no or a wrong token, or too big a body.
        """
        origin = request.headers.get("origin")
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin is not None and origin != own:
            raise Refused(403, f"refused: a page from {origin} cannot act on the desk")
        if request.headers.get("sec-fetch-site") == "cross-site":
            raise Refused(403, "refused: a page from another site cannot act on the desk")
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            raise Refused(411, "refused: the request does not say how big it is")
        if int(length) > MAX_UPLOAD:
            raise Refused(413, f"the upload is {int(length) / 1e6:.1f} MB; the desk takes at "
                          f"most {MAX_UPLOAD / 1e6:.0f} MB at a time (an editorial is a few "
                          "kB)")  # fmt: skip
        try:
            form = await request.form(max_files=50, max_part_size=MAX_UPLOAD)
        except MultiPartException as err:
            raise Refused(400, f"the form cannot be read: {err.message}") from None
        sent = form.get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(sent, token):
            raise Refused(403, "refused: the form is not from this desk (reload the page)")
        return form

    async def home(request: Request) -> Response:
        return desk_page()

    async def paste(request: Request) -> Response:
        form = await checked_form(request)
        text = str(form.get("text", ""))
        try:
            decode(text.encode("utf-8"))  # the CLI's checks on a file: empty, binary
        except InputError as err:
            return desk_page(400, (f"pasted text: {err}",), text=text)
        try:
            name = desk.add(text.encode("utf-8"), text_name(text), ".txt")
        except OSError as err:
            return desk_page(500, (f"{desk.folder}: cannot save the text ({err.strerror})",),
                             text=text)  # fmt: skip
        return RedirectResponse(f"/items/{name}", status_code=303)

    async def upload(request: Request) -> Response:
        form = await checked_form(request)
        encoding = str(form.get("encoding", "")).strip() or None
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if not files:
            return desk_page(400, ("choose or drop one or more .txt or .html files",))
        notices, added = [], []
        for upload_file in files:
            filename = Path(upload_file.filename or "").name
            suffix = Path(filename).suffix.lower()
            data = await upload_file.read()
            await upload_file.close()
            try:
                if suffix not in {".txt", *HTML_SUFFIXES}:
                    raise InputError("not a .txt or .html file")
                if len(data) > MAX_BYTES:
                    raise InputError(f"the file is {len(data) // 1024} kB, too big for "
                                     f"an editorial (limit {MAX_BYTES >> 20} MB)")  # fmt: skip
                text = decode(data, encoding)
                if suffix in HTML_SUFFIXES:
                    html_to_text(text)
            except InputError as err:
                notices.append(f"{filename}: {err}")
                continue
            if encoding is not None:  # kept as UTF-8, so the CLI reads it without --encoding
                data = text.encode("utf-8")
            kept_suffix = ".txt" if suffix == ".txt" else ".html"
            try:
                added.append(desk.add(data, Path(filename).stem, kept_suffix))
            except OSError as err:
                notices.append(f"{filename}: cannot save it in {desk.folder} ({err.strerror})")
        notices.extend(f"added {name}" for name in added)
        return desk_page(200 if added else 400, tuple(notices))

    async def show_item(request: Request) -> Response:
        item = desk.item(request.path_params["name"])
        if item is None:
            return desk_page(404, (f"no item {request.path_params['name']!r} on the desk",))
        return item_page(item)

    async def correct(request: Request) -> Response:
        name = request.path_params["name"]
        form = await checked_form(request)
        item = desk.item(name)
        if item is None:
            return desk_page(404, (f"no item {name!r} on the desk",))
        if item.corrections_error:
            return item_page(item, 409, ("fix the corrections file by hand first: "
                                         f"{item.corrections_error}",))  # fmt: skip
        try:
            corrected = apply_form(item, {k: str(v) for k, v in form.items()},
                                   form.getlist("cards"))  # fmt: skip
        except InputError as err:
            return item_page(item, 400, (str(err),))
        try:
            save_corrections(item.path, corrected)
        except OSError as err:
            return item_page(item, 500, (f"{item.path}: cannot save the corrections "
                                         f"({err.strerror})",))  # fmt: skip
        anchor = str(form.get("anchor", ""))
        return RedirectResponse(f"/items/{name}" + (f"#{anchor}" if anchor else ""), 303)

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        await checked_form(request)
        item = desk.item(name)
        if item is None or item.result is None:
            return desk_page(404, (f"{name}: no deck to download",))
        try:
            with writing(desk.out_dir, item.path):  # as a build does: under the folder's lock
                path, _ = write_deck(item.result, desk.out_dir)
                data = path.read_bytes()  # what was written, whatever comes after
        except (FlashcardsError, OSError) as err:
            return item_page(item, 500, (str(err),))
        return _package(data, path.name)

    async def download_all(request: Request) -> Response:
        await checked_form(request)
        results = [i.result for n in desk.names() if (i := desk.item(n)) and i.result]
        if not results:
            return desk_page(400, ("no item on the desk makes a deck yet",))
        path = desk.out_dir / "desk-combined.apkg"
        try:
            with writing(desk.out_dir):
                write_combined(results, path)
                data = path.read_bytes()
        except (FlashcardsError, OSError) as err:
            return desk_page(500, (str(err),))
        return _package(data, path.name)

    async def import_item(request: Request) -> Response:
        from ..collection import import_into

        name = request.path_params["name"]
        await checked_form(request)
        item = desk.item(name)
        if item is None or item.result is None or desk.into is None:
            return desk_page(404, (f"{name}: nothing to import",))
        try:
            with writing(desk.out_dir, item.path):
                path, _ = write_deck(item.result, desk.out_dir)
            done = import_into(desk.into, [path])
        except FlashcardsError as err:
            return item_page(item, 500, (str(err),))
        return item_page(item, notices=(f"{desk.into}: {done.new} new, {done.updated} updated, "
                                        f"{done.unchanged} unchanged notes",))  # fmt: skip

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return page("message.html", exc.status, message=exc.message)

    static = StaticFiles(packages=[("flashcards.web", "static")])
    routes = [
        Route("/", home),
        Route("/paste", paste, methods=["POST"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/combined.apkg", download_all, methods=["POST"]),
        Route("/items/{name}", show_item),
        Route("/items/{name}/correct", correct, methods=["POST"]),
        Route("/items/{name}/deck.apkg", download, methods=["POST"]),
        Route("/items/{name}/import", import_item, methods=["POST"]),
        Mount("/static", static, name="static"),
    ]
    allowed = ["127.0.0.1", "localhost", *hosts]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=allowed),
            Middleware(_NoFraming),
        ],
        exception_handlers={Refused: refused},
    )


def _package(data: bytes, name: str) -> Response:
    """A package to download, as the bytes written (a later write cannot change it midway)."""
    disposition = f'attachment; filename="{name}"'
    return Response(data, media_type="application/octet-stream",
                    headers={"content-disposition": disposition})  # fmt: skip


class _NoFraming:
    """Every response forbids being framed by another page (a click on a framed desk would
    carry its token), and is not cached."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def framed(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", b"frame-ancestors 'none'"),
                ]
            await send(message)

        await self.app(scope, receive, framed if scope["type"] == "http" else send)


def apply_form(item: Item, form: dict[str, str], cards: list[Any]) -> Corrections:
    """The item's corrections with one change from a desk form (`action` says which).

    Raises:
        InputError: the form lacks what the change needs, or a word's pinyin does not fit.
    """
    c = item.corrections
    term = form.get("term", "").strip()
    action = form.get("action", "")
    needs_term = action in {"remove", "restore", "define", "first", "add"}
    if needs_term and not term:
        raise InputError("give the term")
    change: dict[str, Callable[[], Corrections]] = {
        "remove": lambda: _remove(c, term),
        "restore": lambda: replace(c, remove=tuple(t for t in c.remove if t != term)),
        "define": lambda: replace(c, definitions=_set(c.definitions, term,
                                                      form.get("definition", "").strip())),
        "first": lambda: replace(c, first=_set(c.first, term, form.get("sentence", "").strip())),
        "add": lambda: replace(c, add=(*c.add, AddedTerm(
            term, form.get("definition", "").strip(), form.get("gloss", "").strip()))),
        "word": lambda: _word(c, form.get("word", "").strip(), form.get("pinyin", "").strip()),
        "options": lambda: replace(
            c,
            cards=_card_types(cards),
            tone_numbers="tone_numbers" in form or None,
            jyutping="jyutping" in form or None,
        ),
    }  # fmt: skip
    if action not in change:
        raise InputError(f"unknown correction {action!r}")
    return change[action]()


def _card_types(chosen: list[Any]) -> tuple[str, ...]:
    kinds = tuple(k for k in CARD_TYPES if k in chosen)
    if not kinds:
        raise InputError("choose at least one card type")
    return kinds


def _set(pairs: tuple[tuple[str, str], ...], key: str, value: str) -> tuple[tuple[str, str], ...]:
    return (*((k, v) for k, v in pairs if k != key), (key, value))


def _remove(c: Corrections, term: str) -> Corrections:
    if any(a.term == term for a in c.add):  # a term the teacher added goes away entirely
        return replace(c, add=tuple(a for a in c.add if a.term != term))
    return replace(c, remove=(*c.remove, term))


def _word(c: Corrections, word: str, pinyin: str) -> Corrections:
    if not word:
        raise InputError("give the Chinese word to keep whole")
    try:
        parse_words(f"{word} {pinyin}")
    except InputError as err:
        raise InputError(f"{word} {pinyin}: {err.message}") from None
    return replace(c, words=_set(c.words, word, pinyin))
