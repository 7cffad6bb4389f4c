"""Figures of the events app (see figures.py)."""
