"""What the cold-open crawl (test_cold_open.py) looks at on every screen: error dialogs and red alerts,
console errors, failed requests (HTTP >= 400) and cut cells in the first rows of report tables.

A screen is opened the way a person opens it: a click in the workspace, or the URL typed into a fresh
tab, with nothing prepared by the test. Each finding names the screen, so one run lists them all.
"""

import os
import re
from pathlib import Path
from urllib.parse import quote, urlencode

from playwright.sync_api import Page

from serial_tracking.platform.compat import DESK

SETTLE = 60_000
SHOTS = os.environ.get("ST_SCREENSHOTS")
FIRST_ROWS = 5
# Free text a column cannot be made wide enough for, shown elided on purpose (the whole text is in the
# cell's tooltip and in the row's document): remarks, addresses, lists of serials, problem lists.
FREE_TEXT = {"remarks", "address", "components", "problems", "description"}

# In the page: visible error dialogs and red alerts, and the cut cells of the first rows of report tables.
PROBE = """(args) => {
	const [firstRows, freeText] = args;
	const visible = (el) => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length));
	const text = (el) => (el ? el.innerText.trim().replace(/\\s+/g, " ").slice(0, 300) : "");
	const errors = [];
	for (const modal of document.querySelectorAll(".modal.show")) {
		if (!visible(modal)) continue;
		const red = modal.querySelector(".modal-header .indicator.red, .modal-title .indicator.red");
		if (red || /error|exception|traceback/i.test(text(modal.querySelector(".modal-title")))) {
			errors.push(`dialog "${text(modal.querySelector(".modal-title"))}": ${text(modal.querySelector(".modal-body"))}`);
		}
	}
	for (const alert of document.querySelectorAll(".desk-alert.red, .alert-container .red")) {
		if (visible(alert)) errors.push(`red alert: ${text(alert)}`);
	}
	const cut = [];
	for (const table of document.querySelectorAll(".datatable")) {
		if (!visible(table)) continue;
		const heads = {};
		for (const head of table.querySelectorAll(".dt-header .dt-cell--header")) {
			heads[head.dataset.colIndex] = { label: text(head), field: head.dataset.fieldname || "" };
		}
		for (const row of table.querySelectorAll(".dt-scrollable .dt-row")) {
			if (Number(row.dataset.rowIndex) >= firstRows) continue;
			for (const cell of row.querySelectorAll(".dt-cell")) {
				const content = cell.querySelector(".dt-cell__content");
				const head = heads[cell.dataset.colIndex] || { label: "", field: "" };
				const column = (frappe.query_report?.columns || [])[Number(cell.dataset.colIndex) - 1];
				const field = (column && column.fieldname) || head.field;
				if (!visible(cell) || !content || freeText.includes(field)) continue;
				if (cell.dataset.colIndex === "0") continue;  // the row numbers
				// the text's own width with the cell's padding and a little room: scrollWidth ignores the
				// white space Chromium counts before it draws an ellipsis (a cell drawn cut measured whole)
				const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
				const range = document.createRange();
				let width = 0;
				while (walker.nextNode()) {
					if (!walker.currentNode.textContent.trim()) continue;
					range.selectNodeContents(walker.currentNode);
					width += range.getBoundingClientRect().width;
				}
				const style = getComputedStyle(content);
				const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
				if (width + padding + 3 > content.clientWidth) {
					cut.push(`row ${Number(row.dataset.rowIndex) + 1}, "${head.label}": "${text(content)}"`);
				}
			}
		}
	}
	return { errors, cut };
}"""


class Crawl:
	"""Opens screens on one page and keeps every problem found, per screen."""

	def __init__(self, page: Page):
		self.page = page
		self.screen = "start"
		self.problems: list[str] = []
		self.report_runs = 0  # answers to query_report.run: a report opened has run once its answer came
		page.on("console", self.on_console)
		page.on("pageerror", self.on_page_error)
		page.on("response", self.on_response)

	def note(self, problem: str) -> None:
		self.problems.append(f"{self.screen}: {problem}")

	def on_console(self, message) -> None:
		if message.type == "error":
			self.note(f"console error: {message.text[:300]}")

	def on_page_error(self, error) -> None:
		# Frappe's query report throws this string on purpose when a required filter is empty, once it has
		# shown "Please set filters" in the report (ERPNext's Serial No Ledger, linked from the workspace).
		if str(error) != "Filter missing":
			self.note(f"page error: {error}")

	def on_response(self, response) -> None:
		if "/api/method/frappe.desk.query_report.run" in response.url:
			self.report_runs += 1
		if response.status >= 400:
			self.note(f"HTTP {response.status} {response.request.method} {response.url[:200]}")

	# --- opening screens ---

	def typed(self, screen: str, path: str, params: dict | None = None) -> None:
		"""The URL typed into the address bar."""
		self.screen, self.report_runs = screen, 0
		query = f"?{urlencode(params)}" if params else ""
		self.page.goto(f"{DESK}/{path}{query}", wait_until="domcontentloaded")
		self.settle()

	def clicked(self, screen: str, locator) -> None:
		"""A click on a workspace link or shortcut."""
		self.screen, self.report_runs = screen, 0
		locator.click()
		self.settle()

	def settle(self) -> None:
		"""Wait until the desk shows the screen: its requests done, nothing frozen, no list or report
		still loading."""
		page = self.page
		page.wait_for_function("() => window.frappe && frappe.get_route && frappe.boot", timeout=SETTLE)
		page.wait_for_load_state("networkidle", timeout=SETTLE)
		page.wait_for_function(
			"""() => {
				if (document.querySelector('#freeze')) return false;
				const route = frappe.get_route();
				if (!route) return false;  // the desk has not routed the typed URL yet
				if (route[0] === 'query-report' && window.frappe.query_report) {
					const r = frappe.query_report;
					return r.report_name === route[1] && !(r.$loading && r.$loading.is(':visible'));
				}
				return true;
			}""",
			timeout=SETTLE,
		)
		if page.evaluate("() => (frappe.get_route() || [])[0] === 'query-report'"):
			# a report runs a moment after its page shows (Frappe throttles it): wait for its answer (none
			# comes when a required filter is empty), then for the desk to draw it and fit its columns
			for _ in range(50):
				if self.report_runs:
					break
				page.wait_for_timeout(100)
			page.wait_for_load_state("networkidle", timeout=SETTLE)
			page.wait_for_function(
				"() => !(frappe.query_report.$loading && frappe.query_report.$loading.is(':visible'))",
				timeout=SETTLE,
			)
			page.wait_for_timeout(900)
		page.wait_for_timeout(400)  # charts and the datatable lay out after their data arrives

	def check(self, shot: str | None = None) -> None:
		"""Look at the screen as it is now: dialogs, alerts, cut cells; and take its screenshot."""
		found = self.page.evaluate(PROBE, [FIRST_ROWS, sorted(FREE_TEXT)])
		for error in found["errors"]:
			self.note(error)
		for cell in found["cut"]:
			self.note(f"cut text in {cell}")
		if shot and SHOTS:
			Path(SHOTS).mkdir(parents=True, exist_ok=True)
			self.page.screenshot(path=str(Path(SHOTS) / f"{slug(shot)}.png"))

	def close_dialogs(self) -> None:
		self.page.evaluate(
			"() => { frappe.hide_msgprint && frappe.hide_msgprint(); cur_dialog && cur_dialog.hide(); }"
		)

	def report(self) -> str:
		return "\n".join(self.problems)


def slug(text: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def route(doctype: str) -> str:
	return quote(doctype.lower().replace(" ", "-"))
