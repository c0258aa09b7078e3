"""The v4.7.4 apiserver's observable quirks, reproduced by default (issue 19), byte for byte.

Each test cites the Go source it follows; ``test_fixed.py`` runs the same requests against an
emulator started with ``--fix-bugs all``.
"""

from __future__ import annotations

import json

from tests.parity.conftest import (
    MISMATCH,
    NO_CREDENTIALS,
    NOT_AUTHENTICATED,
    SNIFFED,
    VERSION,
    Raw,
    code,
    msg,
)

REALM = 'Basic realm="Restricted"'
BAD_LOGIN = ("admin", "wrong")
RESTART_ZERO = {"Result": {"ClusterName": "", "Instances": None, "Error": False, "ErrorMessage": ""}}


def test_restart_decodes_its_body_before_authenticating(raw: Raw) -> None:
    """restartservice.go:56-61: a bad body without credentials gets 200 and the decode error,
    with no header the handler would have set (sniffed Content-Type, no WWW-Authenticate)."""
    answer = raw.post("/restart", b"", auth=None)
    assert answer.status == 200
    assert answer.header("Content-Type") == SNIFFED
    assert answer.header("WWW-Authenticate") is None
    assert (
        answer.body
        == b'{"Result":{"ClusterName":"","Instances":null,"Error":false,"ErrorMessage":""},'
        + (b'"Code":"error","Msg":"EOF"}\n')
    )
    assert raw.notices("POST /restart: reproduced pgo 4.7.4 server bug 'auth-first'")


def test_userdelete_checks_the_version_before_authenticating(raw: Raw) -> None:
    """userservice.go:163-168: the version mismatch answers a request without credentials."""
    answer = raw.post("/userdelete", {"ClientVersion": "4.0.0", "Namespace": "pgo"}, auth=None)
    assert (answer.status, answer.header("Content-Type")) == (200, SNIFFED)
    assert answer.header("WWW-Authenticate") is None
    assert answer.body == b'{"Results":null,"Code":"error","Msg":"' + MISMATCH.encode() + b'"}\n'


def test_policy_show_and_delete_answer_a_failed_login_with_200(raw: Raw) -> None:
    """policyservice.go:132-139 and 197-204: WriteHeader(200) with JSON headers comes before Authn,
    so http.Error's 401/403 status and text/plain are lost; its text is the body."""
    for path in ("/showpolicies", "/policiesdelete"):
        body = {"ClientVersion": VERSION, "Namespace": "pgo"}
        answer = raw.post(path, body, auth=BAD_LOGIN)
        assert answer.status == 200
        assert answer.header("Content-Type") == "application/json"
        assert answer.header("WWW-Authenticate") == REALM
        assert answer.header("X-Content-Type-Options") is None
        assert answer.body == NOT_AUTHENTICATED.encode() + b"\n"
        assert raw.post(path, body, auth=None).body == NO_CREDENTIALS.encode() + b"\n"
    assert raw.notices("POST /showpolicies: reproduced pgo 4.7.4 server bug 'auth-status'")


def test_restart_writes_json_after_its_401(raw: Raw) -> None:
    """restartservice.go:63-67 (and 131-135 for the query): after Authn's http.Error the handler
    encodes a RestartResponse with Authn's own error."""
    answer = raw.post("/restart", {"ClientVersion": VERSION, "Namespace": "pgo"}, auth=BAD_LOGIN)
    assert (answer.status, answer.header("Content-Type")) == (401, SNIFFED)
    assert answer.header("WWW-Authenticate") == REALM
    text, document = answer.body.decode().splitlines()
    assert text == NOT_AUTHENTICATED
    assert json.loads(document) == {**RESTART_ZERO, "Code": "error", "Msg": "Not Authenticated"}
    query = raw.get("/restart/hippo?namespace=pgo&version=4.7.4", auth=None)
    assert query.status == 401
    assert query.body == (
        NO_CREDENTIALS.encode()
        + b'\n{"Results":null,"Code":"error","Msg":"Not Authorized: Credentials do not comply '
        b'with RFC 7617","Standby":false}\n'
    )


def test_userupdate_writes_a_version_mismatch_after_its_401(raw: Raw) -> None:
    """userservice.go:53-57: the JSON after a failed Authn always says version mismatch."""
    answer = raw.post("/userupdate", {"ClientVersion": VERSION, "Namespace": "pgo"}, auth=BAD_LOGIN)
    assert answer.status == 401
    text, document = answer.body.decode().splitlines()
    assert text == NOT_AUTHENTICATED
    assert msg(json.loads(document)) == MISMATCH


def test_restart_with_a_wrong_version_writes_the_mismatch_then_restarts(raw: Raw) -> None:
    """restartservice.go:74-77: no return after the mismatch; the restart is done (86)."""
    raw.create_cluster("rover")
    answer = raw.post("/restart", {"ClientVersion": "4.0.0", "Namespace": "pgo", "ClusterName": "rover"})
    first, second = answer.docs()
    assert first == {**RESTART_ZERO, "Code": "error", "Msg": MISMATCH}
    assert code(second) == "ok"
    assert second["Result"]["ClusterName"] == "rover"
    [instance] = second["Result"]["Instances"]
    assert instance["InstanceName"].startswith("rover") and instance["Error"] is False
    assert raw.notices("POST /restart: reproduced pgo 4.7.4 server bug 'restart-version'")


def test_scale_df_and_backrest_delete_report_the_decode_error(raw: Raw) -> None:
    """scaleservice.go:63-71, dfservice.go:70-74, backrestservice.go:111-120: an empty body is
    ``EOF``, not a version mismatch; nothing set the Content-Type yet (sniffed)."""
    for method, path, zero in (
        ("POST", "/clusters/scale/hippo", b'{"Results":null,'),
        ("POST", "/df", b'{"Results":null,'),
        ("DELETE", "/backrest", b"{"),
    ):
        answer = raw.call(method, path, b"")
        assert (answer.status, answer.header("Content-Type")) == (200, SNIFFED), path
        assert answer.header("WWW-Authenticate") == REALM
        assert answer.body == zero + b'"Code":"error","Msg":"EOF"}\n', path


def test_disabled_namespace_mode_answers_405_before_authentication(raw: Raw) -> None:
    """namespaceservice.go:61-66 (show: disabled), 115-120/167-172/225-230 (others: unless
    dynamic): ``Allow`` set to empty, then http.Error 405, before Authn: no WWW-Authenticate."""
    from pgo_cli.emulator.state import State, set_namespace_mode

    state = State(raw.emulator.state_dir)
    try:
        set_namespace_mode(state, "disabled")
        for path, action in (
            ("/namespace", "show"),
            ("/namespacecreate", "create"),
            ("/namespaceupdate", "update"),
            ("/namespacedelete", "delete"),
        ):
            answer = raw.post(path, b"{", auth=None)
            assert answer.status == 405
            assert answer.header("Allow") == ""
            assert answer.header("WWW-Authenticate") is None
            assert answer.header("Content-Type") == SNIFFED
            assert answer.header("X-Content-Type-Options") == "nosniff"
            assert (
                answer.body
                == (
                    f"Unable to {action} namespaces: This method has is not allowed in the current "
                    "PostgreSQL Operator installation\n"
                ).encode()
            )
        set_namespace_mode(state, "readonly")
        assert raw.post("/namespacecreate", {}, auth=None).status == 405
        shown = raw.post("/namespace", {"ClientVersion": VERSION}, auth=None)
        assert shown.status == 401  # readonly still shows: Authn answers
    finally:
        set_namespace_mode(state, "dynamic")
        state.close()


def test_handlers_that_set_content_type_too_late_answer_text_plain(raw: Raw) -> None:
    """scaleservice.go:170-171, 252-253; namespaceservice.go:73-75; pgbouncerservice.go:188-189,
    253-254: WriteHeader(200) before Header().Set: Go sniffs the JSON body."""
    body = {"ClientVersion": VERSION, "Namespace": "pgo"}
    for answer in (
        raw.get("/scale/hippo?version=4.7.4&namespace=pgo"),
        raw.get("/scaledown/hippo?delete-data=false&namespace=pgo&replica-name=x&version=4.7.4"),
        raw.post("/namespace", {"ClientVersion": VERSION}),
        raw.post("/pgbouncer/show", body),
        raw.call("PUT", "/pgbouncer", body),
    ):
        assert (answer.status, answer.header("Content-Type")) == (200, SNIFFED)
        assert answer.header("WWW-Authenticate") == REALM  # Authn set it first
        assert answer.body.startswith(b"{")
    assert raw.notices("POST /pgbouncer/show: reproduced pgo 4.7.4 server bug 'content-type'")


def test_create_policy_never_sets_a_content_type(raw: Raw) -> None:
    """policyservice.go:31-99: no Header().Set at all; the answer is sniffed."""
    answer = raw.post(
        "/policies", {"ClientVersion": VERSION, "Namespace": "pgo", "Name": "p1", "SQL": "select 1"}
    )
    assert (answer.status, answer.header("Content-Type")) == (200, SNIFFED)
    assert answer.body == b'{"Code":"ok","Msg":""}\n'


def test_pgbouncerdelete_is_a_route(raw: Raw) -> None:
    """routes.go:129: ``POST /pgbouncerdelete`` runs DeletePgbouncerHandler, as DELETE /pgbouncer."""
    body = {"ClientVersion": VERSION, "Namespace": "pgo", "Args": ["nosuch"]}
    alias = raw.post("/pgbouncerdelete", body)
    assert alias.status == 200 and alias.header("Content-Type") == "application/json"
    assert alias.body == raw.call("DELETE", "/pgbouncer", body).body
    assert raw.post("/pgbouncerdelete", body, auth=None).status == 401


def test_label_with_all_or_a_selector_finds_no_clusters(raw: Raw) -> None:
    """labelimpl.go:63,80 (label) and 165,180 (delete label): the length of a list not filled yet."""
    raw.create_cluster("lemur")
    for path, extra in (
        ("/label", {"Args": ["all"]}),
        ("/label", {"Selector": "name=lemur"}),
        ("/labeldelete", {"Args": ["all"]}),
        ("/labeldelete", {"Selector": "name=lemur"}),
    ):
        body = {"ClientVersion": VERSION, "Namespace": "pgo", "Labels": {"team": "a"}, **extra}
        document = raw.post(path, body).doc()
        assert (code(document), msg(document)) == ("error", "no clusters found"), (path, extra)
    assert raw.notices("POST /label: reproduced pgo 4.7.4 server bug 'label-selector'")


def test_the_restore_workflow_has_no_pitr_target(raw: Raw) -> None:
    """backrestimpl.go:671-713 (createRestoreWorkflowTask): submitted time, cluster, workflow id only."""
    raw.create_cluster("otter")
    body = {
        "ClientVersion": VERSION,
        "Namespace": "pgo",
        "FromCluster": "otter",
        "PITRTarget": "2030-01-01 00:00:00+00",
        "RestoreOpts": "--type=time",
    }
    restored = raw.post("/restore", body).doc()
    assert code(restored) == "ok", restored
    workflow_id = restored["Results"][-1].removeprefix("workflow id ")
    shown = raw.get(f"/workflow/{workflow_id}?version=4.7.4&namespace=pgo").doc()
    parameters = shown["Results"]["Parameters"]
    assert "backrest-pitr-target" not in parameters
    assert parameters["workflowid"] == workflow_id and parameters["pg-cluster"] == "otter"


def _show(raw: Raw, selector: str) -> list[str]:
    answer = raw.post(
        "/showclusters", {"ClientVersion": VERSION, "Namespace": "pgo", "Selector": selector}
    ).doc()
    assert code(answer) == "ok", answer
    return [detail["cluster"]["metadata"]["name"] for detail in answer["Results"]]


def test_labels_selectors_see_only_what_initialisation_copied(raw: Raw) -> None:
    """cluster.go:216 → util.go:83-100 (PatchClusterCRD): at initialisation each valid user label
    of the new cluster, pgo-version and workflowid among them, becomes a metadata label, which is
    what label selectors match (clusterimpl.go ShowCluster lists with LabelSelector); later
    ``pgo label`` patches only spec.userlabels (labelimpl.go:113, 217)."""
    raw.create_cluster("koala", UserLabels={"team": "a"})
    [detail] = raw.post(
        "/showclusters", {"ClientVersion": VERSION, "Namespace": "pgo", "Clustername": "koala"}
    ).doc()["Results"]
    metadata_labels = detail["cluster"]["metadata"]["labels"]
    user_labels = detail["cluster"]["spec"]["userlabels"]
    assert metadata_labels["team"] == "a" and metadata_labels["pgo-version"] == VERSION
    assert metadata_labels["workflowid"] == user_labels["workflowid"]
    assert _show(raw, "team=a") == ["koala"]

    body = {"ClientVersion": VERSION, "Namespace": "pgo", "Args": ["koala"], "Labels": {"env": "prod"}}
    assert code(raw.post("/label", body).doc()) == "ok"
    assert _show(raw, "env=prod") == []  # in spec.userlabels only
    removed = raw.post("/labeldelete", {**body, "Labels": {"team": ""}}).doc()
    assert removed["Results"] == ["deleting label from koala"]
    assert _show(raw, "team=a") == ["koala"]  # the metadata label stays
    [detail] = raw.post(
        "/showclusters", {"ClientVersion": VERSION, "Namespace": "pgo", "Clustername": "koala"}
    ).doc()["Results"]
    assert detail["cluster"]["spec"]["userlabels"]["env"] == "prod"
    assert "team" not in detail["cluster"]["spec"]["userlabels"]
    assert "env" not in detail["cluster"]["metadata"]["labels"]
