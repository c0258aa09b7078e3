"""The emulator's label routes (``internal/apiserver/labelservice/labelimpl.go``).

``label`` merges the labels into the cluster's ``spec.userlabels``; ``delete label`` removes the
keys from it; nothing else, as in ``labelimpl.go``. Label selectors match the Pgcluster's metadata
labels, which get the user labels only once, when the operator initialises the cluster: so on the
operator, and here, ``show cluster --selector env=prod`` does not find a cluster labelled
``env=prod`` afterwards (``show cluster`` still lists the label: pgo prints user labels too).

pgo 4.7.4's server answers ``no clusters found`` to every ``all`` and ``--selector`` request (it
tests the length of a list it has not filled yet, labelimpl.go:63/80/165/180), and so does the
emulator by default; ``pgo-emulator serve --fix-bugs label-selector`` labels the selected clusters.
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator import model, selectors
from pgo_cli.emulator.bugs import ServerBug
from pgo_cli.emulator.router import EmulatorRequest
from pgo_cli.k8s import validate_labels
from pgo_cli.nouns.label.endpoints import DELETE, LABEL
from pgo_cli.nouns.label.messages import DeleteLabelRequest, LabelRequest, LabelResponse
from pgo_cli.wire.codec import error_status, ok_status
from pgo_cli.wire.gojson import sorted_map

LABEL_SELECTOR = ServerBug(
    "label-selector",
    "label and delete label with 'all' or --selector answer 'no clusters found' (the list is tested "
    "before it is filled); fixed: the selected clusters are labelled",
    "internal/apiserver/labelservice/labelimpl.go:63,80,165,180",
)
#: The server bugs of this noun that ``--fix-bugs`` can fix.
BUGS = (LABEL_SELECTOR,)


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _select(
    request: EmulatorRequest, conn: Any, ns: str, args: list[str], selector: str
) -> list[model.Cluster]:
    """The clusters of ``Label``/``DeleteLabel``: ``all``, else the selector, else each name."""
    if (args and args[0] == "all") or selector:
        try:
            requirements = selectors.parse("" if args and args[0] == "all" else selector)
        except selectors.SelectorError as exc:
            raise _Refused("error getting list of clusters" + str(exc)) from None
        if request.reproduces(
            LABEL_SELECTOR
        ):  # Go lists first (a bad selector fails there), then tests the empty list
            raise _Refused("no clusters found")
        now = request.world.now()
        rows = [
            row
            for row in model.list_in(conn, ns)
            if selectors.matches(requirements, row.effective_labels(now))
        ]
        if not rows:
            raise _Refused("no clusters found")
        return rows
    rows = []
    for name in args:
        row = model.get(conn, ns, name)
        if row is None:
            raise _Refused(f'error getting list of clusterspgclusters.crunchydata.com "{name}" not found')
        rows.append(row)
    return rows


def handle_label(request: EmulatorRequest) -> LabelResponse:
    """``Label``: checks, selection, then (unless DryRun) the labels merged into each cluster."""
    body: LabelRequest = request.body
    args = list(body.args or [])
    if not args and not body.selector:
        return LabelResponse(results=[], status=error_status("no clusters specified"))
    labels = dict(body.labels or {})
    message = validate_labels(labels)
    if message:
        return LabelResponse(results=[], status=error_status(message))
    request.world.reconcile()
    with request.state.write() as conn:
        try:
            rows = _select(request, conn, body.namespace, args, body.selector)
        except _Refused as refused:
            return LabelResponse(results=[], status=error_status(refused.message))
        results = [str(row.spec.get("name", row.name)) for row in rows]
        if not body.dry_run:
            for row in rows:
                _change(conn, body.namespace, row, add=labels, remove=())
    return LabelResponse(results=results, status=ok_status())


def handle_delete(request: EmulatorRequest) -> LabelResponse:
    """``DeleteLabel``: as Label, but a bad label is ``labels not formatted correctly``."""
    body: DeleteLabelRequest = request.body
    args = list(body.args or [])
    if not args and not body.selector:
        return LabelResponse(results=[], status=error_status("no clusters specified"))
    labels = dict(body.labels or {})
    if validate_labels(labels):
        return LabelResponse(results=[], status=error_status("labels not formatted correctly"))
    request.world.reconcile()
    with request.state.write() as conn:
        try:
            rows = _select(request, conn, body.namespace, args, body.selector)
        except _Refused as refused:
            return LabelResponse(results=[], status=error_status(refused.message))
        results = ["deleting label from " + str(row.spec.get("name", row.name)) for row in rows]
        for row in rows:
            _change(conn, body.namespace, row, add={}, remove=tuple(labels))
    return LabelResponse(results=results, status=ok_status())


def _change(conn: Any, ns: str, row: model.Cluster, *, add: dict[str, str], remove: tuple[str, ...]) -> None:
    """The merge patch of ``spec.userlabels`` (labelimpl.go:113, 217): ``add`` merged in, the keys
    ``remove`` dropped. Nothing else changes: the metadata labels, which selectors match, keep what
    the operator's initialisation copied (:meth:`~pgo_cli.emulator.model.Cluster.effective_labels`)."""
    user = row.user_labels
    for key in remove:
        user.pop(key, None)
    user.update(add)
    row.spec["userlabels"] = sorted_map(user)
    row.save(conn)


HANDLERS = {LABEL: handle_label, DELETE: handle_delete}
