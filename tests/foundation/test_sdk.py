"""The Python SDK: typed calls built by the CLI's own request builders, typos refused."""

from __future__ import annotations

import json

import pytest
import responses

from pgo_cli import Client
from pgo_cli.errors import ApiError, UsageError
from pgo_cli.nouns.cluster.create_messages import CreateClusterResponse
from pgo_cli.nouns.cluster.messages import ShowClusterResponse

URL = "http://apiserver.test:8443"
ENV = {"PGO_APISERVER_URL": URL, "DISABLE_TLS": "true", "PGOUSERNAME": "admin", "PGOUSERPASS": "pw"}


def client() -> Client:
    return Client.from_environment(env=ENV, namespace="pgo")


@responses.activate
def test_create_sends_the_cli_body_with_namespace_and_client_version() -> None:
    responses.add(
        responses.POST,
        URL + "/clusters",
        json={
            "result": {"Name": "hippo", "Database": "hippo", "Users": None, "WorkflowID": "w"},
            "status": {"Code": "ok", "Msg": ""},
        },
    )
    reply = client().clusters.create("hippo", replica_count=1, labels={"env": "prod"}, memory="1Gi")
    assert isinstance(reply, CreateClusterResponse) and reply.result.workflow_id == "w"
    body = json.loads(responses.calls[0].request.body)
    assert (body["Name"], body["Namespace"], body["ClientVersion"]) == ("hippo", "pgo", "4.7.4")
    assert (body["ReplicaCount"], body["UserLabels"], body["MemoryRequest"]) == (1, {"env": "prod"}, "1Gi")


@responses.activate
def test_show_and_delete_are_typed_and_refusals_raise() -> None:
    responses.add(responses.POST, URL + "/showclusters", json={"Results": [], "Code": "ok", "Msg": ""})
    responses.add(
        responses.POST,
        URL + "/clustersdelete",
        json={"Results": [], "Code": "error", "Msg": "no clusters found"},
    )
    [shown] = client().clusters.show(all=True)
    assert isinstance(shown, ShowClusterResponse) and shown.results == []
    assert json.loads(responses.calls[0].request.body)["allflag"] is True
    with pytest.raises(ApiError, match="no clusters found"):
        client().clusters.delete("hippo")


def test_unknown_keywords_and_bad_values_are_refused_before_sending() -> None:
    with pytest.raises(TypeError, match="namespce"):
        Client.from_environment(env=ENV, namespce="pgo")
    with pytest.raises(TypeError, match="replica_cuont"):
        client().clusters.create("hippo", replica_cuont=1)  # type: ignore[call-arg]
    with responses.RequestsMock() as mock:  # nothing may be sent
        with pytest.raises(UsageError):
            client().clusters.create("hippo", memory="lots")
        assert len(mock.calls) == 0
