"""Screenshots for the README, taken on the demo site's data (so they stay true).

Skipped unless ST_SCREENSHOTS names the folder to write them to: run-tests sets it when the bench has
the demo site that ./dev-bench builds, and runs only this module against that site.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from serial_tracking.platform.compat import DESK

SLOW = 60_000
FOLDER = os.environ.get("ST_SCREENSHOTS")

pytestmark = pytest.mark.skipif(
	not FOLDER, reason="ST_SCREENSHOTS not set (run-tests sets it on the demo site)"
)


def test_workspace_on_the_demo_data(page: Page):
	page.set_viewport_size({"width": 1440, "height": 1100})
	page.goto(f"{DESK}/serial-tracking", wait_until="domcontentloaded")
	expect(page.locator(".page-head:visible .title-area")).to_contain_text("Serial Tracking", timeout=SLOW)
	cards = page.locator(".layout-main-section .number-widget-box")
	expect(cards.first).to_be_visible(timeout=SLOW)
	for card in cards.all():
		expect(card).to_contain_text(re.compile(r"\d"), timeout=SLOW)
	expect(page.locator(".layout-main-section svg.frappe-chart").first).to_be_visible(timeout=SLOW)
	page.wait_for_timeout(1500)  # the chart's entry animation
	Path(FOLDER).mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(Path(FOLDER) / "workspace.png"), full_page=True)
