"""The polyphone model run our way reads as g2pM's own does, bit for bit, and runs only when a
polyphonic character's reading is asked for."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from flashcards.polyphones import PolyphoneModel

from .conftest import SHARED, need_shared


@pytest.fixture(scope="module")
def model() -> PolyphoneModel:
    return PolyphoneModel()


@pytest.fixture(scope="module")
def g2pm() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        from g2pM import G2pM  # type: ignore[import-untyped]

        return G2pM()


def read(model: PolyphoneModel, text: str) -> list[str]:
    """What `G2pM()(text, char_split=True)` returns: one item per character, a reading in
    tone numbers (`u:` for ü) or the character itself where g2pM has no reading."""
    guesses = model.guesses(text)
    return [guesses[i] for i in range(len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "香港",  # no polyphonic character
        "他没来",  # one
        "当局应与市民沟通，为市民提供服务。",
        "行长在银行里行走，长大了。",  # the same character, two readings
        "２００４年G8峰会在Sea Island举行",  # full-width digits, Latin letters
        "𫚭魚和㓥",  # characters outside g2pM's vocabulary
        "重" * 3,
    ],
)
def test_readings_are_g2pms(model: PolyphoneModel, g2pm: Any, text: str) -> None:
    assert read(model, text) == g2pm(text, char_split=True)


def test_cpp_sentences_read_as_g2pm_reads_them(model: PolyphoneModel, g2pm: Any) -> None:
    lines = (need_shared(SHARED / "bench" / "cpp") / "dev.sent").read_text("utf-8").splitlines()
    for line in lines[:300]:
        text = line.replace("▁", "")
        assert read(model, text) == g2pm(text, char_split=True), text


def test_model_runs_only_for_a_polyphonic_character(
    model: PolyphoneModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[list[int]] = []
    predict = model._predict
    monkeypatch.setattr(model, "_predict", lambda ids, t: runs.append(t) or predict(ids, t))
    guesses = model.guesses("他没来香港")
    assert (guesses[0], guesses[3], guesses[4]) == ("ta1", "xiang1", "gang3")
    assert runs == []
    assert guesses[1] in ("mei2", "mo4") and guesses[2] == "lai2"
    assert runs == [[[2]]]  # once, for the whole text


def test_texts_read_together_read_as_alone(model: PolyphoneModel, g2pm: Any) -> None:
    texts = ["行长在银行里行走", "", "香港", "他没来", "当局应与市民沟通，为市民提供服务。", "重"]
    together = model.guesses_of(texts)
    for text, guesses in zip(texts, together, strict=True):
        assert [guesses[i] for i in range(len(text))] == g2pm(text, char_split=True)
