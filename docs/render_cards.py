"""Screenshots of every card type, rendered by Anki's own renderer from the real templates.

usage: python docs/render_cards.py [OUT_DIR]   (needs the `anki` package and Chromium)

The sample deck is imported into a scratch collection; each card's question and answer HTML
comes from Anki (templates, CSS, the furigana filter), is wrapped as Anki's reviewer wraps it,
and is shot by headless Chromium at phone width, in day and night mode.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from flashcards.pipeline import build_file, sample_path, write_deck

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body {{ margin: 0; padding: 12px 0; }} .replay {{ color: #0b5cad; }}</style></head>
<body class="card{night}"><div id="qa">{html}</div></body></html>"""
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip


def play_buttons(html: str) -> str:
    """Anki shows a play button where a `{{tts}}` tag was."""
    html = re.sub(r"\[anki:tts[^\]]*\].*?\[/anki:tts\]", "[anki:play]", html)
    return re.sub(r"\[anki:play[^\]]*\]", '<span class="replay">▶</span>', html)


def shoot(html: str, png: Path, night: bool, width: int = 390, height: int = 760) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "card.html"
        page.write_text(PAGE.format(html=play_buttons(html), night=" nightMode" if night else ""))
        browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
        subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
             f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "cards")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        deck, _ = write_deck(build_file(sample_path()), Path(tmp))
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            col.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
            )
            shown: set[str] = set()
            for cid in sorted(col.find_cards('"Term:take sth into account"')):
                card = col.get_card(cid)
                kind = card.template()["name"].split()[0].lower()
                if kind in shown:
                    continue
                shown.add(kind)
                shoot(card.question(), out / f"{kind}-front.png", night=False)
                shoot(card.answer(), out / f"{kind}-back.png", night=False)
                shoot(card.answer(), out / f"{kind}-back-night.png", night=True)
                print(f"{kind}: {out}/{kind}-front.png, -back.png, -back-night.png")
        finally:
            col.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
