"""What the benchmark scripts share: where the research data lies, and loading its tools."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SHARED = Path(__file__).resolve().parents[2] / "shared"  # beside the repository


def load_tool(path: Path) -> ModuleType:
    """Import a script of ../shared/tools (a scorer) as a module."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
