"""K clients at once against sites served by gunicorn with several workers, as production runs them: a site
with ERPNext alone and a site with the app, on the same bench, measured in the same run.

1. Throughput: each client receives units whose serials ERPNext's own Serial Number Series generates
   (Purchase Receipts), then delivers units of its own (Delivery Notes: clients never share a unit),
   every voucher inserted and submitted in one request. Units per second on each site, and the ratio
   ERPNext alone / with the app (target <= 1.15). Checked after: no serial twice, every unit with one
   live "Received" and one "Delivered" event (app site), bins equal to the units on hand.
2. The race: ten clients submit, at the same instant, ten Material Issues of the same three units. ERPNext
   alone lets more than one land; with the app exactly one lands and nine are refused, naming the unit.

Sites: two test sites of the bench (``.ci/test-site`` makes them: ERPNext with its test company); the app
is installed on one only (``.ci/link-app <repo> <bench> <site>``):

    cd ~/frappe-bench && /path/to/serial_tracking/.ci/test-site . bench-plain && \\
        /path/to/serial_tracking/.ci/test-site . bench-app && /path/to/serial_tracking/.ci/link-app /path/to/serial_tracking . bench-app
    cd ~/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/concurrency.py --plain bench-plain --app bench-app

It serves both sites with the bench's gunicorn (``--workers``, default 4) on a free port, stops it at the
end, and leaves its vouchers on the sites (keep these sites for benchmarks).
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

import requests

import frappe

PASSWORD = os.environ.get("ST_BENCH_PASSWORD", "admin")


def options():
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--plain", required=True, help="the site with ERPNext alone")
	parser.add_argument("--app", required=True, help="the site with serial_tracking")
	parser.add_argument("--clients", type=int, default=8)
	parser.add_argument("--vouchers", type=int, default=4, help="receipts (and deliveries) per client")
	parser.add_argument("--units", type=int, default=20, help="units per voucher")
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--racers", type=int, default=10)
	parser.add_argument(
		"--rounds", type=int, default=3, help="throughput rounds, the two sites alternating (medians)"
	)
	return parser.parse_args()


# --- on each site, in this process --------------------------------------------------------------------


def prepare(site: str, tag: str) -> dict:
	"""An item whose serials ERPNext's series generates, and the race's three units with ten drafts."""
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		company = frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name")[0]
		warehouse = frappe.db.get_value("Warehouse", {"company": company, "is_group": 0}, "name")
		supplier = frappe.db.get_value("Supplier", {}, "name") or party("Supplier", "Supplier Group")
		customer = frappe.db.get_value("Customer", {}, "name") or party("Customer", "Customer Group")
		item = frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": f"BENCH-{tag}",
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}, "name"),
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"has_serial_no": 1,
				"serial_no_series": f"B{tag}-.#####",
				"valuation_rate": 10,
			}
		).insert()
		race = voucher("Purchase Receipt", company, item.name, 6, warehouse, supplier=supplier)
		serials = sorted(frappe.get_all("Serial No", {"item_code": item.name}, pluck="name"))[:3]
		drafts = []
		for _ in range(10):
			issue = frappe.get_doc(
				{
					"doctype": "Stock Entry",
					"stock_entry_type": "Material Issue",
					"purpose": "Material Issue",
					"company": company,
					"items": [
						{
							"item_code": item.name,
							"qty": 3,
							"s_warehouse": warehouse,
							"serial_no": "\n".join(serials),
							"use_serial_batch_fields": 1,
						}
					],
				}
			).insert()
			drafts.append(issue.name)
		frappe.db.commit()
		return {
			"company": company,
			"item": item.name,
			"warehouse": warehouse,
			"supplier": supplier,
			"customer": customer,
			"race_serials": serials,
			"race_drafts": drafts,
			"race_receipt": race,
		}
	finally:
		frappe.destroy()


def party(doctype: str, group: str) -> str:
	fields = {"customer_name" if doctype == "Customer" else "supplier_name": f"Bench {doctype}"}
	fields[group.lower().replace(" ", "_")] = frappe.db.get_value(group, {"is_group": 0}, "name")
	if doctype == "Customer":
		fields["territory"] = frappe.db.get_value("Territory", {"is_group": 0}, "name")
	return frappe.get_doc({"doctype": doctype, **fields}).insert().name


def voucher(doctype, company, item, qty, warehouse, **fields) -> str:
	doc = frappe.get_doc(
		{
			"doctype": doctype,
			"company": company,
			**fields,
			"items": [{"item_code": item, "qty": qty, "rate": 10, "warehouse": warehouse}],
		}
	).insert()
	doc.submit()
	return doc.name


def check(site: str, setup: dict, app: bool) -> dict:
	"""Duplicates, events per unit, bins against units on hand, and the race's outcome in the books."""
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		item = setup["item"]
		units = frappe.get_all("Serial No", {"item_code": item}, ["name", "warehouse"])
		names = [u.name for u in units]
		on_hand = sum(1 for u in units if u.warehouse)
		bin_qty = sum(frappe.get_all("Bin", {"item_code": item}, pluck="actual_qty"))
		out = {
			"units": len(names),
			"duplicates": len(names) - len(set(names)),
			"on hand": on_hand,
			"bin": bin_qty,
			"race units still on hand": sum(
				1 for u in units if u.name in setup["race_serials"] and u.warehouse
			),
		}
		if app:
			rows = frappe.db.sql(
				"""select serial_no, event, count(*) from `tabSerial Audit Event` where item_code=%s
				and event in ('Received', 'Delivered', 'Adjusted') group by serial_no, event""",
				item,
			)
			per_unit: dict = {}
			for serial, event, count in rows:
				per_unit.setdefault(serial, {})[event] = count
			out["units without their events"] = sum(
				1 for serial in names if per_unit.get(serial, {}).get("Received") != 1
			)
			out["events twice"] = sum(1 for events in per_unit.values() if max(events.values()) > 1)
		return out
	finally:
		frappe.destroy()


# --- through gunicorn ---------------------------------------------------------------------------------


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def serve(workers: int, site: str) -> tuple[subprocess.Popen, str]:
	port = free_port()
	gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
	process = subprocess.Popen(
		[
			gunicorn,
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"600",
			"--preload",
			"frappe.app:application",
		],
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
		start_new_session=True,
	)
	base = f"http://127.0.0.1:{port}"
	for _ in range(120):
		try:
			if requests.get(f"{base}/api/method/ping", headers={"Host": site}, timeout=2).ok:
				return process, base
		except requests.RequestException:
			time.sleep(1)
	process.kill()
	raise SystemExit("gunicorn did not answer")


class Client:
	def __init__(self, base: str, site: str):
		self.base, self.http = base, requests.Session()
		self.http.headers["Host"] = site
		self.call("login", usr="Administrator", pwd=PASSWORD)

	def call(self, method: str, **args) -> requests.Response:
		return self.http.post(f"{self.base}/api/method/{method}", data=args, timeout=600)

	def serials_of(self, voucher: str) -> list[str]:
		"""The serials ERPNext generated for a receipt (its bundle's entries)."""
		bundles = self.call(
			"frappe.client.get_list",
			doctype="Serial and Batch Bundle",
			filters=json.dumps({"voucher_no": voucher}),
			fields=json.dumps(["name"]),
		).json()["message"]
		entries = self.call(
			"frappe.client.get_list",
			doctype="Serial and Batch Entry",
			parent="Serial and Batch Bundle",
			filters=json.dumps({"parent": ["in", [b["name"] for b in bundles]]}),
			fields=json.dumps(["serial_no"]),
			limit_page_length=100000,
		).json()["message"]
		return sorted(row["serial_no"] for row in entries)

	def submit_new(self, doc: dict) -> dict:
		response = self.call("frappe.client.insert", doc=json.dumps({**doc, "docstatus": 1}))
		if not response.ok:
			raise RuntimeError(f"{doc['doctype']}: {response.status_code} {response.text[:600]}")
		return response.json()["message"]


def throughput(base: str, site: str, setup: dict, clients: int, vouchers: int, units: int) -> dict:
	"""Every client receives ``vouchers`` receipts of ``units`` generated serials, then delivers them in
	``vouchers`` notes; wall time of each phase across all clients."""
	sessions = [Client(base, site) for _ in range(clients)]
	received: dict[int, list[str]] = {}
	start = threading.Barrier(clients)
	times: dict[str, list[float]] = {"receipts": [], "deliveries": []}

	def line(qty, serials=None):
		row = {"item_code": setup["item"], "qty": qty, "rate": 10, "warehouse": setup["warehouse"]}
		if serials:
			row.update(serial_no="\n".join(serials), use_serial_batch_fields=1)
		return row

	def work(n: int):
		client = sessions[n]
		start.wait()
		began = time.perf_counter()
		mine = []
		for _ in range(vouchers):
			doc = client.submit_new(
				{
					"doctype": "Purchase Receipt",
					"company": setup["company"],
					"supplier": setup["supplier"],
					"items": [line(units)],
				}
			)
			mine += client.serials_of(doc["name"])
		times["receipts"].append(time.perf_counter() - began)
		received[n] = mine
		start.wait()
		began = time.perf_counter()
		for i in range(vouchers):
			chunk = mine[i * units : (i + 1) * units]
			client.submit_new(
				{
					"doctype": "Delivery Note",
					"company": setup["company"],
					"customer": setup["customer"],
					"items": [line(len(chunk), chunk)],
				}
			)
		times["deliveries"].append(time.perf_counter() - began)

	threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	total = clients * vouchers * units
	return {phase: total / max(spent) for phase, spent in times.items()} | {"units": total}


def race(base: str, site: str, setup: dict, racers: int) -> dict:
	"""The race: ten clients submit ten drafts moving the same three units at the same instant."""
	sessions = [Client(base, site) for _ in range(racers)]
	docs = [
		s.http.get(f"{base}/api/resource/Stock Entry/{name}").json()["data"]
		for s, name in zip(sessions, setup["race_drafts"], strict=False)
	]
	start = threading.Barrier(racers)
	outcome: list = [None] * racers

	def go(n: int):
		start.wait()
		response = sessions[n].call(
			"frappe.desk.form.save.savedocs", doc=json.dumps(docs[n]), action="Submit"
		)
		outcome[n] = response.status_code

	threads = [threading.Thread(target=go, args=(n,)) for n in range(racers)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	return {
		"landed": outcome.count(200),
		"refused (4xx)": sum(1 for s in outcome if 400 <= s < 500),
		"5xx": sum(1 for s in outcome if s >= 500),
	}


def main():
	args = options()
	tag = time.strftime("%H%M%S")
	setups = {site: prepare(site, f"{tag}{n}") for n, site in enumerate((args.plain, args.app))}
	process, base = serve(args.workers, args.plain)
	try:
		results = {site: {"rounds": []} for site in (args.plain, args.app)}
		for n in range(args.rounds):  # alternating, so the machine's other load falls on both sides alike
			for site in (args.plain, args.app)[:: 1 if n % 2 == 0 else -1]:
				found = throughput(base, site, setups[site], args.clients, args.vouchers, args.units)
				results[site]["rounds"].append(found)
		for site in (args.plain, args.app):
			rounds = results[site]["rounds"]
			results[site]["throughput"] = {
				phase: statistics.median(r[phase] for r in rounds) for phase in ("receipts", "deliveries")
			}
			results[site]["race"] = race(base, site, setups[site], args.racers)
	finally:
		os.killpg(process.pid, 15)
	for site, app in ((args.plain, False), (args.app, True)):
		results[site]["books"] = check(site, setups[site], app)
	plain, app = results[args.plain], results[args.app]
	print(
		f"\n{args.clients} clients, {args.workers} gunicorn workers, {args.vouchers} vouchers of {args.units} units"
		f" each per client; medians of {args.rounds} rounds, the sites alternating"
	)
	print(f"{'':40} {'ERPNext alone':>16} {'with the app':>16}")
	for phase in ("receipts", "deliveries"):
		a, b = plain["throughput"][phase], app["throughput"][phase]
		each = ", ".join(
			f"{x[phase] / y[phase]:.2f}" for x, y in zip(plain["rounds"], app["rounds"], strict=True)
		)
		print(
			f"{phase + ' (units/s)':40} {a:16.1f} {b:16.1f}   ratio {a / b:.2f} (rounds: {each}; target <= 1.15)"
		)
	for key in plain["race"]:
		print(f"{'race: ' + key:40} {plain['race'][key]:16} {app['race'][key]:16}")
	for key in app["books"]:
		print(f"{'books: ' + key:40} {plain['books'].get(key, '-')!s:>16} {app['books'][key]!s:>16}")
	print(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
	main()
