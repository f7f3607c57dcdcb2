"""prauthor: write a press release once, render it for legal, print, the web and the wires."""

__version__ = "0.1.0"
