"""Helpers of the ``--wait`` tests: show-cluster answers built from pods, and waits that poll fast."""

from __future__ import annotations

from typing import Any

import pytest
import responses

from pgo_cli.cli import wait
from tests.support.registry import URL

SHOW = URL + "/showclusters"


def pod(
    instance: str, kind: str = "replica", phase: str = "Running", ready: bool | None = None
) -> dict[str, Any]:
    """A show-cluster pod of ``instance`` (its Deployment), ready when Running unless told."""
    is_ready = phase == "Running" if ready is None else ready
    return {
        "Name": f"{instance}-6f7c9d8b5-x2x4q",
        "Phase": phase,
        "NodeName": "worker-1",
        "PVC": [],
        "ReadyStatus": "1/1" if is_ready else "0/1",
        "Ready": is_ready,
        "Primary": kind == "primary",
        "Type": kind,
    }


def detail(
    name: str = "hippo",
    pods: list[dict[str, Any]] | None = None,
    *,
    replicas: list[str] | None = None,
    deployments: list[str] | None = None,
    labels: dict[str, str] | None = None,
    annotations: dict[str, str] | None = None,
    tag: str = "centos8-13.5-4.7.4",
) -> dict[str, Any]:
    """One cluster of a show answer (a backrest pod always included, never an instance)."""
    pods = list(pods if pods is not None else [pod(name, "primary")])
    instances = sorted({p["Name"].rsplit("-", 2)[0] for p in pods})
    backrest = {**pod(f"{name}-backrest-shared-repo", "pgbackrest", "Pending"), "Primary": False}
    return {
        "cluster": {
            "metadata": {
                "name": name,
                "labels": labels or {"pgo-version": "4.7.4"},
                "annotations": annotations or {},
            },
            "spec": {"name": name, "ccpimagetag": tag, "userlabels": {}},
            "status": {"state": "pgcluster Initialized", "message": ""},
        },
        "Deployments": [
            {"Name": d, "PolicyLabels": []} for d in (deployments if deployments is not None else instances)
        ],
        "Pods": [*pods, backrest],
        "Services": [],
        "Replicas": [
            {"Name": r} for r in (replicas if replicas is not None else [i for i in instances if i != name])
        ],
        "Standby": False,
    }


def answer(*details: dict[str, Any]) -> dict[str, Any]:
    return {"Results": list(details), "Code": "ok", "Msg": ""}


def shows(mock_api: responses.RequestsMock, *answers: dict[str, Any]) -> None:
    """The show-cluster answers in order (the last one repeats)."""
    for body in answers:
        mock_api.add(responses.POST, SHOW, json=body)


@pytest.fixture
def fast_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Polls 10 ms apart, so that a wait test takes milliseconds, not seconds."""
    monkeypatch.setattr(wait, "FIRST_PAUSE", 0.01)
    monkeypatch.setattr(wait, "PAUSE_CAP", 0.02)


def polled(sent: list[Any]) -> list[Any]:
    """The show-cluster bodies of the requests sent."""
    return [s.body for s in sent if s.path == "/showclusters"]
