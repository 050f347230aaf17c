"""English word forms and lemmas. The only home of lemminflect."""

from __future__ import annotations

from functools import lru_cache

_OOV_CLASSES = ("NOUN", "VERB", "ADJ")


@lru_cache(maxsize=4096)
def word_forms(word: str) -> frozenset[str]:
    """Every inflected form of a dictionary word, itself included (`lend` → lent, lending…)."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    word = word.lower()
    forms = {word}
    inflections = getAllInflections(word)
    if not inflections:
        # Not in lemminflect's lexicon: inflect it by rule as a noun, verb and adjective.
        for upos in _OOV_CLASSES:
            inflections.update(getAllInflectionsOOV(word, upos))
    for group in inflections.values():
        forms.update(f.lower() for f in group)
    return frozenset(forms)


@lru_cache(maxsize=16384)
def lemmas(token: str) -> frozenset[str]:
    """The dictionary forms a text token may be an inflection of (`lent` → {lend})."""
    from lemminflect import getAllLemmas

    token = token.lower()
    found = {token}
    for group in getAllLemmas(token).values():
        found.update(f.lower() for f in group)
    return frozenset(found)
