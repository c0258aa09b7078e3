"""``df``: disk use of each PVC of the selected clusters (``cmd/pgo/cmd/df.go``).

pgo sends one request per cluster name (``Selector: "name=<c>"``), or one with ``--selector``, or
one with ``Selector: "*"`` for ``--all``. Its text is a table per answer, rows sorted by instance,
sizes divided by 1024 while above 1000 (B, KiB, MiB, GiB …) and printed ``%.f``; ``% USED`` is
coloured (green, yellow from 70 %, red from 85 %) on a terminal only. pgo stops at the first
refused answer (exit 1), and so does this. On a terminal the default view is a table with a bar
per PVC.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TextIO

from pgo_cli.cli.command import Args, Call, Command, Invocation, Plan, Reply
from pgo_cli.cli.flagspec import Flag
from pgo_cli.errors import UsageError
from pgo_cli.nouns.df.endpoints import DF
from pgo_cli.nouns.df.messages import PVC_TYPES, SHOW_ALL_SELECTOR, DfDetail, DfRequest, DfResponse
from pgo_cli.nouns.shared.sizes import UNITS, size_and_unit
from pgo_cli.output.pad import byte_len as _blen
from pgo_cli.output.pad import rpad as _rpad

NOTHING_FOUND = "Nothing found."
#: ``capacityWarning`` / ``capacityCaution`` of df.go.
CAPACITY_WARNING = 85
CAPACITY_CAUTION = 70
#: The fixed paddings of df.go (capacity, type, used, % used).
PAD_CAPACITY, PAD_TYPE, PAD_USED, PAD_PERCENT = 10, 12, 10, 7

FLAGS = (
    Flag("all", "bool", "Show the disk use of every cluster of the namespace."),
    Flag(
        "output",
        "string",
        "Output: pgo (pgo's text; the default when piped), json (one JSON document), table (terminal default).",
        short="o",
        metavar="FORMAT",
    ),
    Flag(
        "selector",
        "string",
        "Show the clusters with these labels, e.g. env=prod.",
        short="s",
        metavar="SELECTOR",
    ),
)


def plan(invocation: Invocation) -> Plan:
    """One call per cluster name (``name=<c>``), else one with the selector (``*`` for ``--all``)."""
    selector = SHOW_ALL_SELECTOR if invocation.value("all") else invocation.value("selector")
    if not selector and not invocation.args:
        raise UsageError(
            'You must specify at least one cluster, selector, or use the "--all" flag.',
            hint="e.g. pgo df hippo, pgo df --selector=env=prod, pgo df --all",
        )
    selectors = [f"name={name}" for name in invocation.args] or [selector]
    namespace = invocation.namespace()
    calls = [
        Call(
            DF,
            DfRequest(client_version=invocation.client_version, namespace=namespace, selector=chosen),
            target=chosen,
        )
        for chosen in selectors
    ]
    return Plan(calls, stop_on_error=True)


# --------------------------------------------------------------------------------------------
# pgo's arithmetic and formatting (cmd/pgo/cmd/common.go, df.go)


def go_f0(value: float) -> str:
    """Go's ``%.f``: no decimals, ties to even, ``NaN``/``+Inf``/``-Inf``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return f"{value:.0f}"


def go_round(value: float) -> float:
    """Go's ``math.Round``: half away from zero."""
    if math.isnan(value) or math.isinf(value):
        return value
    whole = math.floor(abs(value))
    rounded = whole + (1.0 if abs(value) - whole >= 0.5 else 0.0)
    return math.copysign(rounded, value)


def utilization(used: int, capacity: int) -> float:
    """``math.Round(float64(used) / float64(capacity) * 100)`` with Go's float division."""
    if capacity == 0:
        return math.nan if used == 0 else math.copysign(math.inf, used)
    return go_round(used / capacity * 100)


def human(size: int) -> str:
    """``%.f<unit>`` of a size in bytes."""
    value, unit = size_and_unit(size)
    return go_f0(value) + UNITS[unit]


def _colour_code(percent: float) -> str:
    if percent >= CAPACITY_WARNING:
        return "31"
    if percent >= CAPACITY_CAUTION:
        return "33"
    return "32"


def text(reply: Reply, invocation: Invocation, out: TextIO) -> None:
    """``printDfText``: a blank line, the header, a dash line and one row per PVC by instance."""
    response: DfResponse = reply.response
    results: list[DfDetail] = list(response.results or [])
    if not results:
        out.write(NOTHING_FOUND + "\n")
        return
    pad_pvc = max(_blen("PVC"), *(_blen(r.pvc_name) for r in results)) + 1
    pad_instance = max(_blen("INSTANCE"), *(_blen(r.instance_name) for r in results)) + 1
    pad_pod = max(_blen("POD"), *(_blen(r.pod_name) for r in results)) + 1
    out.write("\n")
    out.write(
        _rpad("PVC", pad_pvc)
        + _rpad("INSTANCE", pad_instance)
        + _rpad("POD", pad_pod)
        + _rpad("TYPE", PAD_TYPE)
        + _rpad("USED", PAD_USED)
        + _rpad("CAPACITY", PAD_CAPACITY)
        + "% USED\n"
    )
    widths = (pad_pvc, pad_instance, pad_pod, PAD_TYPE, PAD_USED, PAD_CAPACITY, PAD_PERCENT)
    out.write(" ".join("-" * (w - 1) for w in widths) + "\n")
    # sort.SliceStable by InstanceName (byte order).
    for result in sorted(results, key=lambda r: r.instance_name.encode("utf-8")):
        percent = utilization(result.pvc_used, result.pvc_capacity)
        out.write(
            _rpad(result.pvc_name, pad_pvc)
            + _rpad(result.instance_name, pad_instance)
            + _rpad(result.pod_name, pad_pod)
            + _rpad(PVC_TYPES.get(result.pvc_type, ""), PAD_TYPE)
            + _rpad(human(result.pvc_used), PAD_USED)
            + _rpad(human(result.pvc_capacity), PAD_CAPACITY)
            + invocation.io.colour(go_f0(percent) + "%", _colour_code(percent))
            + "\n"
        )


BAR_WIDTH = 20


def bar(percent: float, invocation: Invocation) -> str:
    """A bar of :data:`BAR_WIDTH` cells, filled in proportion to ``percent``, in pgo's colour."""
    if math.isnan(percent):
        return "?" * BAR_WIDTH
    filled = max(0, min(BAR_WIDTH, round(percent / 100 * BAR_WIDTH)))
    return invocation.io.colour("█" * filled, _colour_code(percent)) + "░" * (BAR_WIDTH - filled)


def table(replies: Sequence[Reply], invocation: Invocation, out: TextIO) -> None:
    """On a terminal: every PVC of every answer, by instance, with a usage bar; the bar, then the
    type give way on a narrow terminal. ``-o wide`` adds the instance and the pod."""
    from pgo_cli.output.table import write_table

    results: list[DfDetail] = []
    for reply in replies:
        response: DfResponse = reply.response
        results.extend(response.results or [])
    if not results:
        out.write(NOTHING_FOUND + "\n")
        return
    wide = invocation.wide
    rows = []
    for result in sorted(
        results, key=lambda r: (r.instance_name.encode("utf-8"), r.pvc_name.encode("utf-8"))
    ):
        percent = utilization(result.pvc_used, result.pvc_capacity)
        where = (result.instance_name, result.pod_name) if wide else ()
        rows.append(
            (
                result.pvc_name,
                *where,
                PVC_TYPES.get(result.pvc_type, str(result.pvc_type)),
                human(result.pvc_used),
                human(result.pvc_capacity),
                invocation.io.colour(go_f0(percent) + "%", _colour_code(percent)),
                bar(percent, invocation),
            )
        )
    headers = ("PVC", *(("INSTANCE", "POD") if wide else ()), "TYPE", "USED", "CAPACITY", "% USED", "USE")
    write_table(
        headers,
        rows,
        out,
        width=invocation.io.width,
        drop=() if wide else (5, 1),
        dropped_note="-o wide adds the instance and pod",
        atomic=True,
    )


COMMANDS = [
    Command(
        path=("df",),
        summary="Show the disk use of clusters' volumes.",
        help="""Show how full each volume (PVC) of PostgreSQL clusters is: data, WAL, tablespaces and the
pgBackRest repository.

One request is sent per cluster name; --selector picks clusters by label, --all takes them all.
On a terminal each volume gets a usage bar; piped, pgo's table is printed as pgo prints it.

Examples:

  pgo df hippo
  pgo df --selector=env=research
  pgo df --all -o json
""",
        flags=FLAGS,
        plan=plan,
        text=text,
        table=table,
        args=Args("CLUSTER", "any", completes="cluster"),
        large_answers=True,  # ``df --all``: every volume of the namespace
    )
]
