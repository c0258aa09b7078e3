"""``upgrade --wait``: polls ``show cluster`` until each upgraded cluster runs the new version.

A cluster is done when its ``pgo-version`` label is the apiserver's version (the accepted
request's ClientVersion: the apiserver refuses any other), its image tag is ``--ccp-image-tag``
when one was given (otherwise the server's default, which the client cannot know: the label
decides), and every instance is Running and ready: at least the primary and one per Pgreplica
the cluster lists, as the operator brings the replicas back after recreating the primary. A
cluster that disappears meanwhile is a visible failure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pgo_cli.cli.command import Waiting
from pgo_cli.cli.wait import Progress
from pgo_cli.nouns.shared import instance_waits

if TYPE_CHECKING:
    from pgo_cli.cli.command import Invocation, Reply
    from pgo_cli.nouns.cluster.messages import ShowClusterDetail

#: The line of an upgrade answer for one cluster.
CREATED = "created upgrade task for "
VERSION_LABEL = "pgo-version"


def upgraded_names(replies: Sequence[Reply]) -> list[str]:
    """The clusters the answer created an upgrade task for."""
    names: list[str] = []
    for reply in replies:
        for line in reply.response.results or []:
            if line.startswith(CREATED) and line[len(CREATED) :].strip() not in names:
                names.append(line[len(CREATED) :].strip())
    return names


def upgraded(detail: ShowClusterDetail, version: str, tag: str) -> Progress:
    """Whether a shown cluster carries ``version`` (and ``tag``, when given) with every instance up."""
    cluster = detail.cluster or {}
    metadata = cluster.get("metadata") or {}
    spec = cluster.get("spec") or {}
    labels = {**(spec.get("userlabels") or {}), **(metadata.get("labels") or {})}
    found = str(labels.get(VERSION_LABEL, ""))
    if found != version:
        return Progress(pending=f"pgo-version {found or '(none)'}, not {version} yet")
    current_tag = str(spec.get("ccpimagetag", ""))
    if tag and current_tag != tag:
        return Progress(pending=f"image tag {current_tag or '(none)'}, not {tag} yet")
    return instance_waits.every_instance_up(detail, 1 + len(detail.replicas or []))


def upgrades_done(invocation: Invocation, replies: Sequence[Reply]) -> Waiting:
    """``upgrade CLUSTER… --wait``: every cluster upgraded and ready."""
    namespace = invocation.namespace()
    clusters = upgraded_names(replies) or list(invocation.args)
    version = invocation.client_version
    tag = str(invocation.value("ccp-image-tag") or "")
    judges: dict[str, instance_waits.Judge] = {
        name: lambda detail: upgraded(detail, version, tag) for name in clusters
    }
    return Waiting(
        instance_waits.per_cluster(invocation.client(), namespace, judges),
        instance_waits.what(clusters, "upgrade"),
        instance_waits.show_check(clusters, namespace),
    )
