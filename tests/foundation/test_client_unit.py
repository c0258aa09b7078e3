"""Fast unit tests of the transport and client with ``responses``: what goes on the wire, how every
kind of answer becomes a typed result or a typed error with its exit code."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import pytest
import requests
import responses

from pgo_cli import Client
from pgo_cli.errors import ApiError, AuthError, ExitCode, ResponseError, TransportError
from pgo_cli.nouns.cluster.messages import DeleteClusterRequest, ShowClusterRequest
from pgo_cli.sdk.debuglog import DebugLog
from pgo_cli.sdk.session import Credentials, Settings

URL = "http://apiserver.test:8443"
PASSWORD = "Sup3r-s3cret!"


def make_client(debug: DebugLog | None = None, **settings: Any) -> Client:
    base = {"apiserver_url": URL, "namespace": "pgo", "timeout": 5.0}
    base.update(settings)
    return Client(Settings(**base), Credentials("admin", PASSWORD, "test"), debug=debug)


@responses.activate
def test_version_request_on_the_wire() -> None:
    responses.get(f"{URL}/version", json={"Version": "4.7.4", "Code": "ok", "Msg": "apiserver version"})
    reply = make_client().version()
    assert reply.version == "4.7.4"
    sent = responses.calls[0].request
    assert sent.method == "GET"
    assert sent.headers["Content-Type"] == "application/json"
    expected = "Basic " + base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
    assert sent.headers["Authorization"] == expected
    assert not sent.body


@responses.activate
def test_trailing_slash_of_url_does_not_double_the_slash() -> None:
    responses.get(f"{URL}/version", json={"Version": "4.7.4", "Code": "ok"})
    make_client(apiserver_url=URL + "/").version()
    assert responses.calls[0].request.url == f"{URL}/version"


@responses.activate
def test_keys_decoded_case_insensitively_and_unknown_ignored() -> None:
    responses.get(f"{URL}/version", json={"version": "9.9.9", "CODE": "ok", "msg": "", "Extra": [1]})
    assert make_client().version().version == "9.9.9"


@responses.activate
def test_show_request_uses_lowercase_keys() -> None:
    responses.post(f"{URL}/showclusters", json={"Results": [], "Code": "ok", "Msg": ""})
    request = ShowClusterRequest(clustername="hippo", clientversion="4.7.4", namespace="pgo")
    reply = make_client().clusters.send_show(request)
    assert reply.results == []
    body = responses.calls[0].request.body
    assert body == (
        b'{"clustername":"hippo","selector":"","ccpimagetag":"","clientversion":"4.7.4",'
        b'"namespace":"pgo","allflag":false}'
    )


@responses.activate
def test_delete_request_uses_go_field_names() -> None:
    responses.post(
        f"{URL}/clustersdelete", json={"Results": ["deleted pgcluster hippo"], "Code": "ok", "Msg": ""}
    )
    request = DeleteClusterRequest(
        clustername="hippo", client_version="4.7.4", namespace="pgo", delete_backups=True, delete_data=True
    )
    assert make_client().clusters.send_delete(request).results == ["deleted pgcluster hippo"]
    assert json.loads(responses.calls[0].request.body) == {
        "Clustername": "hippo",
        "Selector": "",
        "ClientVersion": "4.7.4",
        "Namespace": "pgo",
        "AllFlag": False,
        "DeleteBackups": True,
        "DeleteData": True,
    }


@responses.activate
def test_create_response_nested_status() -> None:
    responses.post(
        f"{URL}/clusters",
        json={
            "result": {
                "Database": "hippo",
                "Name": "hippo",
                "Users": [{"Password": "pw", "Username": "testuser"}],
                "WorkflowID": "w",
            },
            "status": {"Code": "ok", "Msg": ""},
        },
    )
    reply = make_client().clusters.send_create({"Name": "hippo"})
    assert reply.result.users and reply.result.users[0].username == "testuser"
    assert reply.result.workflow_id == "w"


@responses.activate
def test_status_error_is_api_error_exit_1() -> None:
    responses.post(
        f"{URL}/showclusters",
        json={
            "Results": [],
            "Code": "error",
            "Msg": "namespace [x] is not part of the Operator installation",
        },
    )
    with pytest.raises(ApiError) as caught:
        make_client().clusters.send_show(ShowClusterRequest(namespace="x"))
    assert caught.value.exit_code == ExitCode.API_ERROR == 1
    assert caught.value.message == "namespace [x] is not part of the Operator installation"
    assert caught.value.response.results == []


@responses.activate
def test_version_mismatch_hint_names_the_server_version() -> None:
    responses.post(
        f"{URL}/showclusters",
        json={"Results": [], "Code": "error", "Msg": "pgo client and server version mismatch"},
    )
    responses.get(f"{URL}/version", json={"Version": "4.6.2", "Code": "ok", "Msg": "apiserver version"})
    with pytest.raises(ApiError) as caught:
        make_client().clusters.send_show(ShowClusterRequest(namespace="pgo", clientversion="4.7.4"))
    assert caught.value.hint and "4.6.2" in caught.value.hint and "--client-version" in caught.value.hint


@pytest.mark.parametrize(
    ("status", "body", "error", "code", "fragment"),
    [
        (
            401,
            "Not authenticated in apiserver\n",
            AuthError,
            3,
            "Authentication Failed: 401 (Not authenticated in apiserver)",
        ),
        (401, "", AuthError, 3, "Authentication Failed: 401"),
        (
            403,
            "Not authorized for this apiserver action\n",
            AuthError,
            3,
            "Not authorized for this apiserver action",
        ),
        (403, "Forbidden: Client Certificate Required\n", AuthError, 3, "Client Certificate Required"),
        (404, "404 page not found\n", ResponseError, 5, "Invalid Status Code: 404"),
        (
            405,
            "",
            ResponseError,
            5,
            "Method GET for URL /version is not allowed in the current Operator install: 405",
        ),
        (500, '{"error":"boom"}', ResponseError, 5, "HTTP 500"),
        (
            502,
            "<html><head><title>502 Bad Gateway</title></head></html>",
            ResponseError,
            5,
            "502 Bad Gateway",
        ),
        (418, "", ResponseError, 5, "Invalid Status Code: 418"),
    ],
)
@responses.activate
def test_http_status_mapping(
    status: int, body: str, error: type[Exception], code: int, fragment: str
) -> None:
    responses.get(f"{URL}/version", body=body, status=status)
    with pytest.raises(error) as caught:
        make_client().version()
    assert caught.value.exit_code == code
    assert fragment in str(caught.value)


@responses.activate
def test_redirect_is_not_followed() -> None:
    responses.post(f"{URL}/clusters", status=301, headers={"Location": "/elsewhere"})
    with pytest.raises(ResponseError) as caught:
        make_client().clusters.send_create({"Name": "x"})
    assert "/elsewhere" in caught.value.message and caught.value.exit_code == 5
    assert len(responses.calls) == 1


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("", "empty"),
        ("<html>oops</html>", "not valid JSON"),
        ('{"Version": "4.7.4", "Code": ', "not valid JSON"),
        ('{"Version": 4, "Code": "ok"}', "unexpected shape"),
        ('{"Version": "4.7.4", "Code": 7}', "unexpected shape"),
        ('"just a string"', "unexpected shape"),
    ],
)
@responses.activate
def test_unusable_answers_exit_5(body: str, fragment: str) -> None:
    responses.get(f"{URL}/version", body=body, status=200)
    with pytest.raises(ResponseError) as caught:
        make_client().version()
    assert caught.value.exit_code == 5
    assert fragment in caught.value.message


@responses.activate
def test_show_results_wrong_shape_exit_5() -> None:
    responses.post(f"{URL}/showclusters", json={"Results": "nope", "Code": "ok", "Msg": ""})
    with pytest.raises(ResponseError, match="unexpected shape"):
        make_client().clusters.send_show(ShowClusterRequest(namespace="pgo"))


@responses.activate
def test_trailing_bytes_after_json_are_ignored_like_go() -> None:
    responses.get(f"{URL}/version", body='{"Version":"4.7.4","Code":"ok","Msg":""}\ngarbage')
    assert make_client().version().version == "4.7.4"


@responses.activate
def test_reads_retry_on_503_then_succeed() -> None:
    responses.post(f"{URL}/showclusters", status=503, body="busy")
    responses.post(f"{URL}/showclusters", json={"Results": [], "Code": "ok", "Msg": ""})
    make_client().clusters.send_show(ShowClusterRequest(namespace="pgo"))
    assert len(responses.calls) == 2


@responses.activate
def test_writes_are_never_retried() -> None:
    responses.post(f"{URL}/clusters", status=503, body="busy")
    with pytest.raises(ResponseError) as caught:
        make_client().clusters.send_create({"Name": "x"})
    assert len(responses.calls) == 1
    assert caught.value.sent is True


@responses.activate
def test_connection_failure_is_exit_4_and_not_sent() -> None:
    responses.post(f"{URL}/clusters", body=requests.exceptions.ConnectionError("refused"))
    with pytest.raises(TransportError) as caught:
        make_client().clusters.send_create({"Name": "x"})
    assert caught.value.exit_code == 4


@responses.activate
def test_debug_log_redacts_every_secret() -> None:
    responses.post(
        f"{URL}/clusters",
        json={
            "result": {
                "Database": "db",
                "Name": "n",
                "Users": [{"Password": "generated-Secret", "Username": "u"}],
                "WorkflowID": "w",
            },
            "status": {"Code": "ok", "Msg": ""},
        },
    )
    stream = io.StringIO()
    make_client(debug=DebugLog(stream)).clusters.send_create(
        {
            "Name": "n",
            "Password": "typed-Secret",
            "PasswordSuperuser": "su-Secret",
            "BackrestS3Key": "AKIA-secret",
        }
    )
    log = stream.getvalue()
    assert "POST http://apiserver.test:8443/clusters" in log
    for secret in (PASSWORD, "generated-Secret", "typed-Secret", "su-Secret", "AKIA-secret"):
        assert secret not in log
    assert "Authorization" not in log and "Basic " not in log
    assert "<redacted>" in log


def test_go_lookup_later_key_wins_even_over_exact_case() -> None:
    from pgo_cli.wire.gojson import lookup

    assert lookup({"clustername": "a", "Clustername": "b"}, "clustername") == "b"
    assert lookup({"Clustername": "b", "clustername": "a"}, "clustername") == "a"
    assert lookup({"CLUSTERNAME": "x"}, "clustername") == "x"
    assert lookup({}, "clustername", "zero") == "zero"


@responses.activate
def test_time_already_up_is_a_timeout_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under load a retry's pause can use up --timeout exactly; requests refuses a zero timeout
    # with a ValueError, which used to escape the error boundary as a traceback.
    from pgo_cli.sdk import transport

    responses.get(f"{URL}/version", json={"Version": "4.7.4", "Code": "ok", "Msg": "apiserver version"})
    monkeypatch.setattr(transport._Deadline, "remaining", lambda self: 0.0)
    with pytest.raises(TransportError) as caught:
        make_client().version()
    assert caught.value.exit_code == 4
    assert "within 5 seconds" in caught.value.message
    assert caught.value.sent is False
    assert len(responses.calls) == 0
