"""The floor: what a minimal standard-library client pays for pgo's work (benchmark baseline).

* ``floor_client.py version`` does the same mTLS ``GET /version`` as ``pgo version`` (basic auth
  from ``PGOUSER``, client certificate, the server's certificate as the only trust anchor) and
  prints the same two lines.
* ``floor_client.py show FILE [-o pgo|json|table]`` reads a saved ``/showclusters`` answer, does
  ``json.loads`` and prints what ``pgo show cluster -o FORMAT`` prints: pgo's text, the JSON document,
  or a plain fixed-width table with the same columns.

Nothing here imports anything outside the standard library, so its start-up is the interpreter's.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import ssl
import sys
from typing import Any
from urllib.parse import urlsplit

CLIENT_VERSION = "4.7.4"


def connect(timeout: float = 60.0) -> tuple[http.client.HTTPConnection, dict[str, str]]:
    """An HTTPS connection to ``PGO_APISERVER_URL`` with the client certificate, and the headers."""
    url = urlsplit(os.environ["PGO_APISERVER_URL"])
    context = ssl.create_default_context(cafile=os.environ["PGO_CA_CERT"])
    context.check_hostname = False  # pgo's default certificate has no SAN: pinned via cafile instead
    cert = os.environ.get("PGO_CLIENT_CERT") or os.environ["PGO_CA_CERT"]
    context.load_cert_chain(cert, os.environ["PGO_CLIENT_KEY"])
    with open(os.environ["PGOUSER"], encoding="utf-8") as handle:
        user_pass = handle.read().strip()
    headers = {
        "Authorization": "Basic " + base64.b64encode(user_pass.encode()).decode(),
        "Content-Type": "application/json",
    }
    conn = http.client.HTTPSConnection(url.hostname or "", url.port or 443, context=context, timeout=timeout)
    return conn, headers


def request(
    conn: http.client.HTTPConnection, headers: dict[str, str], method: str, path: str, body: Any
) -> Any:
    """One JSON request; the decoded answer (raises on a non-200 status)."""
    data = None if body is None else json.dumps(body).encode()
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status != 200:
        raise SystemExit(f"{method} {path}: HTTP {response.status}: {payload[:200]!r}")
    return json.loads(payload)


def cmd_version() -> int:
    conn, headers = connect()
    answer = request(conn, headers, "GET", "/version", None)
    sys.stdout.write(f"pgo client version {CLIENT_VERSION}\npgo-apiserver version {answer['Version']}\n")
    return 0


def _pgo_lines(detail: dict[str, Any]) -> list[str]:
    """pgo's printCluster for one result (the floor reads the keys as the server spells them)."""
    cluster = detail["Cluster"] if "Cluster" in detail else detail["cluster"]
    spec, meta = cluster["spec"], cluster["metadata"]
    lines = ["", f"cluster : {spec['name']} ({spec['ccpimage']}:{spec['ccpimagetag']})"]
    if detail.get("Standby"):
        lines.append("\tstandby : true")
    for pod in detail.get("Pods") or []:
        lines.append(
            f"\tpod : {pod['Name']} ({pod['Phase']}) on {pod['NodeName']} ({pod['ReadyStatus']}) ({pod['Type']})"
        )
        lines.extend(f"\t\tpvc: {pvc['Name']} ({pvc['Capacity']})" for pvc in pod.get("PVC") or [])
    for title in ("resources", "limits"):
        values = spec.get(title) or {}
        if values:
            line = f"\t{title} :"
            if values.get("cpu") not in (None, "0"):
                line += f" CPU: {values['cpu']}"
            if values.get("memory") not in (None, "0"):
                line += f" Memory: {values['memory']}"
            lines.append(line)
    deployments = detail.get("Deployments") or []
    lines.extend(f"\tdeployment : {d['Name']}" for d in deployments)
    if deployments:
        lines.extend(f"\tpolicy: {label}" for label in deployments[0].get("PolicyLabels") or [])
    for svc in detail.get("Services") or []:
        external = f" ExternalIP ({svc['ExternalIP']})" if svc.get("ExternalIP") else ""
        ports = ", ".join(svc.get("ClusterPorts") or [])
        lines.append(
            f"\tservice : {svc['Name']} - ClusterIP ({svc['ClusterIP']}){external} - Ports ({ports})"
        )
    lines.extend(f"\tpgreplica : {r['Name']}" for r in detail.get("Replicas") or [])
    labels = {
        k: v for k, v in (spec.get("userlabels") or {}).items() if k not in ("workflowid", "pgo-version")
    }
    labels.update(meta.get("labels") or {})
    lines.append("\tlabels : " + "".join(f"{k}={labels[k]} " for k in sorted(labels)))
    return lines


def _table_row(detail: dict[str, Any]) -> list[str]:
    cluster = detail["Cluster"] if "Cluster" in detail else detail["cluster"]
    pods = detail.get("Pods") or []
    ready = sum(1 for pod in pods if pod.get("Ready") and pod.get("Phase") == "Running")
    return [
        cluster["spec"]["name"],
        cluster["metadata"]["namespace"],
        cluster["spec"]["ccpimagetag"],
        f"{ready}/{len(pods)} ready",
        ", ".join(r["Name"] for r in detail.get("Replicas") or []) or "-",
        ", ".join(f"{s['Name']} {s['ClusterIP']}" for s in detail.get("Services") or []) or "-",
    ]


def cmd_show(path: str, fmt: str) -> int:
    with open(path, "rb") as handle:
        answer = json.loads(handle.read())
    results = answer.get("Results") or []
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(answer, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "table":
        headers = ["CLUSTER", "NAMESPACE", "IMAGE TAG", "PODS", "REPLICAS", "SERVICES"]
        rows = [_table_row(detail) for detail in results]
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
        for row in [headers, *rows]:
            out.write(
                "   ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n"
            )
    else:
        if not results:
            out.write("No clusters found.\n")
        for detail in results:
            out.write("\n".join(_pgo_lines(detail)) + "\n")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["version"]:
        return cmd_version()
    if argv[:1] == ["show"] and len(argv) >= 2:
        fmt = argv[argv.index("-o") + 1] if "-o" in argv else "pgo"
        return cmd_show(argv[1], fmt)
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
