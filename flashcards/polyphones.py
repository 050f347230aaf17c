"""g2pM's polyphone model, run with fewer numpy calls. The only home of g2pM.

g2pM (a one-layer BiLSTM in numpy, shipped in its wheel) steps its forward and its backward
LSTM one character at a time, some forty small numpy calls a step, and runs them for every
text with a polyphonic character in it. Here:

* the model runs only when the reading of a polyphonic character is asked for (`Guesses`):
  the reading of a character with one reading, or none, is g2pM's dictionary's;
* both directions of all the texts read together step side by side, each only as far as the
  characters read need, each gate's arithmetic on whole rows, and each character's
  input projection is computed once per process (one row per character of g2pM's vocabulary,
  at most 5,398): the same operations on the same numbers in the same order, so the readings
  are g2pM's own, bit for bit (`tests/test_polyphones.py` compares them with g2pM's).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from functools import cache
from typing import Any

# g2pM's markers: the start and the end of a text, and a character not in its vocabulary
_BOS, _EOS, _UNK = "시", "끝", "<UNK>"


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
        self._polyphonic = frozenset(ch for ch, prons in self._dictionary.items() if len(prons) > 1)
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
        # the input projections of each direction, row by id, and which rows are computed
        width = self._recurrent.shape[2]
        self._inputs = np.zeros((2, len(model.embeddings), width), dtype=np.float32)
        self._projected = np.zeros((2, len(model.embeddings)), dtype=bool)

    def guesses(self, text: str) -> Guesses:
        """The readings of the characters of `text`, the model run on first need."""
        return self.guesses_of([text])[0]

    def guesses_of(self, texts: Sequence[str]) -> list[Guesses]:
        """The readings of the characters of each text, the model run on first need for all
        of them at once (the texts side by side, each read as if alone)."""
        batch = _Batch(self, texts)
        return [Guesses(batch, k) for k in range(len(texts))]

    def _read(self, texts: Sequence[str]) -> list[dict[int, str]]:
        """The model's readings of the polyphonic characters of each text, by index."""
        polyphonic = [[i for i, ch in enumerate(text) if ch in self._polyphonic] for text in texts]
        out: list[dict[int, str]] = [{} for _ in texts]
        read = [k for k, found in enumerate(polyphonic) if found]
        if read:
            start, end, unknown = self._ids[_BOS], self._ids[_EOS], self._unknown
            ids = [[start, *[self._ids.get(ch, unknown) for ch in texts[k]], end] for k in read]
            targets = [[i + 1 for i in polyphonic[k]] for k in read]
            for k, classes in zip(read, self._predict(ids, targets), strict=True):
                out[k] = {
                    i: self._g2pm.idx2class[c] for i, c in zip(polyphonic[k], classes, strict=True)
                }
        return out

    def _predict(self, ids: list[list[int]], targets: list[list[int]]) -> list[list[int]]:
        """g2pM's `predict` for each text (`ids` with its start and end markers), the texts
        stepped side by side: each direction of each text multiplies its own state by the
        weights, as g2pM's does, and the other operations go element by element."""
        import numpy as np

        model = self._g2pm
        if any(0 in row for row in ids):  # g2pM's padding id (no character has it)
            return [
                [int(k) for k in model.predict(np.array([row], dtype=np.int32), t)]
                for row, t in zip(ids, targets, strict=True)
            ]
        with _one_thread():
            return self._predict_together(ids, targets)

    def _predict_together(self, ids: list[list[int]], targets: list[list[int]]) -> list[list[int]]:
        import numpy as np

        model = self._g2pm
        # one row per direction of each text (forward rows first), stepped only as far as
        # its targets need: a target's forward state needs the steps up to it, its backward
        # state the steps from the text's end down to it. The rows are stepped longest
        # first, so the rows still stepping at each step are the first ones.
        rows = [(0, row) for row in ids] + [(1, row[::-1]) for row in ids]
        needs = [max(t) + 1 for t in targets] + [
            len(r) - min(t) for r, t in zip(ids, targets, strict=True)
        ]
        order = sorted(range(len(rows)), key=lambda r: -needs[r])
        steps = needs[order[0]]
        active = [sum(needs[r] > step for r in order) for step in range(steps)]
        place = {r: p for p, r in enumerate(order)}
        directions = [rows[r][0] for r in order]
        recurrent, bias = self._recurrent[directions], self._recurrent_bias[directions]
        size = recurrent.shape[1]
        # the input projections of each row's steps (float64, as numpy would cast them at
        # each step: the same numbers)
        projected = np.zeros((steps, len(order), 1, 4 * size))
        for p, r in enumerate(order):
            direction, row = rows[r]
            projected[: needs[r], p, 0] = self._projections(direction, row[: needs[r]])
        cell = np.zeros((len(order), 1, size))
        g, squashed = np.empty_like(cell), np.empty_like(cell)
        z = np.empty((len(order), 1, 4 * size))
        # the state after each step, after the zeros it starts from
        states = np.zeros((steps + 1, len(order), 1, size))
        # each step's arithmetic on the rows still stepping, written into the same arrays
        # (their views taken once for each number of rows stepping)
        step = 0
        for live, run in itertools.groupby(active):
            zn, cn, gn, tn = z[:live], cell[:live], g[:live], squashed[:live]
            weights, biases = recurrent[:live], bias[:live]
            inputs, forget, candidate, output = (
                zn[..., k * size : (k + 1) * size] for k in range(4)
            )
            for _ in run:
                np.matmul(states[step, :live], weights, out=zn)  # each row's own weights
                zn += biases
                np.add(projected[step, :live], zn, out=zn)
                np.tanh(candidate, out=gn)
                np.negative(zn, out=zn)
                np.exp(zn, out=zn)
                zn += 1
                np.divide(1, zn, out=zn)  # the input, forget and output gates
                np.multiply(forget, cn, out=cn)
                np.multiply(inputs, gn, out=gn)
                cn += gn
                np.multiply(output, np.tanh(cn, out=tn), out=states[step + 1, :live])
                step += 1
        after = states[1:]  # the state after step i, by i
        out = []
        for b, (row, wanted) in enumerate(zip(ids, targets, strict=True)):
            n = len(row)
            forward, backward = place[b], place[len(ids) + b]
            outputs = np.concatenate(
                [after[wanted, forward, 0], after[[n - 1 - i for i in wanted], backward, 0]],
                axis=1,
            )
            hidden = np.matmul(outputs, self._hidden) + model.hidden_bias_l0
            hidden = hidden * (hidden > 0)  # g2pM's relu
            logits = np.matmul(hidden, self._logits) + model.hidden_bias_l1
            out.append([int(k) for k in np.argmax(logits, axis=1)])
        return out

    def _projections(self, direction: int, ids: list[int]) -> Any:
        """Each id's input projection (its embedding times the input weights, plus their
        bias) in one direction, as g2pM computes it at each step: once per id and process,
        row by row as g2pM does (a product of whole matrices may round otherwise)."""
        import numpy as np

        table, known = self._inputs[direction], self._projected[direction]
        model = self._g2pm
        weights, bias = (
            (model.weight_ih, model.bias_ih)
            if direction == 0
            else (model.weight_ih_reverse, model.bias_ih_reverse)
        )
        rows = np.array(ids)
        for i in np.unique(rows[~known[rows]]).tolist():
            embedding = np.take(model.embeddings, [[i]], axis=0)[:, 0, :]
            table[i] = (np.matmul(embedding, weights.T) + bias)[0]
            known[i] = True
        return table[rows]


@cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_thread() -> Any:
    """Numpy's BLAS on one thread: the model's products are small, and OpenBLAS would share
    the larger ones among threads that then spin idle for a while, taking a core from the
    build (a quarter of a build's time on two cores). Each product is the same on one
    thread: OpenBLAS never splits a sum between threads."""
    return _blas().limit(limits=1, user_api="blas")


class _Batch:
    """Texts whose readings the model gives together, once one of them needs it."""

    def __init__(self, model: PolyphoneModel, texts: Sequence[str]) -> None:
        self.model = model
        self.texts = list(texts)
        self.read: list[dict[int, str]] | None = None

    def readings(self) -> list[dict[int, str]]:
        if self.read is None:
            self.read = self.model._read(self.texts)
        return self.read


class Guesses:
    """g2pM's reading of each character of a text, by index: the reading of a character with
    one reading (or the character itself, where g2pM has none) at once; the model runs, for
    the whole text and the texts read with it, when a polyphonic character's reading is
    first asked for."""

    def __init__(self, batch: _Batch, k: int) -> None:
        self._batch = batch
        self._k = k
        self._text = batch.texts[k]
        self._dictionary = batch.model._dictionary

    def __getitem__(self, i: int) -> str:
        prons = self._dictionary.get(self._text[i])
        if prons is None:
            return self._text[i]
        if len(prons) == 1:
            return prons[0]
        return self._batch.readings()[self._k][i]
