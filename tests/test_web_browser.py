"""The desk in a real browser: headless Chromium (the system's, through Selenium and
chromium-driver) against `flashcards serve` running as a user runs it.

A teacher pastes the sample, sees its terms and card previews, removes a term, edits a
definition and downloads the deck; the deck, imported with the official `anki` package,
holds both corrections, and the command line builds the same package from the same text and
corrections file. Skips, with one reason, where no Chromium and chromium-driver are installed
(`apt-get install chromium chromium-driver`; `.ci/run` does it).

`FLASHCARDS_UPDATE_SCREENSHOTS=1` also copies the screenshots taken on the way into `docs/`
for the README.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from flashcards.cli import main
from flashcards.pipeline import sample_path

from .conftest import ROOT, AnkiCollection

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no Chromium with chromium-driver found (apt-get install chromium chromium-driver)",
)
NEW_DEFINITION = "too small for the people who live in it"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`flashcards serve` on a free port; its first line of output is the desk's address."""
    out = tmp_path_factory.mktemp("served") / "decks"
    server = subprocess.Popen(
        [sys.executable, "-m", "flashcards", "serve", "--port", "0", "--no-browser", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    address = server.stdout.readline().strip()
    try:
        assert address.startswith("http://127.0.0.1:") and address.endswith("/"), address
        yield address, out
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stdout.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1000", "--no-first-run", "--disable-background-networking",
                 "--hide-scrollbars"):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
    })  # fmt: skip
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(condition: Callable[[], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the page is being replaced
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {condition}")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Where the screenshots go; copied to docs/ when asked to."""
    folder = tmp_path_factory.mktemp("shots")
    yield folder
    if os.environ.get("FLASHCARDS_UPDATE_SCREENSHOTS") == "1":
        for png in folder.glob("*.png"):
            shutil.copy(png, ROOT / "docs" / png.name)


def terms(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [
        a.get_attribute("data-term") for a in driver.find_elements(By.CSS_SELECTOR, "article.term")
    ]


def click(driver: Any, element: Any) -> None:
    """Click an element once scrolled clear of the desk's sticky bar."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def frame_text(driver: Any, frame: Any) -> str:
    driver.switch_to.frame(frame)
    try:
        return str(driver.execute_script("return document.body.innerText"))
    finally:
        driver.switch_to.default_content()


def test_paste_correct_download_import_and_rebuild(
    served: tuple[str, Path], browser: Any, shots: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    address, out = served
    driver = browser
    driver.get(address)
    box = driver.find_element(By.ID, "text")
    driver.execute_script("arguments[0].value = arguments[1]", box,
                          sample_path().read_text(encoding="utf-8"))  # fmt: skip
    click(driver, driver.find_element(By.ID, "paste-button"))
    wait_for(lambda: "/items/" in driver.current_url)
    name = driver.current_url.rsplit("/", 1)[1]

    # see the deck: its terms, their examples, and each card type's preview from Anki's templates
    assert terms(driver) == ["cramped", "seek", "take sth into account", "facility",
                             "cater for sb/sth"]  # fmt: skip
    cramped = driver.find_element(By.CSS_SELECTOR, 'article[data-term="cramped"]')
    bold = cramped.find_element(By.CSS_SELECTOR, "p.en b")
    assert bold.text == "cramped"
    assert cramped.find_element(By.CSS_SELECTOR, "p.zh .equiv rb").text == "狹小"
    fronts = cramped.find_elements(By.CSS_SELECTOR, "iframe.card-preview.front")
    backs = cramped.find_elements(By.CSS_SELECTOR, "iframe.card-preview.back")
    assert len(fronts) == len(backs) == 3
    assert frame_text(driver, fronts[0]).split("\n")[:2] == ["cramped", "/kræmpt/"]
    assert "Which term fits the blank?" in frame_text(driver, fronts[1])
    back = frame_text(driver, backs[0])
    assert "(of a room, flat, etc.) too small" in back and "狹小" in back
    driver.save_screenshot(str(shots / "desk.png"))

    # the toggles: night mode inside each card, phone width around it
    click(driver, driver.find_element(By.ID, "night-toggle"))
    click(driver, driver.find_element(By.ID, "phone-toggle"))
    driver.switch_to.frame(backs[0])
    night = driver.execute_script("return document.body.className")
    driver.switch_to.default_content()
    assert "nightMode" in night
    assert backs[0].size["width"] == 390
    driver.execute_script("arguments[0].scrollIntoView()", cramped)
    cramped.find_element(By.CSS_SELECTOR, ".previews").screenshot(str(shots / "desk-preview.png"))
    click(driver, driver.find_element(By.ID, "night-toggle"))
    click(driver, driver.find_element(By.ID, "phone-toggle"))

    # correct it: remove a term, edit a definition; the page updates without a reload
    click(driver, driver.find_element(By.CSS_SELECTOR, 'article[data-term="seek"] .remove-term'))
    wait_for(lambda: "seek" not in terms(driver))
    field = driver.find_element(By.CSS_SELECTOR, 'article[data-term="cramped"] input.definition')
    field.clear()
    field.send_keys(NEW_DEFINITION)
    click(
        driver, driver.find_element(By.CSS_SELECTOR, 'article[data-term="cramped"] .define button')
    )

    def corrected_back() -> bool:
        article = driver.find_element(By.CSS_SELECTOR, 'article[data-term="cramped"]')
        frame = article.find_element(By.CSS_SELECTOR, "iframe.card-preview.back")
        return NEW_DEFINITION in frame_text(driver, frame)

    wait_for(corrected_back)
    corrections = out / "desk" / name.replace(".txt", ".corrections.toml")
    text = corrections.read_text(encoding="utf-8")
    assert 'remove = [\n    "seek",\n]' in text and f'cramped = "{NEW_DEFINITION}"' in text
    article = driver.find_element(By.CSS_SELECTOR, 'article[data-term="cramped"]')
    driver.execute_script("arguments[0].scrollIntoView()", article)
    article.screenshot(str(shots / "desk-correction.png"))

    # take the deck
    click(driver, driver.find_element(By.ID, "download"))
    package = wait_for(lambda: next(iter(driver.downloads.glob("*.apkg")), None))
    wait_for(lambda: not list(driver.downloads.glob("*.crdownload")))
    downloaded = package.read_bytes()
    assert package.name == "2023-03-01-with-the-hong-kong-diploma.apkg"

    collection = AnkiCollection(tmp_path)
    try:
        collection.import_package(package)
        notes = collection.notes_by_term()
        assert sorted(notes) == ["cater for sb/sth", "cramped", "facility",
                                 "take sth into account"]  # fmt: skip
        assert notes["cramped"]["Definition"] == NEW_DEFINITION  # type: ignore[index]
    finally:
        collection.col.close()

    # the command line, with the corrections file beside the text, makes the same package
    result = CliRunner().invoke(
        main, ["build", str(out / "desk" / name), "-o", str(out), "--force"]
    )
    assert result.exit_code == 0, result.stderr
    assert (out / package.name).read_bytes() == downloaded


def test_choose_and_drop_files(served: tuple[str, Path], browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    address, out = served
    driver = browser
    good, binary = tmp_path / "Library hours.txt", tmp_path / "scan.txt"
    shutil.copy(sample_path(), good)
    binary.write_bytes(b"\x00\x01\x02\x03 not text")
    driver.get(address)
    driver.find_element(By.ID, "files").send_keys(f"{good}\n{binary}")
    click(driver, driver.find_element(By.CSS_SELECTOR, "#upload button"))
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, ".notices"))
    shown = [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".notices li")]
    assert shown == [
        "scan.txt: the file holds NUL bytes: it is binary, not an editorial text file",
        "added library-hours.txt",
    ]
    assert (out / "desk" / "library-hours.txt").read_bytes() == good.read_bytes()

    driver.execute_script(
        """const data = new DataTransfer();
        data.items.add(new File([arguments[0]], "dropped.txt", {type: "text/plain"}));
        document.getElementById("drop").dispatchEvent(
            new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));""",
        sample_path().read_text(encoding="utf-8"),
    )
    wait_for(lambda: "added dropped.txt" in driver.find_element(By.CSS_SELECTOR, ".notices").text)
    assert (out / "desk" / "dropped.txt").read_text(encoding="utf-8") == sample_path().read_text(
        encoding="utf-8"
    )
