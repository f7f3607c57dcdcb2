"""Counsel's review of a DOCX: read tracked changes and comments, write them back."""
