"""``-o name``: one cluster name per line, for ``xargs`` and shell loops."""

from __future__ import annotations

from typing import TextIO

from pgo_cli.messages import ShowClusterDetail

__all__ = ["cluster_name", "write_name"]


def cluster_name(detail: ShowClusterDetail) -> str:
    """The cluster's name: ``spec.name``, else ``metadata.name``."""
    cluster = detail.pgcluster()
    return cluster.spec.name or cluster.metadata.name


def write_name(detail: ShowClusterDetail, out: TextIO) -> None:
    """Write the cluster's name and a newline."""
    out.write(cluster_name(detail) + "\n")
