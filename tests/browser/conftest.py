"""End-to-end tests of serial_tracking's desk UI in headless Chromium (Playwright, sync API).

Run through `.ci/browser <bench_dir> <site>`, which serves the site and sets:

    ST_BROWSER_SITE  the site under test (default test_site)
    ST_BROWSER_URL   where it answers (default http://<site>:8000)
    ST_BROWSER_USER / ST_BROWSER_PASSWORD  (default Administrator / admin)
    ST_CHROMIUM      the browser binary (default /usr/bin/chromium; never a downloaded one)
    ST_BROWSER_KEEP_CONSOLE=1  keep every test's console errors in artifacts/, not only on failure

Data is prepared through Frappe's REST API with a `requests` session of its own; the flows under
test are driven through the app's own UI. Every record gets a name unique to the run.
"""

import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
import requests

from serial_tracking.platform.compat import (
	DESK,  # the desk route of the bench's Frappe: /app (15) or /desk (16)
)

SITE = os.environ.get("ST_BROWSER_SITE", "test_site")
BASE_URL = os.environ.get("ST_BROWSER_URL", f"http://{SITE}:8000").rstrip("/")
USER = os.environ.get("ST_BROWSER_USER", "Administrator")
PASSWORD = os.environ.get("ST_BROWSER_PASSWORD", "admin")
CHROMIUM = os.environ.get("ST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-dev-shm-usage",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
]
RUN = uuid.uuid4().hex[:6].upper()  # one tag per run: item codes never collide across runs


def unique(prefix: str = "STB") -> str:
	return f"{prefix}-{RUN}-{uuid.uuid4().hex[:4].upper()}"


# --- REST API ------------------------------------------------------------------------------------


class Api:
	"""A logged-in `requests` session on the site (no CSRF token: it never loads the desk)."""

	def __init__(self, base_url: str):
		self.base = base_url
		self.http = requests.Session()
		self.call("login", usr=USER, pwd=PASSWORD)
		self._cache = {}

	def _check(self, response: requests.Response) -> dict:
		if not response.ok:
			raise AssertionError(
				f"{response.request.method} {response.url}: {response.status_code} {response.text[:2000]}"
			)
		return response.json()

	def call(self, method: str, **args):
		return self._check(self.http.post(f"{self.base}/api/method/{method}", json=args, timeout=120)).get(
			"message"
		)

	def get_list(self, doctype: str, filters=None, fields=("name",), order_by=None, limit=0) -> list[dict]:
		params = {"fields": json.dumps(list(fields)), "limit_page_length": limit}
		if filters:
			params["filters"] = json.dumps(filters)
		if order_by:
			params["order_by"] = order_by
		return self._check(self.http.get(f"{self.base}/api/resource/{doctype}", params=params, timeout=120))[
			"data"
		]

	def get_doc(self, doctype: str, name: str) -> dict:
		return self._check(self.http.get(f"{self.base}/api/resource/{doctype}/{name}", timeout=120))["data"]

	def insert(self, doc: dict) -> dict:
		"""Insert (and submit, when the doc says docstatus 1) through /api/resource."""
		doctype = doc["doctype"]
		return self._check(self.http.post(f"{self.base}/api/resource/{doctype}", json=doc, timeout=300))[
			"data"
		]

	def update(self, doctype: str, name: str, values: dict) -> dict:
		return self._check(
			self.http.put(f"{self.base}/api/resource/{doctype}/{name}", json=values, timeout=120)
		)["data"]

	# --- lookups, discovered on the site rather than assumed ---

	@property
	def company(self) -> str:
		if "company" not in self._cache:
			default = self.get_doc("Global Defaults", "Global Defaults").get("default_company")
			self._cache["company"] = (
				default or self.get_list("Company", order_by="creation asc", limit=1)[0]["name"]
			)
		return self._cache["company"]

	@property
	def warehouse(self) -> str:
		if "warehouse" not in self._cache:
			rows = self.get_list(
				"Warehouse", [["company", "=", self.company], ["is_group", "=", 0], ["disabled", "=", 0]]
			)
			names = sorted(r["name"] for r in rows)
			stores = [n for n in names if n.startswith("Stores")]
			assert names, f"no warehouse in {self.company}"
			self._cache["warehouse"] = (stores or names)[0]
		return self._cache["warehouse"]

	@property
	def supplier(self) -> str:
		if "supplier" not in self._cache:
			name = "ST Browser Supplier"
			if not self.get_list("Supplier", [["name", "=", name]]):
				group = self.get_list("Supplier Group", [["is_group", "=", 1]], order_by="lft asc", limit=1)
				self.insert(
					{
						"doctype": "Supplier",
						"supplier_name": name,
						"supplier_group": group[0]["name"] if group else None,
					}
				)
			self._cache["supplier"] = name
		return self._cache["supplier"]

	# --- records of the flows ---

	def item(self, mode: str = "Quantity", template: str | None = None, **fields) -> str:
		code = unique()
		doc = {
			"doctype": "Item",
			"item_code": code,
			"item_name": f"Browser test {code}",
			"item_group": "All Item Groups",
			"stock_uom": "Nos",
			"is_stock_item": 1,
			"st_tracking_mode": mode,
			**fields,
		}
		if template:
			doc["st_series_template"] = template
		if mode == "Serialized":
			doc.setdefault("st_serial_source", "Generate when left blank")
		return self.insert(doc)["name"]

	def receive(self, item_code: str, qty: int, rate: float = 100) -> dict:
		"""A submitted Material Receipt, blank serials: the app generates them at submit."""
		return self.insert(
			{
				"doctype": "Stock Entry",
				"stock_entry_type": "Material Receipt",
				"purpose": "Material Receipt",
				"company": self.company,
				"docstatus": 1,
				"items": [
					{"item_code": item_code, "qty": qty, "t_warehouse": self.warehouse, "basic_rate": rate}
				],
			}
		)

	def purchase_receipt(self, item_code: str, qty: int, rate: float = 50, submit: bool = False) -> dict:
		return self.insert(
			{
				"doctype": "Purchase Receipt",
				"company": self.company,
				"supplier": self.supplier,
				"set_warehouse": self.warehouse,
				"docstatus": 1 if submit else 0,
				"items": [{"item_code": item_code, "qty": qty, "rate": rate, "warehouse": self.warehouse}],
			}
		)

	def serials(self, item_code: str) -> list[str]:
		return [
			r["name"]
			for r in self.get_list("Serial No", [["item_code", "=", item_code]], order_by="name asc")
		]


@pytest.fixture(scope="session")
def api() -> Api:
	return Api(BASE_URL)


# --- browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_instance():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
	browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
	yield browser
	browser.close()


@pytest.fixture(scope="session")
def auth_state(browser, tmp_path_factory) -> str:
	"""Log in once through the login page; every test's context starts from the saved cookies."""
	context = browser.new_context(base_url=BASE_URL)
	page = context.new_page()
	page.goto("/login", wait_until="domcontentloaded", timeout=90_000)
	page.fill("#login_email", USER)
	page.fill("#login_password", PASSWORD)
	page.locator(".btn-login").first.click()
	page.wait_for_url(re.compile(re.escape(DESK) + r"(/|$)"), timeout=90_000)
	path = str(tmp_path_factory.mktemp("auth") / "state.json")
	context.storage_state(path=path)
	context.close()
	return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	report = outcome.get_result()
	setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def page(browser, auth_state, request):
	context = browser.new_context(
		base_url=BASE_URL,
		storage_state=auth_state,
		accept_downloads=True,
		viewport={"width": 1440, "height": 1000},
	)
	context.set_default_timeout(30_000)
	context.set_default_navigation_timeout(90_000)
	page = context.new_page()
	console = []
	page.on(
		"console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
	)
	page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
	yield page
	failed = any(
		getattr(request.node, f"rep_{when}", None) and getattr(request.node, f"rep_{when}").failed
		for when in ("setup", "call")
	)
	if failed or os.environ.get("ST_BROWSER_KEEP_CONSOLE"):
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
		if failed:
			try:
				page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
			except Exception as error:  # a crashed page still leaves its console log
				console.append(f"screenshot failed: {error}")
		(ARTIFACTS / f"{stem}.console.txt").write_text(f"url: {page.url}\n" + "\n".join(console))
	context.close()
