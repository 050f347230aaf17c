"""g2pM's polyphone model, run with fewer numpy calls. The only home of g2pM.

g2pM (a one-layer BiLSTM in numpy, shipped in its wheel) steps its forward and its backward
LSTM one character at a time, some forty small numpy calls a step, and runs them for every
text with a polyphonic character in it. Here:

* the model runs only when the reading of a polyphonic character is asked for (`Guesses`):
  the reading of a character with one reading, or none, is g2pM's dictionary's;
* both directions step together, each gate's arithmetic on whole rows, and each character's
  input projection is computed once per process (one row per character of g2pM's vocabulary,
  at most 5,398): the same operations on the same numbers in the same order, so the readings
  are g2pM's own, bit for bit (`tests/test_polyphones.py` compares them with g2pM's).
"""

from __future__ import annotations

import warnings
from typing import Any

# g2pM's markers: the start and the end of a text, and a polyphonic character not yet read
_BOS, _EOS, _UNK, _POLY = "시", "끝", "<UNK>", "▁"


class PolyphoneModel:
    """g2pM's readings of the characters of a text in context (`G2pM()(text,
    char_split=True)`): loads g2pM's model (about 0.1 s)."""

    def __init__(self) -> None:
        import numpy as np

        with warnings.catch_warnings():  # g2pM opens its pickles without closing them
            warnings.simplefilter("ignore", ResourceWarning)
            from g2pM import G2pM  # type: ignore[import-untyped]

            self._g2pm: Any = G2pM()
        model = self._g2pm
        self._ids: dict[str, int] = model.char2idx
        self._unknown = self._ids[_UNK]
        self._dictionary: dict[str, list[str]] = model.cedict
        # g2pM adds the recurrent weights (float32) to float64 states: numpy casts them to a
        # C-ordered float64 copy first, as here once, which gives the very same products
        self._recurrent = np.stack(
            [
                np.ascontiguousarray(w.T, dtype=np.float64)
                for w in (model.weight_hh, model.weight_hh_reverse)
            ]
        )
        self._recurrent_bias = np.stack([model.bias_hh, model.bias_hh_reverse])[:, None, :]
        # the same for the output layers, whose weights numpy would otherwise cast at each
        # call (and multiply with several threads, slower than one for so small a matrix)
        self._hidden = np.ascontiguousarray(model.hidden_weight_l0.T, dtype=np.float64)
        self._logits = np.ascontiguousarray(model.hidden_weight_l1.T, dtype=np.float64)
        self._inputs: tuple[dict[int, Any], dict[int, Any]] = ({}, {})

    def guesses(self, text: str) -> Guesses:
        """The readings of the characters of `text`, the model run on first need."""
        return Guesses(self, text)

    def __call__(self, text: str) -> list[str]:
        """What `G2pM()(text, char_split=True)` returns: one item per character, a reading in
        tone numbers (`u:` for ü) or the character itself where g2pM has no reading."""
        guesses = self.guesses(text)
        return [guesses[i] for i in range(len(text))]

    def _read(self, text: str) -> list[str]:
        readings: list[str] = []
        polyphonic: list[int] = []
        for i, ch in enumerate(text):
            prons = self._dictionary.get(ch)
            if prons is None:
                readings.append(ch)
            elif len(prons) > 1:
                polyphonic.append(i)
                readings.append(_POLY)
            else:
                readings.append(prons[0])
        if polyphonic:
            ids = [self._ids[_BOS], *(self._ids.get(ch, self._unknown) for ch in text)]
            ids.append(self._ids[_EOS])
            classes = self._predict(ids, [i + 1 for i in polyphonic])
            for i, k in zip(polyphonic, classes, strict=True):
                readings[i] = self._g2pm.idx2class[k]
        return readings

    def _predict(self, ids: list[int], targets: list[int]) -> list[int]:
        """g2pM's `predict` for one text (`ids` with its start and end markers)."""
        import numpy as np

        model = self._g2pm
        if 0 in ids:  # g2pM's padding id: its own way (not met: no character has it)
            inputs = np.expand_dims(np.array(ids, dtype=np.int32), axis=0)
            return [int(k) for k in model.predict(inputs, targets)]
        # the input projections of forward step i and backward step i, side by side
        projected = np.stack(
            [
                np.stack(self._projections(0, ids)),
                np.stack(self._projections(1, ids[::-1])),
            ],
            axis=1,
        )  # [t, 2, 1, 128]
        recurrent, bias = self._recurrent, self._recurrent_bias
        size = recurrent.shape[1]
        state = np.zeros((2, 1, size))
        cell = np.zeros_like(state)
        steps = []
        for step in range(len(ids)):
            z = np.matmul(state, recurrent)  # each direction's own weights
            z += bias
            z = projected[step] + z
            g = np.tanh(z[..., 2 * size : 3 * size])
            np.negative(z, out=z)
            np.exp(z, out=z)
            z += 1
            np.divide(1, z, out=z)  # the input, forget and output gates
            cell = z[..., size : 2 * size] * cell + z[..., :size] * g
            state = z[..., 3 * size :] * np.tanh(cell)
            steps.append(state)
        states = np.stack(steps)  # [t, 2, 1, 32]
        outputs = np.concatenate([states[:, 0, 0, :], states[::-1, 1, 0, :]], axis=1)
        hidden = np.matmul(outputs[targets], self._hidden) + model.hidden_bias_l0
        hidden = hidden * (hidden > 0)  # g2pM's relu
        logits = np.matmul(hidden, self._logits) + model.hidden_bias_l1
        return [int(k) for k in np.argmax(logits, axis=1)]

    def _projections(self, direction: int, ids: list[int]) -> list[Any]:
        """Each id's input projection (its embedding times the input weights, plus their
        bias) in one direction, as g2pM computes it at each step: once per id."""
        import numpy as np

        cache = self._inputs[direction]
        model = self._g2pm
        weights, bias = (
            (model.weight_ih, model.bias_ih)
            if direction == 0
            else (model.weight_ih_reverse, model.bias_ih_reverse)
        )
        out = []
        for i in ids:
            row = cache.get(i)
            if row is None:
                embedding = np.take(model.embeddings, [[i]], axis=0)[:, 0, :]
                row = cache[i] = np.matmul(embedding, weights.T) + bias
            out.append(row)
        return out


class Guesses:
    """g2pM's reading of each character of a text, by index: the reading of a character with
    one reading (or the character itself, where g2pM has none) at once; the model runs, once
    for the whole text, when a polyphonic character's reading is first asked for."""

    def __init__(self, model: PolyphoneModel, text: str) -> None:
        self._model = model
        self._text = text
        self._read: list[str] | None = None

    def __getitem__(self, i: int) -> str:
        if self._read is None:
            prons = self._model._dictionary.get(self._text[i])
            if prons is None:
                return self._text[i]
            if len(prons) == 1:
                return prons[0]
            self._read = self._model._read(self._text)
        return self._read[i]
