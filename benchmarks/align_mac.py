"""Sentence alignment on MAC (Chinese novels and their English translations) against gold.

usage: python benchmarks/align_mac.py [--split dev|test] [--data DIR] [--scorer FILE]
                                      [--out DIR] [--length-only] [--band N]

Reads the pre-split sentences of MAC (`DIR/mac-<split>/{zh,en}/NNN`), aligns each chapter
with `flashcards.alignment.align_units`, writes the beads as `[zh]:[en]` lines, and scores
them with the stdlib scorer of the shared tools (Sennrich & Volk strict / lax, pooled over
files). The last line reads `strict_f1=0.xxx lax_f1=0.xxx`.

The data are research-only: they are read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import SHARED, load_tool

DEFAULT_DATA = SHARED / "bench" / "alignment"
DEFAULT_SCORER = SHARED / "tools" / "align_score.py"

# MAC is literary: 1 Chinese sentence → 2-4 English sentences is common, so allow wider beads.
MAC_BEADS = {
    (1, 1): 0.55, (2, 1): 0.2, (3, 1): 0.07, (4, 1): 0.02, (5, 1): 0.006, (1, 2): 0.04,
    (2, 2): 0.02, (3, 2): 0.01, (2, 3): 0.004, (1, 3): 0.003, (1, 0): 0.008, (0, 1): 0.008,
}  # fmt: skip


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--out", type=Path, default=None, help="keep the predictions here")
    ap.add_argument("--length-only", action="store_true", help="no dictionary evidence")
    ap.add_argument("--band", type=int, default=25, help="DP band half-width, in sentences")
    ap.add_argument("--per-file", action="store_true")
    args = ap.parse_args(argv)

    from flashcards import alignment, dictionary

    folder = args.data / f"mac-{args.split}"
    if not folder.is_dir():
        print(f"no MAC data at {folder}", file=sys.stderr)
        return 2
    scorer = load_tool(args.scorer)
    t0 = time.perf_counter()
    if not args.length_only:
        dictionary.load()
    t_dict = time.perf_counter() - t0
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="mac-pred-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    n_sent = 0
    t1 = time.perf_counter()
    for zh_path in sorted((folder / "zh").iterdir()):
        zh = read_lines(zh_path)
        en = read_lines(folder / "en" / zh_path.name)
        n_sent += len(zh) + len(en)
        beads = alignment.align_units(
            en, zh, MAC_BEADS, lexical=not args.length_only, band=args.band
        )
        lines = [
            "[{}]:[{}]".format(",".join(map(str, b.zh)), ",".join(map(str, b.en))) for b in beads
        ]
        (out_dir / f"{zh_path.name}.align").write_text("\n".join(lines) + "\n", encoding="utf-8")
    t_align = time.perf_counter() - t1
    total, per = scorer.score(str(folder / "gold"), str(out_dir), per_file=args.per_file)
    if per:
        for name, m in sorted(per.items()):
            print(f"  {name}: strict_f1={m['f1_strict']:.3f} lax_f1={m['f1_lax']:.3f}")
    print(
        scorer.table(
            total,
            f"MAC-{args.split} ({'length only' if args.length_only else 'length + CC-CEDICT'}):",
        )
    )
    print(
        f"dictionary load {t_dict:.2f}s; aligned {n_sent} sentences in {t_align:.2f}s; "
        f"predictions in {out_dir}"
    )
    print(f"strict_f1={total['f1_strict']:.3f} lax_f1={total['f1_lax']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
