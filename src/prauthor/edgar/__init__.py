"""The SEC filing copy: EDGAR's HTML rules, shared by the exhibit renderer and its checker."""
