"""``pgo status``: databases, claims, volume size, images, pods not ready, common labels.

pgo's layout (``cmd/pgo/cmd/status.go`` ``printSummary``): labels padded to 25 columns, the volume
size padded to 10, images as ``<count>\\t<image>`` (pgo prints them in Go's random map order; here
sorted by image, so that two runs agree), pods not ready indented by a tab and padded to 30, and the
deployment labels carried by more than one deployment as ``\\t[<count>]\\t[<label>]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.nouns.status.endpoints import STATUS
from pgo_cli.nouns.status.messages import StatusDetail, StatusResponse
from pgo_cli.output.pad import rpad as _rpad

FLAGS = (
    Flag(
        "output",
        "string",
        "Output: pgo (pgo's text; the default when piped), json (one JSON document), table (terminal default).",
        short="o",
        metavar="FORMAT",
    ),
)

_WIDTH = 25


def plan(invocation: Invocation) -> Plan:
    """One ``GET /status`` for the namespace."""
    query = {"version": invocation.client_version, "namespace": invocation.namespace()}
    return Plan([Call(STATUS, query=query)])


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """pgo's summary, byte for byte."""
    response: StatusResponse = reply.response
    out.write(summary(response.result))


def summary(detail: StatusDetail) -> str:
    """The text of pgo's ``printSummary``."""
    lines = [
        f"{_rpad('Databases:', _WIDTH)}{detail.num_databases}",
        f"{_rpad('Claims:', _WIDTH)}{detail.num_claims}",
        f"{_rpad('Total Volume Size:', _WIDTH)}{_rpad(detail.volume_cap, 10)}",
        "",
        "Database Images:",
    ]
    for image, count in sorted((detail.db_tags or {}).items()):
        lines.append(f"{_rpad(' ', _WIDTH)}{count}\t{image}")
    lines += ["", "Databases Not Ready:"]
    lines += [f"\t{_rpad(pod, 30)}" for pod in detail.not_ready or []]
    lines += ["", "Labels (count > 1): [count] [label]"]
    lines += [f"\t[{label.value}]\t[{label.label}]" for label in detail.labels or [] if label.value > 1]
    return "\n".join(lines) + "\n"


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: the counts (the volume size for people: ``3.7Gi``), the images and the
    common labels as tables; an image's registry gives way first (``-o wide`` keeps it)."""
    from pgo_cli.k8s import human_quantity
    from pgo_cli.output.table import write_table

    width = invocation.io.width
    for reply in replies:
        detail: StatusDetail = reply.response.result
        write_table(
            ("DATABASES", "CLAIMS", "VOLUME SIZE", "NOT READY"),
            [
                (
                    str(detail.num_databases),
                    str(detail.num_claims),
                    human_quantity(detail.volume_cap),
                    "\n".join(detail.not_ready or []) or "-",
                )
            ],
            out,
            width=width,
            atomic=True,
        )
        images = [_image_row(image, count) for image, count in sorted((detail.db_tags or {}).items())]
        if images:
            out.write("\n")
            write_table(
                ("IMAGE", "CONTAINERS", "REGISTRY"),
                images,
                out,
                width=width,
                drop=() if invocation.wide else (2,),
                dropped_note="-o wide keeps it",
                atomic=True,
            )
        labels = [(label.label, str(label.value)) for label in detail.labels or [] if label.value > 1]
        if labels:
            out.write("\n")
            write_table(("LABEL", "DEPLOYMENTS"), labels, out, width=width, atomic=True)


def _image_row(image: str, count: int) -> tuple[str, str, str]:
    """(name:tag, count, registry/path) of an image reference."""
    registry, slash, name = image.rpartition("/")
    return (name if slash else image), str(count), (registry or "-")


COMMANDS = [
    Command(
        path=("status",),
        summary="Show namespace-wide PostgreSQL cluster status.",
        help="""Show the PostgreSQL clusters of a namespace at a glance: how many database deployments
and volume claims there are, the total volume size, the images in use, the instances that are not
ready, and the deployment labels that more than one deployment carries.

Examples:

  pgo status -n pgo
  pgo status -n pgo -o json
""",
        flags=FLAGS,
        plan=plan,
        text=text,
        table=table,
        large_answers=True,  # its label counts grow with the namespace's clusters
    )
]
