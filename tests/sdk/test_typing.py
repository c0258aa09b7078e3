"""``mypy --strict`` sees the SDK: the worked script passes, typos and wrong types are rejected.

One mypy run over several small files (a cold run takes a few seconds): each bad file holds one
mistake a user makes, and mypy must report it on that line with the expected error code.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

TOUR = Path(__file__).resolve().parents[2] / "examples" / "sdk_tour.py"

HEADER = "from pgo_cli import Client\n\nclient = Client.from_environment(namespace='pgo')\n"

#: file name → (the offending line, the mypy error code it must get)
MISTAKES = {
    "misspelled_method.py": ('client.backups.craete("hippo")', "attr-defined"),
    "misspelled_noun.py": ("client.cluster.show('hippo')", "attr-defined"),
    "misspelled_setting.py": ('Client.from_environment(namespce="pgo")', "call-arg"),
    "misspelled_keyword.py": ('client.clusters.scale("hippo", replica_cout=2)', "call-arg"),
    "wrong_type.py": ('client.clusters.scale("hippo", replica_count="2")', "arg-type"),
    "wrong_literal.py": (
        'client.schedules.create("hippo", schedule="0 1 * * *", schedule_type="pgbackrst")',
        "arg-type",
    ),
    "wrong_mapping.py": ('client.clusters.label("hippo", labels={"env": 1})', "dict-item"),
    "wrong_answer.py": ("name: int = client.status.show().result.volume_cap", "assignment"),
    "query_answer.py": (
        'replicas: list[str] = [r.name for r in client.clusters.scaledown("hippo").results or []]',
        "attr-defined",
    ),
}

#: The same calls spelled right: mypy must accept them (so the mistakes above are what it rejects).
RIGHT = """
client.backups.create("hippo")
client.clusters.show("hippo")
client.clusters.scale("hippo", replica_count=2)
client.schedules.create("hippo", schedule="0 1 * * *", schedule_type="pgbackrest")
client.clusters.label("hippo", labels={"env": "prod"})
cap: str = client.status.show().result.volume_cap
replicas: list[str] = [r.name for r in client.clusters.scaledown("hippo", query=True)[0].results or []]
"""


def test_mypy_strict_accepts_the_tour_and_rejects_each_mistake(tmp_path: Path) -> None:
    files = [TOUR]
    (tmp_path / "right.py").write_text(HEADER + RIGHT)
    files.append(tmp_path / "right.py")
    for name, (line, _) in MISTAKES.items():
        (tmp_path / name).write_text(HEADER + line + "\n")
        files.append(tmp_path / name)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-color-output",
            "--show-error-codes",
            "--cache-dir",
            str(tmp_path / "cache"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors: dict[str, list[tuple[int, str]]] = {}
    for match in re.finditer(r"^(.+?):(\d+): error: .*\[([a-z-]+)\]$", done.stdout, re.MULTILINE):
        errors.setdefault(Path(match[1]).name, []).append((int(match[2]), match[3]))
    assert errors.pop(TOUR.name, []) == [], done.stdout
    assert errors.pop("right.py", []) == [], done.stdout
    line = HEADER.count("\n") + 1
    assert errors == {name: [(line, code)] for name, (_, code) in MISTAKES.items()}, done.stdout
