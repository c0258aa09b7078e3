"""``-o name``: one cluster name per line, for ``xargs`` and shell loops."""

from __future__ import annotations

from typing import TextIO

from pgo_cli.nouns.cluster.messages import Pgcluster, ShowClusterDetail

__all__ = ["cluster_name", "write_name"]


def cluster_name(detail: ShowClusterDetail, cluster: Pgcluster | None = None) -> str:
    """The cluster's name: ``spec.name``, else ``metadata.name`` (``cluster``: the decoded
    Pgcluster, if at hand)."""
    if cluster is None:
        cluster = detail.pgcluster()
    return cluster.spec.name or cluster.metadata.name


def write_name(detail: ShowClusterDetail, out: TextIO, cluster: Pgcluster | None = None) -> None:
    """Write the cluster's name and a newline."""
    out.write(cluster_name(detail, cluster) + "\n")
