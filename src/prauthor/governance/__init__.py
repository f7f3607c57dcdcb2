"""Governance: what legal can trust.

Locked block texts, release policies, style lint, render manifests and their
verification. `check.findings` is the one entry point that judges a release.
"""
