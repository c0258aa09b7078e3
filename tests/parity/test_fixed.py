"""The same requests as ``test_differences.py`` against ``pgo-emulator serve --fix-bugs all``:
every deliberate deviation from the v4.7.4 apiserver, opt-in, and silent (no bug notices)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.parity.conftest import MISMATCH, NOT_AUTHENTICATED, SNIFFED, VERSION, Raw, code, msg
from tests.support.emulator import EMULATOR

EMULATOR_ARGS = ("--fix-bugs", "all")
REALM = 'Basic realm="Restricted"'
BAD_LOGIN = ("admin", "wrong")


def _is_401(answer_status: int, body: bytes) -> bool:
    return answer_status == 401 and body == NOT_AUTHENTICATED.encode() + b"\n"


def test_auth_first_restart_and_userdelete_authenticate_first(raw: Raw) -> None:
    """fixes restartservice.go:57 and userservice.go:163."""
    answer = raw.post("/restart", b"", auth=BAD_LOGIN)
    assert _is_401(answer.status, answer.body)
    answer = raw.post("/userdelete", {"ClientVersion": "4.0.0", "Namespace": "pgo"}, auth=BAD_LOGIN)
    assert _is_401(answer.status, answer.body)
    assert answer.header("WWW-Authenticate") == REALM
    # with a good login the decode error is still the answer (Go's Decode after Authn)
    decoded = raw.post("/restart", b"")
    assert msg(decoded.doc()) == "EOF"


def test_auth_status_a_failed_login_is_a_401_alone(raw: Raw) -> None:
    """fixes policyservice.go:132,197, restartservice.go:64,132 and userservice.go:53."""
    body = {"ClientVersion": VERSION, "Namespace": "pgo"}
    for method, target in (
        ("POST", "/showpolicies"),
        ("POST", "/policiesdelete"),
        ("POST", "/restart"),
        ("GET", "/restart/hippo?namespace=pgo&version=4.7.4"),
        ("POST", "/userupdate"),
    ):
        answer = raw.call(method, target, None if method == "GET" else body, auth=BAD_LOGIN)
        assert _is_401(answer.status, answer.body), target
        assert answer.header("Content-Type") == SNIFFED
        assert answer.header("WWW-Authenticate") == REALM


def test_content_type_every_json_answer_is_application_json(raw: Raw) -> None:
    """fixes scaleservice.go:170,252, namespaceservice.go:73, pgbouncerservice.go:188,253, policyservice.go:59."""
    body = {"ClientVersion": VERSION, "Namespace": "pgo"}
    for answer in (
        raw.get("/scale/hippo?version=4.7.4&namespace=pgo"),
        raw.get("/scaledown/hippo?delete-data=false&namespace=pgo&replica-name=x&version=4.7.4"),
        raw.post("/namespace", {"ClientVersion": VERSION}),
        raw.post("/pgbouncer/show", body),
        raw.call("PUT", "/pgbouncer", body),
        raw.post("/policies", {**body, "Name": "p1", "SQL": "select 1"}),
        raw.post("/df", b""),
    ):
        assert (answer.status, answer.header("Content-Type")) == (200, "application/json")
        assert answer.body.startswith(b"{")


def test_restart_version_stops_at_the_mismatch(raw: Raw) -> None:
    """fixes restartservice.go:74-77: one document, nothing restarted."""
    raw.create_cluster("rover")
    answer = raw.post("/restart", {"ClientVersion": "4.0.0", "Namespace": "pgo", "ClusterName": "rover"})
    assert [msg(document) for document in answer.docs()] == [MISMATCH]
    query = raw.get("/restart/rover?namespace=pgo&version=4.0.0")
    assert [msg(document) for document in query.docs()] == [MISMATCH]


def test_label_selector_labels_the_selected_clusters(raw: Raw) -> None:
    """fixes labelimpl.go:63,80,165,180."""
    raw.create_cluster("lemur")
    body = {"ClientVersion": VERSION, "Namespace": "pgo", "Labels": {"team": "a"}, "Args": ["all"]}
    labelled = raw.post("/label", body).doc()
    assert code(labelled) == "ok" and "lemur" in labelled["Results"]
    removed = raw.post("/labeldelete", {**body, "Args": [], "Selector": "name=lemur"}).doc()
    assert removed["Results"] == ["deleting label from lemur"]


def test_workflow_pitr_target_is_kept(raw: Raw) -> None:
    """the emulator's addition to backrestimpl.go:671-713."""
    raw.create_cluster("otter")
    body = {"ClientVersion": VERSION, "Namespace": "pgo", "FromCluster": "otter", "PITRTarget": "2030-01-01"}
    restored = raw.post("/restore", body).doc()
    workflow_id = restored["Results"][-1].removeprefix("workflow id ")
    shown = raw.get(f"/workflow/{workflow_id}?version=4.7.4&namespace=pgo").doc()
    assert shown["Results"]["Parameters"]["backrest-pitr-target"] == "2030-01-01"


def test_checks_that_are_not_bugs_stay(raw: Raw) -> None:
    """Not deviations: the namespace mode 405 and the strict decoders are the handlers' design."""
    assert (
        msg(raw.post("/clusters/scale/hippo", b"x").doc())
        == "invalid character 'x' looking for beginning of value"
    )
    assert raw.post("/pgbouncerdelete", {}, auth=None).status == 401


def test_no_bug_notices_when_fixed(raw: Raw) -> None:
    raw.post("/restart", b"", auth=None)
    raw.post("/showpolicies", {}, auth=BAD_LOGIN)
    assert raw.notices("reproduced pgo 4.7.4 server bug", timeout=0.5) == []


def test_help_lists_every_fix_and_unknown_names_are_refused(tmp_path: Path) -> None:
    shown = subprocess.run([*EMULATOR, "serve", "--help"], capture_output=True, text=True, check=True).stdout
    for name in ("auth-first", "auth-status", "content-type", "label-selector", "restart-version"):
        assert f"  {name}: " in shown
    assert "  workflow-pitr-target: " in shown
    refused = subprocess.run(
        [*EMULATOR, "serve", "--fix-bugs", "nosuch", "--port", "0", "--state-dir", str(tmp_path / "s")],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and not (tmp_path / "s").exists()
    assert refused.stderr.startswith("pgo-emulator: unknown --fix-bugs name 'nosuch' (known: auth-first, ")
