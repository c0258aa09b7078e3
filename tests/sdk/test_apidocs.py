"""``docs/sdk.md`` is generated from the code and must be up to date."""

from __future__ import annotations

from pathlib import Path

from pgo_cli import apidocs
from pgo_cli.client import SDK_CALLS

ROOT = Path(__file__).resolve().parents[2]


def test_the_api_reference_is_up_to_date() -> None:
    committed = (ROOT / apidocs.PAGE).read_text()
    assert committed == apidocs.reference(), "run: python -m pgo_cli.apidocs --write"


def test_the_readme_shows_the_tested_worked_script() -> None:
    readme = (ROOT / apidocs.README).read_text()
    tour = (ROOT / apidocs.TOUR).read_text()
    assert apidocs.BEGIN in readme and apidocs.END in readme
    assert readme == apidocs.readme_with_tour(readme, tour), "run: python -m pgo_cli.apidocs --write"


def test_the_reference_names_every_call_and_the_command_it_mirrors() -> None:
    text = apidocs.reference()
    for path, call in SDK_CALLS.items():
        attribute, method = call.split(".")
        section = text.split(f"### `client.{attribute}.{method}`\n", 1)[1].split("\n### ", 1)[0]
        assert f"Sends what `pgo {' '.join(path)}` sends." in section
        assert f"client.{attribute}.{method}(" in section
    assert "### ClusterScaleResponse" in text and "| `results` |" in text
