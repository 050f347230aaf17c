"""Card previews: the note type's own templates and CSS (`deck.TEMPLATES`, `deck.CSS`),
rendered as Anki renders them: `{{Field}}`, `{{#Field}}…{{/Field}}` and `{{^Field}}…`
sections (a field holding only spaces, `<br>` or `<div>` counts as empty), `{{FrontSide}}`,
the `furigana:` filter (` 漢字[hàn zì]` → ruby) and `{{tts lang:Field}}` (a play button, as
the reviewer shows it). `tests/test_web.py` checks the output against Anki's own renderer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..deck import CSS, FIELD_NAMES, TEMPLATES, _field_list

_TAG = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
# Anki's own patterns (rslib/src/template.rs, template_filters.rs)
_EMPTY = re.compile(r"^(?:\s|</?(?:br|div) ?/?>)*$", re.IGNORECASE | re.DOTALL)
_FURIGANA = re.compile(r" ?([^ >]+?)\[(.+?)\]")
_TTS = re.compile(r"\[anki:tts[^\]]*\].*?\[/anki:tts\]", re.DOTALL)
PLAY = '<span class="replay" title="Anki speaks the term">▶</span>'


def field_is_empty(text: str) -> bool:
    return _EMPTY.match(text) is not None


def furigana(text: str) -> str:
    """Anki's `furigana:` filter: ` 南轅[nán yuán]` → `<ruby><rb>南轅</rb><rt>…</rt></ruby>`."""

    def ruby(m: re.Match[str]) -> str:
        if m.group(2).startswith("sound:"):
            return m.group(0)
        return f"<ruby><rb>{m.group(1)}</rb><rt>{m.group(2)}</rt></ruby>"

    return _FURIGANA.sub(ruby, text.replace("&nbsp;", " "))


def _apply(filters: Sequence[str], name: str, fields: Mapping[str, str]) -> str:
    value = fields.get(name, "")
    for spec in reversed(filters):  # the filter nearest the field name first, as Anki does
        kind, _, args = spec.strip().partition(" ")
        if kind == "furigana":
            value = furigana(value)
        elif kind == "tts":
            options = " ".join(f"lang={a}" if "=" not in a else a for a in args.split()[:1])
            value = f"[anki:tts {options}]{value}[/anki:tts]"
    return value


def render_template(template: str, fields: Mapping[str, str]) -> str:
    """One side of a card: the template filled with the note's fields."""
    html, _ = _section(_TAG.split(template), 0, fields)
    return html


def _section(tokens: list[str], i: int, fields: Mapping[str, str]) -> tuple[str, int]:
    """Render tokens from `i` to the end or to the closing tag of the open section; return
    the HTML and the index after it. Even indexes are text, odd ones are tags."""
    out: list[str] = []
    while i < len(tokens):
        token, is_tag = tokens[i], i % 2 == 1
        i += 1
        if not is_tag:
            out.append(token)
            continue
        tag = token.strip()
        if tag.startswith("/"):
            return "".join(out), i
        if tag[:1] in ("#", "^"):
            inner, i = _section(tokens, i, fields)
            shown = not field_is_empty(fields.get(tag[1:].strip(), ""))
            if shown == (tag[0] == "#"):
                out.append(inner)
            continue
        *filters, name = tag.split(":")
        out.append(_apply(filters, name.strip(), fields))
    return "".join(out), i


@dataclass(frozen=True)
class CardPreview:
    """One card type of a note: its front and back HTML, or why the card is not made."""

    name: str
    front: str
    back: str

    @property
    def made(self) -> bool:
        return bool(self.front.strip())


def note_previews(fields: Mapping[str, str], card_types: Sequence[str]) -> list[CardPreview]:
    """Every card type of the note type, rendered for this note's fields, with the card-type
    switches set as the deck writer sets them."""
    values = dict(zip(FIELD_NAMES, _field_list(fields, card_types), strict=True))
    previews = []
    for template in TEMPLATES:
        front = render_template(template["qfmt"], values)
        back = ""
        if front.strip():
            back = render_template(template["afmt"], {**values, "FrontSide": front})
        previews.append(CardPreview(template["name"], front, back))
    return previews


def card_page(html: str, night: bool = False) -> str:
    """A card side as Anki's reviewer shows it: the note type's CSS, `body.card`, a play
    button where Anki speaks."""
    night_class = " nightMode night_mode" if night else ""
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<style>{CSS}\nbody {{ margin: 0; padding: 12px 0; }} .replay {{ color: #0b5cad; }}"
        f'</style></head><body class="card{night_class}">{_TTS.sub(PLAY, html)}</body></html>'
    )
