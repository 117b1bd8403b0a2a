"""What the standard container path (frappe_docker images, the helm chart) needs of an app: no database
or site work at import time (gunicorn preloads the app), nothing written under apps/ or sites/assets at
run time (label sheets go to File records), no git at run time."""

import ast
import os
import pkgutil
import subprocess
import sys

import frappe
from frappe.tests.utils import FrappeTestCase

import serial_tracking
from serial_tracking.series import labels
from serial_tracking.tests import factories as f


def modules() -> list[str]:
	names = []
	for info in pkgutil.walk_packages(serial_tracking.__path__, "serial_tracking."):
		if ".tests" not in info.name and ".patches." not in info.name:
			names.append(info.name)
	return names


class TestDeployment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		f.ensure_test_world()

	def test_every_module_imports_without_a_site(self):
		"""As gunicorn's preload does: import everything before any site is initialised or connected."""
		script = "import importlib, sys\nfor name in sys.argv[1:]:\n\timportlib.import_module(name)\n"
		done = subprocess.run(
			[sys.executable, "-c", script, *modules()],
			cwd=frappe.utils.get_bench_path() + "/sites",
			capture_output=True,
			text=True,
			env={**os.environ, "FRAPPE_SITE": ""},
		)
		self.assertEqual(done.returncode, 0, done.stderr[-2000:])

	def test_no_subprocess_or_git_at_run_time(self):
		for name in modules():
			path = frappe.get_module(name).__file__
			tree = ast.parse(open(path).read())
			imported = {
				alias.name.split(".")[0]
				for node in ast.walk(tree)
				if isinstance(node, ast.Import | ast.ImportFrom)
				for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
			}
			self.assertFalse(imported & {"subprocess", "git", "sh"}, f"{name} runs programs at run time")

	def test_a_label_sheet_writes_nothing_under_apps_or_assets(self):
		item = f.make_item(st_tracking_mode="Serialized", st_series_template="{ITEM}-{###}")
		f.purchase_receipt(item.name, 3)
		serials = f.serials_of(item.name)
		watched = [
			frappe.get_app_path("serial_tracking"),
			os.path.join(frappe.utils.get_bench_path(), "sites", "assets"),
		]
		before = {path: tree_state(path) for path in watched}
		url = labels.build_sheet(serials, user="Administrator", chunk=2)
		self.assertEqual({path: tree_state(path) for path in watched}, before)
		file = frappe.get_doc("File", {"file_url": url})
		self.assertTrue(file.is_private)
		self.assertTrue(file.get_content().startswith(b"%PDF"))


def tree_state(root: str) -> dict[str, float]:
	state = {}
	for folder, _dirs, files in os.walk(root):
		if "__pycache__" in folder or "/.git" in folder or "/node_modules" in folder:
			continue
		for name in files:
			path = os.path.join(folder, name)
			state[path] = os.stat(path).st_mtime
	return state
