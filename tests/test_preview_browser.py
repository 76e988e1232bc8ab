"""The preview in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, installed by ``bin/setup --test``) driven by Selenium.

The file is edited on disk and the text is read back from the page's DOM, as the person
in front of it would see it.  Set PAPERKIT_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from paperkit.jobs import RenderSettings
from paperkit.preview.server import PreviewServer
from paperkit.preview.session import PreviewSession
from test_preview import write_position

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra: bin/setup --test")
from selenium.common.exceptions import NoSuchFrameException, StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("Chromium cannot start: Debian's chromium and chromium-driver are not installed "
                    "(bin/setup --test installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--lang=en"):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    except WebDriverException as error:
        pytest.skip(f"Chromium cannot start here: {error.msg}")
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, tmp_path):
    path = tmp_path / "live.yaml"
    write_position(path, "The first paragraph.")
    server = PreviewServer(PreviewSession(path, RenderSettings(formats=("html",)))).start()
    browser.get(server.url)
    yield browser, path
    server.stop()


def frame_text(driver, frame_id: str = "frame1") -> str:
    """The text of the document in an iframe ("" while it loads)."""
    try:
        driver.switch_to.frame(driver.find_element(By.ID, frame_id))
        return driver.find_element(By.TAG_NAME, "body").text
    except (NoSuchFrameException, StaleElementReferenceException, WebDriverException):
        return ""
    finally:
        driver.switch_to.default_content()


def frame_type(driver, frame_id: str = "frame1") -> str:
    """The content type of the document in an iframe, as the browser took it ("" while it loads)."""
    try:
        driver.switch_to.frame(driver.find_element(By.ID, frame_id))
        return driver.execute_script("return document.contentType") or ""
    except (NoSuchFrameException, StaleElementReferenceException, WebDriverException):
        return ""
    finally:
        driver.switch_to.default_content()


def until(driver, condition, timeout: float = 20):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition())


def screenshot(driver, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("PAPERKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / f"{name}.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 5000  # a real picture, not a blank page
    return shot


def test_edit_break_and_fix_the_file_in_the_browser(page, tmp_path):
    driver, path = page
    until(driver, lambda: "The first paragraph." in frame_text(driver))
    assert "A live statement" in frame_text(driver)

    write_position(path, "Edited while the page was open.")
    until(driver, lambda: "Edited while the page was open." in frame_text(driver))
    assert "The first paragraph." not in frame_text(driver)

    overlay = driver.find_element(By.ID, "overlay")
    assert not overlay.is_displayed()
    path.write_text(path.read_text(encoding="utf-8").replace("kind: statement", "kind: statement\ntitel: typo"),
                    encoding="utf-8")
    until(driver, overlay.is_displayed)
    assert "live.yaml:3" in overlay.text and "titel" in overlay.text
    assert "Edited while the page was open." in frame_text(driver)  # the last good rendering stays
    screenshot(driver, tmp_path, "preview-error")

    write_position(path, "Fixed.")
    until(driver, lambda: not overlay.is_displayed())
    until(driver, lambda: "Fixed." in frame_text(driver))
    screenshot(driver, tmp_path, "preview-fixed")


def test_two_languages_side_by_side(page, tmp_path):
    driver, _ = page
    until(driver, lambda: "The first paragraph." in frame_text(driver))
    driver.find_element(By.ID, "tab-side").click()
    until(driver, lambda: "Le premier paragraphe." in frame_text(driver, "frame2"))
    assert "The first paragraph." in frame_text(driver, "frame1")
    left, right = (driver.find_element(By.ID, f).rect for f in ("frame1", "frame2"))
    assert right["x"] >= left["x"] + left["width"] - 1 and abs(right["y"] - left["y"]) < 2  # next to each other
    screenshot(driver, tmp_path, "preview-side-by-side")


def test_the_pdf_tab_shows_the_pdf(page, tmp_path):
    driver, _ = page
    until(driver, lambda: "The first paragraph." in frame_text(driver))
    driver.find_element(By.ID, "tab-pdf").click()
    frame = driver.find_element(By.ID, "frame1")
    until(driver, lambda: "/document.pdf?" in (frame.get_attribute("src") or ""))
    assert driver.find_element(By.ID, "tab-pdf").get_attribute("aria-selected") == "true"
    assert driver.find_element(By.ID, "pdf-link").get_attribute("href").split("?")[0].endswith("/document.pdf")
    until(driver, lambda: frame_type(driver) == "application/pdf", timeout=60)  # Chromium's PDF viewer has it
    screenshot(driver, tmp_path, "preview-pdf")
