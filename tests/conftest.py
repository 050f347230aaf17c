"""Shared test helpers: paths to the shared corpus (tests skip cleanly without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "mingpao-2021-06-18.txt"


def need_shared(path: Path) -> Path:
    """`path` under ../shared, or skip the test when the shared folder is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (the ../shared folder is not here)")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


EDITORIAL = """\
 date 2021-02-11 The US and Russia still have divergent stances. Russia was kicked out of the G8 in 2014.

The Kremlin has lent support to the crackdown. It expelled ten diplomats.

明報社評 2021.06.18：美俄峰會緩和關係

美俄峰會，拜登與普京同意恢復互派大使。

美俄立場依舊南轅北轍。2014年俄國被踢出八國集團。

克宮支持當局鎮壓。俄國驅逐十名外交人員。

■/ Glossary 生字 /

lend：to give or provide help, support, etc

divergent /daɪˈvɜːdʒənt/

developing or moving in different directions

kick sb out：to force sb to leave

■英語社評聲檔：link.mingpao.com/53000.htm
"""


@pytest.fixture
def editorial_text() -> str:
    """A small editorial in the Ming Pao layout, with its usual noise."""
    return EDITORIAL


class AnkiCollection:
    """A real Anki collection in a temp folder, driven with the official `anki` package."""

    def __init__(self, folder: Path) -> None:
        from anki.collection import Collection

        self.col = Collection(str(folder / "collection.anki2"))

    def import_package(self, package: Path):  # type: ignore[no-untyped-def]
        """Import as Anki desktop does by default: a note is updated when the incoming one
        is newer; scheduling comes along."""
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        request = ImportAnkiPackageRequest(
            package_path=str(package), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        return self.col.import_anki_package(request).log

    def notes_by_term(self) -> dict[str, object]:
        notes = [self.col.get_note(nid) for nid in self.col.find_notes("")]
        return {n["Term"]: n for n in notes}


@pytest.fixture
def anki(tmp_path: Path):  # type: ignore[no-untyped-def]
    pytest.importorskip("anki.collection")
    collection = AnkiCollection(tmp_path)
    yield collection
    collection.col.close()
