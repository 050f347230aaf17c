"""English terms explained in Chinese prose: the `explained` reader.

    這個字是 moulder(動詞,解作逐漸因忽略而凋零)。Halt解「停止」。
    Sanction可解作制裁。 frugal=節儉的。

The gloss is the meaning the page gives, never the label before it (`動詞`).
"""

from __future__ import annotations

import re

from ..models import GlossaryEntry, MarkedTerm
from ._shapes import HAN_CLASS, has_han, is_label, natural_case, sentence_at

NAME = "explained"
# the term, perhaps in quotes: `Halt`, `「mitigate」`
_TERM = r"[「『“\"]?(?P<en>[A-Za-z][A-Za-z'’-]*(?:\s[A-Za-z][A-Za-z'’-]*){0,4})[」』”\"]?"
_MEANS = (
    r"(?:則|则|就|也|亦)?(?:可以?)?(?:解作|解釋為|解释为|解為|解为|意思是|意即|意指|即是|指|解)"
)
_ZH = rf"[{HAN_CLASS}][^，。；;,!！?？」』)）\n]*"
_PATTERNS = (
    # moulder(動詞,解作逐漸因忽略而凋零)
    re.compile(
        rf"{_TERM}\s*[（(](?P<label>[^)）]*?)[,，、\s]*{_MEANS}\s*[「『“]?(?P<zh>{_ZH})[」』”]?[)）]"
    ),
    # Halt解「停止」, Sanction可解作制裁
    re.compile(rf"{_TERM}\s*(?:{_MEANS}|即|則是|则是)\s*[「『“](?P<zh>[^」』”]+)[」』”]"),
    # unquoted, a bare 解 or 指 is no sign: `tackle problems 解決問題`, `指出`
    re.compile(
        rf"{_TERM}\s*(?!解(?!作|釋|释|為|为)|指(?:出|示|導|导))(?:{_MEANS})(?:為|为)?\s*(?P<zh>{_ZH})"
    ),
    # frugal=節儉的。
    # (the gloss ends at a clause comma: `GDP=國內生產總值,按年增長` glosses GDP alone)
    re.compile(rf"{_TERM}\s*[=＝]\s*(?P<zh>[{HAN_CLASS}][^。=＝，,；;\n]*?)[。，,；;]"),
)


# A character every pattern needs (each of _MEANS has one): a line without any is passed over
# (trying the patterns at each English word of a long line is most of this reader's time)
_SIGNS = re.compile("[解意即指則则=＝]")


def _entries(text: str) -> list[MarkedTerm]:
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        # the marks are Chinese; the line may hold English sentences too (a bilingual blog)
        if not has_han(line) or re.match(r"^\s*[(（]\s*(?:note|註|注)", line, re.I):
            continue  # a footnote is the footnote reader's
        if not _SIGNS.search(line):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in _PATTERNS:
            for m in pattern.finditer(line):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                gloss = m["zh"].strip(" ,，、")
                label = m.groupdict().get("label") or ""
                if not gloss or is_label(gloss) or (label and not is_label(label)):
                    continue
                taken.append(m.span())
                context = sentence_at(line, m.start())
                term = natural_case(m["en"].strip(), text)
                out.append(GlossaryEntry(term, "", None, number, gloss=gloss,
                                         form=NAME, context_zh=context))  # fmt: skip
    return out


def detect(text: str) -> float:
    return min(1.0, len(_entries(text)) / 2)


def read(text: str) -> tuple[MarkedTerm, ...]:
    return tuple(_entries(text))
