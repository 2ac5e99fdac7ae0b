"""The documentation describes what exists."""

from __future__ import annotations

from pathlib import Path

from smartmfg.workflow import table as workflow

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_step_of_the_workflow_is_documented() -> None:
    text = (DOCS / "workflow.md").read_text()
    for step in workflow.STEPS:
        assert f"`{step.action}`" in text, step.action


def test_every_command_of_the_project_is_in_the_readme() -> None:
    readme = (DOCS.parent / "README.md").read_text()
    commands = Path(__file__).resolve().parents[2].glob("smartmfg/*/management/commands/*.py")
    for command in commands:
        if not command.stem.startswith("_"):
            assert f"smartmfg {command.stem}" in readme, command.stem
