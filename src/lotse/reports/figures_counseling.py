"""Figures of the counseling app (see figures.py)."""
