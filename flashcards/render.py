"""Pure output: a build result → Anki field HTML, JSON-ready dicts, or a text summary.

Every piece of input text is HTML-escaped before any markup is added around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape
from pathlib import PurePath
from typing import Any

from .editorial import MING_PAO_ROOT
from .models import BuildResult, Card, Editorial, Occurrence, Problem, Word

BLANK = '<span class="blank">[…]</span>'


def source_line(editorial: Editorial) -> str:
    """`明報社評 2021-06-18：title` as plain text (the title in the published script); a page
    of another kind without a title is named by its file."""
    title = editorial.title_zh or editorial.title_en or ""
    if not title and editorial.deck_root not in (None, MING_PAO_ROOT):
        title = PurePath(editorial.source).stem if "<" not in editorial.source else ""
    date = editorial.date or "undated"
    return f"{date} {title}".strip()


def audio_url(editorial: Editorial) -> str | None:
    if not editorial.audio:
        return None
    audio = editorial.audio
    return audio if "://" in audio else f"https://{audio}"


# --- Anki fields -------------------------------------------------------------------------


def highlighted_sentence(occ: Occurrence) -> str:
    """The English sentence with the term's surface in bold."""
    m = occ.match
    text = m.sentence.text
    return f"{escape(text[: m.start])}<b>{escape(m.surface)}</b>{escape(text[m.end :])}"


def blanked_sentence(occ: Occurrence) -> str:
    """The English sentence with the words that realise the term blanked out; words that
    fill the term's slots stay (`[…] their concerns […]`)."""
    m = occ.match
    text = m.sentence.text
    spans = list(m.word_spans) or [(m.start, m.end)]
    merged: list[tuple[int, int]] = []
    for start, end in spans:  # one blank for words separated only by spaces
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    out, pos = [], 0
    for start, end in merged:
        out.append(escape(text[pos:start]))
        out.append(BLANK)
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def highlighted_chinese(zh_sentence: str, equivalent: str | None) -> str:
    """The Chinese sentence with the term's equivalent marked."""
    if not equivalent or equivalent not in zh_sentence:
        return escape(zh_sentence)
    before, _, after = zh_sentence.partition(equivalent)
    return f'{escape(before)}<span class="equiv">{escape(equivalent)}</span>{escape(after)}'


_TONE_MARKS = {mark: tone for tone, marks in enumerate(("āēīōūǖ", "áéíóúǘ", "ǎěǐǒǔǚ", "àèìòùǜ"), 1)
               for mark in marks}  # fmt: skip


def tone_of(syllable: str) -> int:
    """1-5 for a pinyin syllable in tone marks (`nán` 2) or numbers (`nan2`); 5 is neutral."""
    if syllable[-1:].isdigit():
        return int(syllable[-1]) if syllable[-1] in "12345" else 5
    return next((_TONE_MARKS[ch] for ch in syllable if ch in _TONE_MARKS), 5)


@lru_cache(maxsize=4096)  # a few thousand syllables, met again and again
def coloured(syllable: str) -> str:
    """A syllable in a span whose class names its tone (`tone2`): a deck's CSS colours it,
    and a user can restyle it."""
    return f'<span class="tone{tone_of(syllable)}">{escape(syllable)}</span>'


def ruby(words: Sequence[Word], equivalent: str | None = None) -> str:
    """Anki's furigana syntax, one reading per word: ` 南轅北轍[nán yuán běi zhé]`, rendered
    as ruby by the built-in `{{furigana:…}}` filter (no add-on). The words that hold the
    term's equivalent are marked as in `highlighted_chinese`."""
    text = "".join(w.text for w in words)
    start = text.find(equivalent) if equivalent else -1
    end = start + len(equivalent or "")
    parts, pos = [], 0
    for w in words:
        html = escape(w.text)
        html = f" {html}[{' '.join(coloured(s) for s in w.syllables)}]" if w.syllables else html
        if start >= 0 and pos < end and pos + len(w.text) > start:
            html = f'<span class="equiv">{html}</span>'
        parts.append(html)
        pos += len(w.text)
    return "".join(parts).replace('</span><span class="equiv">', "").strip()


def pinyin_text(words: Iterable[Word]) -> str:
    """The sentence's pinyin as plain text, a word at a time: `wúlùn shì wǎngluò'ānquán`."""
    return " ".join(w.pinyin for w in words if w.pinyin)


def jyutping_text(words: Iterable[Word]) -> str:
    """The sentence's Jyutping as plain text, a word at a time: `mou4leon6 si6`."""
    return " ".join("".join(w.jyutping) for w in words if w.jyutping)


def pinyin_line(words: Iterable[Word]) -> str:
    """The sentence's pinyin, as field HTML."""
    return escape(pinyin_text(words))


def jyutping_line(words: Iterable[Word]) -> str:
    """The sentence's Jyutping, as field HTML."""
    return escape(jyutping_text(words))


def _unique_chinese(occurrences: Sequence[Occurrence]) -> list[Occurrence]:
    seen: set[str] = set()
    out = []
    for occ in occurrences:
        if occ.zh_sentence and occ.zh_sentence not in seen:
            seen.add(occ.zh_sentence)
            out.append(occ)
    return out


def source_html(editorial: Editorial) -> str:
    """`2021-06-18 美俄峰會… · 聲檔 audio` with the audio link."""
    html = escape(source_line(editorial))
    url = audio_url(editorial)
    return f'{html} · <a href="{escape(url)}">聲檔 audio</a>' if url else html


def card_fields(card: Card) -> dict[str, str]:
    """The note's fields by name, as HTML. Card types are chosen by the deck writer."""
    occ = card.occurrences
    zh = _unique_chinese(occ)
    newest = card.sources[0]
    url = audio_url(newest)
    entry = card.entry
    gloss_zh = "" if zh or not card.gloss_words else (entry.context_zh or entry.gloss or "")
    return {
        "Term": escape(entry.term),
        "IPA": escape(entry.ipa or ""),
        # a card without an English definition shows the page's Chinese gloss instead
        "Definition": escape(entry.definition or entry.gloss or ""),
        "Examples": "".join(f'<div class="ex">{highlighted_sentence(o)}</div>' for o in occ),
        "Context": blanked_sentence(occ[0]) if occ else "",
        "Chinese": "".join(
            f'<div class="zh">{highlighted_chinese(o.zh_sentence or "", o.zh_equivalent)}</div>'
            for o in zh
        )
        + (
            f'<div class="zh">{highlighted_chinese(gloss_zh, entry.gloss)}</div>'
            if gloss_zh
            else ""
        ),
        "Reading": "<br>".join(ruby(o.words, o.zh_equivalent) for o in zh)
        or (ruby(card.gloss_words, entry.gloss) if gloss_zh else ""),
        "Pinyin": "<br>".join(pinyin_line(o.words) for o in zh)
        or (pinyin_line(card.gloss_words) if gloss_zh else ""),
        "Jyutping": "<br>".join(line for o in zh if (line := jyutping_line(o.words)))
        or (jyutping_line(card.gloss_words) if gloss_zh else ""),
        # the page's own gloss first, else the words found in the aligned Chinese
        "Equivalent": escape(
            entry.gloss or next((o.zh_equivalent for o in zh if o.zh_equivalent), "")
        ),
        "Source": "<br>".join(source_html(ed) for ed in card.sources),
        "Audio": f'<a href="{escape(url)}">{escape(newest.audio or "")}</a>' if url else "",
    }


# --- JSON --------------------------------------------------------------------------------


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {"kind": problem.kind, "term": problem.term, "message": problem.message}


def result_dict(result: BuildResult) -> dict[str, Any]:
    """The JSON contract of `flashcards show --json` (keys may be added, never renamed)."""
    ed = result.editorial
    return {
        "editorial": {
            "id": ed.id,
            "date": ed.date,
            "title_zh": ed.title_zh,
            "title_en": ed.title_en,
            "audio": ed.audio,
            "stamp": ed.stamp,
            "source": ed.source,
            "forms": dict(ed.forms),
        },
        "terms": [
            {
                "term": card.entry.term,
                "ipa": card.entry.ipa,
                "definition": card.entry.definition,
                "form": card.entry.form,
                "zh": card.entry.gloss,
                "tags": list(card.tags),
                "occurrences": [
                    {
                        "en_sentence": o.en_sentence,
                        "surface": o.surface,
                        "zh_sentence": o.zh_sentence,
                        "zh_equivalent": o.zh_equivalent,
                        "words": [_word_dict(w) for w in o.words],
                    }
                    for o in card.occurrences
                ],
            }
            for card in result.cards
        ],
        "problems": [problem_dict(p) for p in result.problems],
    }


def _word_dict(word: Word) -> dict[str, str]:
    out = {"text": word.text, "pinyin": word.pinyin}
    if word.jyutping:
        out["jyutping"] = " ".join(word.jyutping)
    return out


# --- Text --------------------------------------------------------------------------------


def summary(result: BuildResult) -> str:
    """A readable account of what the deck will hold, as plain text (no HTML escapes)."""
    ed = result.editorial
    lines = [f"{ed.id}  ({source_line(ed)})", f"  {len(result.cards)} notes"]
    if ed.forms:
        found = ", ".join(f"{name} {count}" for name, count in ed.forms)
        lines.append(f"  marked as: {found}")
    for card in result.cards:
        entry = card.entry
        lines.append("")
        lines.append(f"■ {entry.term}" + (f"  {entry.ipa}" if entry.ipa else ""))
        if entry.gloss:
            lines.append(f"  中文  {entry.gloss}")
        if entry.definition:
            lines.append(f"  {entry.definition}")
        if not card.occurrences and entry.context_zh:  # marked in Chinese prose: its sentence
            lines.append(f"  ZH  {entry.context_zh}")
            if card.gloss_words:
                lines.append(f"  PY  {pinyin_text(card.gloss_words)}")
        elif not card.occurrences:
            lines.append("  (not found in the text)")
        for o in card.occurrences:
            m = o.match
            text = m.sentence.text
            lines.append(f"  EN  {text[: m.start]}[{m.surface}]{text[m.end :]}")
            if o.zh_sentence:
                lines.append(f"  ZH  {o.zh_sentence}")
                if o.zh_equivalent:
                    lines.append(f"      ≈ {o.zh_equivalent}")
                lines.append(f"  PY  {pinyin_text(o.words)}")
                if any(w.jyutping for w in o.words):
                    lines.append(f"  JP  {jyutping_text(o.words)}")
    return "\n".join(lines)
