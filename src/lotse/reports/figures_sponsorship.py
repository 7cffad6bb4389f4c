"""Figures of the sponsorship app (see figures.py)."""
