"""The candidate's pages, served as static files."""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
