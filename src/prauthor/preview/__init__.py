"""`prauthor preview`: a local page that shows a release as it is edited.

The HTML page, the PDF's pages, the newswire text and the check findings, side by side,
rendered again whenever the spec or anything it is made from changes.
"""
