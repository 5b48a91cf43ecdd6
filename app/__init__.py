"""Kenes: the desktop application for commissions on juvenile affairs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kenes")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
