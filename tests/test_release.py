"""Releases an administrator can trust: one version, in the package, named at the top of the changelog;
every tagged release in the changelog and in the upgrade tier, with a history script of its own."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
SECTION = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2}|unreleased)$", re.M)


def version() -> str:
	text = (ROOT / "serial_tracking" / "__init__.py").read_text()
	return re.search(r'^__version__ = "([^"]+)"$', text, re.M).group(1)


def sections() -> list[tuple[str, str]]:
	return [(m["version"], m["date"]) for m in SECTION.finditer((ROOT / "CHANGELOG.md").read_text())]


def listed_releases() -> dict[str, list[str]]:
	"""tag: [commit, major, ...], as upgrade/releases.txt lists them."""
	lines = (ROOT / "upgrade" / "releases.txt").read_text().splitlines()
	return {line.split()[0]: line.split()[1:] for line in lines if line.strip() and not line.startswith("#")}


def git(*args: str) -> str:
	try:
		out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True)
	except (OSError, subprocess.CalledProcessError):
		pytest.skip("not a git checkout")
	return out.stdout


def tags() -> list[str]:
	return [tag for tag in git("tag", "--list", "v*").split() if SEMVER.match(tag[1:])]


def test_the_version_is_semantic_and_read_from_the_package_alone():
	assert SEMVER.match(version()), version()
	pyproject = (ROOT / "pyproject.toml").read_text()
	assert 'dynamic = ["version"]' in pyproject
	assert not re.search(r'^version\s*=\s*"', pyproject, re.M), "the version is written in one place only"


def test_the_changelog_opens_with_this_version_and_goes_back_in_order():
	found = sections()
	assert found[0][0] == version(), "CHANGELOG.md's first section is the version of the code"
	assert all(date != "unreleased" for _, date in found[1:]), "only the newest section may be unreleased"
	versions = [tuple(int(n) for n in v.split(".")) for v, _ in found]
	assert versions == sorted(versions, reverse=True)
	dates = [date for _, date in found if date != "unreleased"]
	assert dates == sorted(dates, reverse=True)


def test_every_tagged_release_is_in_the_changelog_and_the_upgrade_tier():
	released = {v for v, date in sections() if date != "unreleased"}
	listed = listed_releases()
	for tag in tags():
		assert tag[1:] in released, f"{tag} has no section in CHANGELOG.md"
		assert tag in listed, f"{tag} is not in upgrade/releases.txt"
	for tag in tags():
		assert git("rev-parse", f"{tag}^{{commit}}").strip() == listed[tag][0], (
			f"{tag}: another commit listed"
		)
	for tag, (commit, *majors) in listed.items():
		assert re.fullmatch(r"[0-9a-f]{40}", commit), f"{tag}: the full commit the tag names"
		assert (ROOT / "upgrade" / tag / "history.py").is_file(), f"{tag} has no upgrade/{tag}/history.py"
		assert majors and all(m.isdigit() for m in majors), f"{tag}: the Frappe majors it installs on"
		assert tag[1:] in released, f"{tag} is listed for the upgrade tier but not released"


def test_each_release_is_built_from_a_commit_main_has_even_without_its_tag():
	"""CI clones main alone, with no tags: the upgrade tier builds each release from the commit listed."""
	git("rev-parse", "HEAD")
	if git("rev-parse", "--is-shallow-repository").strip() == "true":
		pytest.skip("a shallow clone has not the history")
	for tag, (commit, *_majors) in listed_releases().items():
		ancestor = subprocess.run(["git", "-C", str(ROOT), "merge-base", "--is-ancestor", commit, "HEAD"])
		assert ancestor.returncode == 0, f"{tag}: {commit} is not in main's history"
