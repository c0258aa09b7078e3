"""``label`` and ``delete label`` (``cmd/pgo/cmd/label.go``, ``delete.go``).

Both send one request for all the named clusters (``all`` picks every cluster), or for the
clusters a ``--selector`` picks. ``--label key=value`` is checked here with pgo's ``getLabels``
rules (``key=value`` exactly, Kubernetes label syntax) before anything is sent. ``label --dry-run``
is pgo's own: the server lists the clusters without labelling them.
"""

from __future__ import annotations

from typing import TextIO

from pgo_cli import parsers
from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.nouns.label.endpoints import DELETE, LABEL
from pgo_cli.nouns.label.messages import DeleteLabelRequest, LabelRequest, LabelResponse
from pgo_cli.nouns.shared.results import write_results
from pgo_cli.wire.gojson import sorted_map

DRY_RUN_HEADER = "The label would have been applied on the following:"

SELECTOR = Flag(
    "selector",
    "string",
    "The clusters to change, chosen by their labels, e.g. env=prod.",
    short="s",
    metavar="SELECTOR",
)


def _labels(invocation: Invocation) -> dict[str, str]:
    """``getLabels`` (``cmd/pgo/cmd/common.go``), as a Go map is encoded: keys sorted."""
    return sorted_map(parsers.labels(invocation.strings("label"))) or {}


def plan_label(invocation: Invocation) -> Plan:
    """``labelCmd``: clusters or a selector, then at least one label, then the label syntax."""
    selector = invocation.value("selector")
    if not invocation.args and not selector:
        raise UsageError(
            "A selector or list of clusters is required to label a policy.",
            hint="e.g. pgo label hippo --label=env=prod, pgo label all --label=env=prod",
        )
    if not invocation.strings("label"):
        raise UsageError("You must specify the label to apply.", hint="e.g. --label=env=prod")
    labels = _labels(invocation)
    request = LabelRequest(
        selector=selector,
        namespace=invocation.namespace(),
        args=list(invocation.args),
        labels=labels,
        dry_run=bool(invocation.value("dry-run")),
        delete_label=False,
        client_version=invocation.client_version,
    )
    target = " ".join(invocation.args) or selector
    return Plan([Call(LABEL, request, target=target)], check="pgo show cluster " + (target or "--all"))


def text_label(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``Label applied on <c>`` per cluster (after pgo's dry-run header)."""
    response: LabelResponse = reply.response
    if invocation.value("dry-run"):  # pgo prints it before it looks at the answer's Code
        out.write(DRY_RUN_HEADER + "\n")
    if response.status.is_error:
        return  # the runner wrote the Error line (text_on_error)
    for name in response.results or []:
        out.write(f"Label applied on {name}\n")


def plan_delete(invocation: Invocation) -> Plan:
    """``deleteLabelCmd``: clusters or a selector; labels are checked but may be absent."""
    selector = invocation.value("selector")
    if not invocation.args and not selector:
        raise UsageError(
            "A cluster name or selector is required for this command.",
            hint="e.g. pgo delete label hippo --label=env=prod",
        )
    request = DeleteLabelRequest(
        selector=selector,
        namespace=invocation.namespace(),
        args=list(invocation.args),
        labels=_labels(invocation),
        client_version=invocation.client_version,
    )
    target = " ".join(invocation.args) or selector
    return Plan([Call(DELETE, request, target=target)], check="pgo show cluster " + (target or "--all"))


COMMANDS = [
    Command(
        path=("label",),
        summary="Add labels to clusters.",
        help="""Add labels to PostgreSQL clusters: named ones, every one (`all`), or those a selector picks.

--dry-run is pgo's: the server lists the clusters it would label and changes nothing.
Unlike pgo 4.7.4, whose server always answers "no clusters found" for `all` and --selector,
both work here.

Examples:

  pgo label hippo --label=env=prod
  pgo label all --label=env=prod
  pgo label --selector=name=hippo --label=env=prod --dry-run
""",
        flags=(
            Flag(
                "dry-run",
                "bool",
                "Ask the server which clusters would be labelled, without labelling them.",
            ),
            Flag(
                "label",
                "stringSlice",
                'Labels to add, e.g. "key=value" or "prefix/key=value"; repeat the flag or separate with commas.',
                metavar="KEY=VALUE",
            ),
            SELECTOR,
        ),
        plan=plan_label,
        text=text_label,
        args=Args("CLUSTER", "any", completes="cluster"),
        writes=True,
        text_on_error=True,
        example=("hippo", "--label", "env=prod"),
        client_dry_run=False,
    ),
    Command(
        path=("delete", "label"),
        summary="Remove labels from clusters.",
        help="""Remove labels (by key) from PostgreSQL clusters: named ones, every one (`all`), or those a
selector picks.

Examples:

  pgo delete label hippo --label=env=research
  pgo delete label all --label=env=research
  pgo delete label --selector=group=southwest --label=env=research
""",
        flags=(
            Flag(
                "label",
                "stringSlice",
                'Labels to remove, e.g. "key=value"; repeat the flag or separate with commas.',
                metavar="KEY=VALUE",
            ),
            SELECTOR,
        ),
        plan=plan_delete,
        text=write_results,
        args=Args("CLUSTER", "any", completes="cluster"),
        writes=True,
    ),
]
