"""The ``factdb`` command: one Typer sub-app per noun, each a thin skin over the library."""
