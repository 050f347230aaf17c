"""Finding input files and reading them as text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import InputError

MAX_BYTES = 5 * 1024 * 1024  # an editorial is a few kB; anything this big is not one


def find_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files to build: each file named, and every `*.txt` inside each folder named (sorted).

    Raises:
        InputError: a path does not exist, or a folder holds no `.txt` file.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not inside:
                raise InputError("the folder holds no .txt editorial files", path=str(path))
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return found


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a byte-order mark is allowed).

    Raises:
        InputError: the file cannot be read, is too big, empty, binary or not UTF-8.
    """
    where = str(path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path=where)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"the file is {size // 1024} kB; an editorial is a few kB (limit "
                f"{MAX_BYTES // 1024 // 1024} MB): is this the right file?",
                path=where,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=where) from None
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror}", path=where) from None
    if not data.strip():
        raise InputError("the file is empty", path=where)
    if b"\x00" in data:
        raise InputError(
            "the file holds NUL bytes: it is binary, not an editorial text file", path=where
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"the file is not UTF-8 text (byte {err.start}); save it as UTF-8", path=where
        ) from None
