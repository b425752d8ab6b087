"""Render the top of a review page to a PNG, as the README shows it: Debian's Chromium via Playwright.

Run: `.venv/bin/python docs/screenshot.py out/000_37263f0645e2225f.review.html docs/review.png`
(after `make demo`; needs `make test`'s tools: playwright, and chromium from `make clients`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main(page_path: str, png: str, width: int = 1100, height: int = 1500) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(Path(page_path).resolve().as_uri())
        page.screenshot(path=png)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
