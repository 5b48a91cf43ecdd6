"""Kenes: the desktop application for commissions on juvenile affairs."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~70 ms at start-up; only --version and About need it.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("kenes")
        except PackageNotFoundError:  # a source tree that was not installed
            return "0.0.0"
    raise AttributeError(name)
