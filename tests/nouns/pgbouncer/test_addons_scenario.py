"""Issue 13's end-to-end scenario through the real ``pgo`` against a running emulator over mTLS.

create namespace → create cluster there → create pgbouncer → show pgbouncer → update pgbouncer
--rotate-password → create policy --in-file → apply → show cluster shows the policy → label env=prod
→ show cluster --selector env=prod → create pgadmin → show pgadmin -o json parses → delete
everything → delete namespace. (``watch`` is left out: it is built elsewhere.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.emulator import Emulator
from tests.support.proc import Result, run_pgo

NS = "addons"


def _ok(result: Result) -> str:
    assert result.code == 0, result.output
    assert "Error" not in result.stderr, result.stderr
    return result.stdout


def _json(env: dict[str, str], *args: str) -> Any:
    return json.loads(_ok(run_pgo([*args, "-n", NS, "-o", "json"], env)))


def _cluster_text(env: dict[str, str], *args: str) -> str:
    return _ok(run_pgo(["show", "cluster", *args, "-n", NS], env))


def test_addons_scenario(emulator: Emulator, tmp_path: Path) -> None:
    env = emulator.env()

    def pgo(*args: str) -> str:
        return _ok(run_pgo([*args, "-n", NS], env))

    # a namespace of our own, and the clusters in it
    assert _ok(run_pgo(["create", "namespace", NS], env)) == f"created namespace {NS}\n"
    assert pgo("create", "cluster", "hippo").startswith("created cluster: hippo\n")
    assert pgo("create", "cluster", "rhino").startswith("created cluster: rhino\n")

    # pgBouncer: added, shown with its password, the password rotated
    assert pgo("create", "pgbouncer", "hippo") == "hippo pgbouncer added\n"
    [bouncer] = _json(env, "show", "pgbouncer", "hippo")["Results"]
    assert bouncer["HasPgBouncer"] is True and bouncer["Username"] == "pgbouncer"
    assert bouncer["ServiceName"] == "hippo-pgbouncer" and bouncer["ServiceClusterIP"]
    assert len(bouncer["Password"]) == 24
    text = pgo("show", "pgbouncer", "hippo")
    lines = text.split("\n")
    assert lines[0] == "" and lines[1].startswith("CLUSTER SERVICE         USERNAME  PASSWORD ")
    assert lines[3].startswith(f"hippo   hippo-pgbouncer pgbouncer {bouncer['Password']} ")
    rotated = pgo("update", "pgbouncer", "hippo", "--rotate-password", "--no-prompt")
    assert rotated == "\nCLUSTER STATUS ERROR \n------- ------ -----\nhippo   ok           \n"
    [after] = _json(env, "show", "pgbouncer", "hippo")["Results"]
    assert len(after["Password"]) == 24 and after["Password"] != bouncer["Password"]

    # a policy from a file, applied to hippo only, shown by show cluster
    sql = tmp_path / "audit.sql"
    sql.write_text("create table audit (id int);\n")
    assert pgo("create", "policy", "audit", "--in-file", str(sql)) == "Created policy.\n"
    shown = pgo("show", "policy", "audit")
    assert shown == "\npolicy : audit\n\tstatus : \n\tsql : create table audit (id int);\n\n"
    assert pgo("apply", "audit", "--selector", "name=hippo") == "Applied policy on hippo\n"
    hippo = _cluster_text(env, "hippo")
    assert "\tpolicy: audit\n" in hippo and "audit=pgpolicy" in hippo
    assert "\tpolicy: audit\n" not in _cluster_text(env, "rhino")

    # a user label: shown, but selectors match the metadata labels, which pgo label does not touch
    # (labelimpl.go:113); the creation's labels are there (PatchClusterCRD at initialisation)
    assert pgo("label", "hippo", "--label", "env=prod") == "Label applied on hippo\n"
    assert "env=prod" in _cluster_text(env, "hippo")
    assert _cluster_text(env, "--selector", "env=prod") == "No clusters found.\n"
    selected = _cluster_text(env, "--selector", "pgo-version=4.7.4,name=hippo")
    assert "cluster : hippo " in selected and "cluster : rhino " not in selected

    # pgAdmin: scheduled, then shown as one JSON document
    assert pgo("create", "pgadmin", "hippo") == "hippo pgAdmin addition scheduled\n"
    document = _json(env, "show", "pgadmin", "hippo")
    [admin] = document["Results"]
    assert (document["Code"], admin["ClusterName"], admin["HasPgAdmin"]) == ("ok", "hippo", True)
    assert admin["ServiceName"] == "hippo-pgadmin" and admin["ServiceClusterIP"]
    assert "hippo-pgadmin" in _cluster_text(env, "hippo")

    # delete everything, each step seen from the show commands
    assert pgo("delete", "pgadmin", "hippo", "--no-prompt") == "hippo pgAdmin delete scheduled\n"
    [admin] = _json(env, "show", "pgadmin", "hippo")["Results"]
    assert admin["HasPgAdmin"] is False
    assert pgo("delete", "pgbouncer", "hippo", "--no-prompt") == "hippo pgbouncer deleted\n"
    [bouncer] = _json(env, "show", "pgbouncer", "hippo")["Results"]
    assert (bouncer["HasPgBouncer"], bouncer["Password"], bouncer["ServiceName"]) == (False, "", "")
    assert pgo("delete", "label", "hippo", "--label", "env=prod") == "deleting label from hippo\n"
    assert "cluster : hippo " not in _cluster_text(env, "--selector", "env=prod")
    assert pgo("delete", "policy", "audit", "--no-prompt") == "deleted policy audit\n"
    assert pgo("show", "policy", "--all") == "No policies found.\n"
    for name in ("hippo", "rhino"):
        assert pgo("delete", "cluster", name, "--no-prompt") == f"deleted pgcluster {name}\n"
    assert _cluster_text(env, "--all") == "No clusters found.\n"
    assert _ok(run_pgo(["delete", "namespace", NS, "--no-prompt"], env)) == f"deleted namespace {NS}\n"

    # the namespace is gone: the apiserver refuses it now
    gone = run_pgo(["show", "cluster", "--all", "-n", NS], env)
    assert gone.code == 1 and gone.stdout == ""
    assert gone.stderr.startswith(f"Error: namespace [{NS}] is not part of the Operator installation")
