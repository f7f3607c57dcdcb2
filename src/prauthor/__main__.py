"""Run the command line with `python -m prauthor`."""

from prauthor.cli import run

run()
