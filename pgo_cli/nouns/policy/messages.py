"""The policy messages of ``pkg/apiservermsgs/policymsgs.go`` (pgo 4.7.4), fields in Go's order.

``ShowPolicyRequest`` names its policy ``Policyname`` and ``DeletePolicyRequest`` ``PolicyName``:
the case differs between the two, as in Go. ``ShowPolicyResponse.PolicyList`` is a Kubernetes
``PgpolicyList`` (``pkg/apis/crunchydata.com/v1/policy.go``) with lower-case JSON tags.

``Pgpolicy`` and ``PgpolicyList`` leave out their inline ``metav1.TypeMeta`` (``kind``,
``apiVersion``) on purpose: pgo reads neither, both are ``omitempty`` in Go, and the codec has no
``omitempty``, so modelling them would add ``"kind": ""`` to every emulator answer. Decoding
ignores them when a server sends them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pgo_cli.wire.codec import Status, key, status


@dataclass
class CreatePolicyRequest:
    """Body of ``POST /policies``; ``SQL`` is the text of ``--in-file``."""

    name: str = key("Name", "")
    sql: str = key("SQL", "")
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class CreatePolicyResponse:
    """Answer of ``POST /policies``: the status only."""

    status: Status = status()


@dataclass
class ShowPolicyRequest:
    """Body of ``POST /showpolicies`` (one per policy name)."""

    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")
    policyname: str = key("Policyname", "")


@dataclass
class PgpolicySpec:
    """``crv1.PgpolicySpec``: name, SQL and a status the operator never fills."""

    name: str = key("name", "")
    sql: str = key("sql", "")
    status: str = key("status", "")


@dataclass
class Pgpolicy:
    """``crv1.Pgpolicy``: Kubernetes metadata, the spec and the controller's status."""

    metadata: dict[str, Any] | None = key("metadata", None)
    spec: PgpolicySpec = key("spec", factory=PgpolicySpec)
    status: dict[str, Any] | None = key("status", None)


@dataclass
class PgpolicyList:
    """``crv1.PgpolicyList``: list metadata and the items (``null`` when nothing was found)."""

    #: ``metav1.ListMeta``, a struct whose fields are all ``omitempty``: ``{}`` when empty.
    metadata: dict[str, Any] | None = key("metadata", None, go_struct=True)
    items: list[Pgpolicy] | None = key("items", None)


@dataclass
class ShowPolicyResponse:
    """Answer of ``POST /showpolicies``."""

    policy_list: PgpolicyList = key("PolicyList", factory=PgpolicyList)
    status: Status = status()


@dataclass
class DeletePolicyRequest:
    """Body of ``POST /policiesdelete`` (one per policy name; ``all`` with ``--all``)."""

    selector: str = key("Selector", "")
    namespace: str = key("Namespace", "")
    all_flag: bool = key("AllFlag", False)
    client_version: str = key("ClientVersion", "")
    policy_name: str = key("PolicyName", "")


@dataclass
class DeletePolicyResponse:
    """Answer of ``POST /policiesdelete``: one ``deleted policy <p>`` line per policy."""

    results: list[str] | None = key("Results", None)
    status: Status = status()


@dataclass
class ApplyPolicyRequest:
    """Body of ``POST /policies/apply``; ``DryRun`` is pgo's own, server-side ``--dry-run``."""

    name: str = key("Name", "")
    selector: str = key("Selector", "")
    dry_run: bool = key("DryRun", False)
    namespace: str = key("Namespace", "")
    client_version: str = key("ClientVersion", "")


@dataclass
class ApplyPolicyResponse:
    """Answer of ``POST /policies/apply``: the deployments the policy was (or would be) applied to."""

    name: list[str] | None = key("Name", None)
    status: Status = status()
