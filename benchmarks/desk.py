"""How long the teacher's desk takes to show a pasted editorial: from the start of the paste
request to the whole item page (terms, examples, every card preview) received.

usage: python benchmarks/desk.py [--repeat 10] [--text FILE]

Starts `flashcards serve` as a user does (its own process, a free port), then pastes the text
(default: the bundled sample) --repeat times, each as a new item, over real HTTP. Prints the
first paste (the desk's process loads its dictionaries then) and the median, best and worst of
the others, and the page's size.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from flashcards.pipeline import sample_path


def paste(address: str, token: str, text: str) -> tuple[float, int]:
    """POST the text and follow the redirect to its page; (seconds, bytes of the page)."""
    body = urllib.parse.urlencode({"csrf": token, "text": text}).encode()
    request = urllib.request.Request(address + "paste", data=body, method="POST")
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:  # follows the 303
        page = response.read()
        assert "/items/" in response.url, response.url
    return time.perf_counter() - start, len(page)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--text", type=Path, default=sample_path())
    args = parser.parse_args()
    text = args.text.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(
            [sys.executable, "-m", "flashcards", "serve", "--port", "0", "--no-browser",
             "-o", str(Path(tmp) / "decks")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert server.stdout is not None
        try:
            address = server.stdout.readline().strip()
            with urllib.request.urlopen(address, timeout=30) as response:
                home = response.read().decode()
            token = re.search(r'name="csrf" value="([^"]+)"', home)
            assert token is not None
            first, size = paste(address, token[1], text)
            rest = [paste(address, token[1], text)[0] for _ in range(args.repeat)]
        finally:
            server.terminate()
            server.wait(timeout=20)
            server.stdout.close()
    print(f"text: {args.text.name} ({len(text)} characters); page {size / 1000:.0f} kB")
    print(f"first paste (the desk's process loads its dictionaries): {first * 1000:.0f} ms")
    print(
        f"next {len(rest)} pastes: median {statistics.median(rest) * 1000:.0f} ms, "
        f"best {min(rest) * 1000:.0f} ms, worst {max(rest) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
