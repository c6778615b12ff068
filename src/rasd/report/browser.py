"""Headless Chromium for the briefing's browser test, screenshots and load-time measurement.

Development tooling only: needs ``selenium`` (the ``test`` extra) and Debian's ``chromium`` and
``chromedriver``; nothing in ``rasd report`` imports this module.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000")


def chromedriver() -> str | None:
    return shutil.which("chromedriver") or (p if Path(p := "/usr/bin/chromedriver").exists() else None)


def available() -> bool:
    """Chromium, its driver and selenium are all here."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() and chromedriver() is not None


def start():
    """A fresh headless Chromium (own profile directory) with the browser console log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='rasd-chromium-')}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver()), options=opts)


def load_ms(driver, url: str) -> float:
    """Open ``url`` and return its navigation-timing ``loadEventEnd`` (ms from navigation start)."""
    driver.get(url)
    return float(driver.execute_script(
        "var n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : -1;"))


def settle(driver, frames: int = 3) -> None:
    """Wait for a few animation frames, so sections that came into view are drawn."""
    driver.set_script_timeout(10)
    driver.execute_async_script(
        "var done = arguments[arguments.length - 1], n = arguments[0];"
        "(function f() { if (n-- <= 0) { setTimeout(done, 300); } else { requestAnimationFrame(f); } })();", frames)


def full_page_screenshot(driver, path: str | Path, max_height: int = 16000) -> None:
    """Grow the window to the page's height (capped) and save a PNG of all of it."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    width = int(driver.execute_script("return window.outerWidth")) or 1400
    driver.set_window_size(width, min(max_height, height + 40))
    driver.execute_script("window.scrollTo(0, 0)")
    settle(driver)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    driver.set_window_size(1400, 1000)
