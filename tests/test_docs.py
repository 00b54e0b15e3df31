"""Every command is documented in the README and carries an example in its help."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from factdb.cli.app import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "factdb") -> list[tuple[str, object]]:
    out = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        out.append((path, command))
        if hasattr(command, "commands"):
            out.extend(_commands(command, path))
    return out


def test_every_command_is_in_the_readme_and_has_an_example() -> None:
    commands = _commands(get_command(app))
    assert len(commands) >= 15
    for path, command in commands:
        top = " ".join(path.split()[:2])
        assert f"`{top}" in README, f"{top} is not documented in README.md"
        if not hasattr(command, "commands") or getattr(command, "invoke_without_command", False):
            assert "Example: factdb" in (command.help or ""), f"{path} has no example"
