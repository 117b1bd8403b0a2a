# Thin shim for tooling that still calls setup.py; pyproject.toml is the source of truth.
from setuptools import setup

setup()
