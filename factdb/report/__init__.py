"""Rendering: rows to the JSON contract (DESIGN.md), tables, JSON, JSON lines and CSV."""
