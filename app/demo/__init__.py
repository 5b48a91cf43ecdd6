"""The demo commission: `kenes demo` builds a realistic, entirely synthetic year of a
commission's work into a new database (app/demo/generator.py)."""

from app.demo.generator import DemoSummary, build_demo

__all__ = ["DemoSummary", "build_demo"]
