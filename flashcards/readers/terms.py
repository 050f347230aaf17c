"""A teacher's own list (`--terms FILE`): the `terms` reader.

One term a line, optionally with its Chinese gloss and/or a definition after a colon:

    tackle
    contravene 違反
    consent 同意：permission for something to happen
    # a comment line

Blank lines and lines starting with `#` are skipped.
"""

from __future__ import annotations

from ..errors import InputError
from ..models import GlossaryEntry, MarkedTerm
from .glossary import split_gloss

NAME = "terms"


def read_terms(text: str) -> tuple[MarkedTerm, ...]:
    """The entries of a term list.

    Raises:
        InputError: a line with a colon but no term before it, or no terms at all.
    """
    out = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _, definition = line.replace("：", ":").partition(":")
        term, gloss = split_gloss(head.strip())
        if not term:
            raise InputError(f"line {line!r} has no term; write 'term', 'term 中文' or "
                             "'term：definition'", line=number)  # fmt: skip
        out.append(GlossaryEntry(term, definition.strip(), None, number, gloss=gloss, form=NAME))
    if not out:
        raise InputError("the term list is empty; write one term a line")
    return tuple(out)
