"""Go JSON decoding and encoding rules as the emulator applies them to request bodies and answers.

The requests are decoded from the one description of each message (pgo_cli.nouns.cluster.messages)
the way Go's handlers do (``_ = json.NewDecoder(r.Body).Decode(&request)``).
"""

from __future__ import annotations

from typing import Any

from pgo_cli.emulator.router import parse_body
from pgo_cli.nouns.cluster.create_messages import CreateClusterRequest
from pgo_cli.nouns.cluster.messages import DeleteClusterRequest, ShowClusterRequest
from pgo_cli.wire.codec import decode_lenient, to_wire
from pgo_cli.wire.gojson import encode_go


def decode_body_as(kind: type, body: bytes) -> dict[str, Any]:
    """A body as the emulator's pipeline decodes it (Go's lenient ``_ = Decode(&req)``), in wire form."""
    return to_wire(decode_lenient(kind, parse_body(body)))


def test_keys_are_case_insensitive_and_the_later_key_wins() -> None:
    body = b'{"ClientVersion":"4.7.4","NAMESPACE":"pgo","Clustername":"a","clustername":"b"}'
    req = decode_body_as(ShowClusterRequest, body)
    assert req["clientversion"] == "4.7.4"
    assert req["namespace"] == "pgo"
    assert req["clustername"] == "b"
    req = decode_body_as(ShowClusterRequest, b'{"clustername":"a","Clustername":"b"}')
    assert req["clustername"] == "b"


def test_equal_fold_is_go_s_not_python_s() -> None:
    # strings.EqualFold: the Kelvin sign matches k and the long s matches s, but ß is not ss.
    req = decode_body_as(CreateClusterRequest, '{"Bac\u212arestS3\u212aey":"kelvin","ſelector":"x"}'.encode())
    assert req["BackrestS3Key"] == "kelvin"
    assert decode_body_as(ShowClusterRequest, '{"ſelector":"long-s"}'.encode())["selector"] == "long-s"
    assert decode_body_as(DeleteClusterRequest, '{"Clu\u00dftername":"x"}'.encode())["Clustername"] == ""


def test_absent_null_unknown_and_wrong_types_leave_zero_values() -> None:
    body = b'{"Clustername":123,"Selector":null,"Series":"x","DeleteData":"yes","ClientVersion":"4.7.4"}'
    req = decode_body_as(DeleteClusterRequest, body)
    assert req == {
        "Clustername": "",
        "Selector": "",
        "ClientVersion": "4.7.4",
        "Namespace": "",
        "AllFlag": False,
        "DeleteBackups": False,
        "DeleteData": False,
    }


def test_malformed_body_fills_nothing_and_trailing_bytes_are_ignored() -> None:
    assert decode_body_as(DeleteClusterRequest, b'{"ClientVersion":"4.7.4",')["ClientVersion"] == ""
    assert decode_body_as(DeleteClusterRequest, b"")["ClientVersion"] == ""
    assert (
        decode_body_as(DeleteClusterRequest, b'{"ClientVersion":"4.7.4"} garbage')["ClientVersion"] == "4.7.4"
    )


def test_nested_structs_slices_maps_and_pointers() -> None:
    body = (
        b'{"PGDataSource":{"RESTOREFROM":"old"},"tolerations":[{"key":"a","operator":"Exists"}],'
        b'"UserLabels":{"env":"prod","n":1},"SyncReplication":true,"ReplicaCount":1.5,"Tablespaces":{}}'
    )
    req = decode_body_as(CreateClusterRequest, body)
    assert req["PGDataSource"] == {"namespace": "", "restoreFrom": "old", "restoreOpts": ""}
    # v1.Toleration's fields are all omitempty: the request keeps each as the map it travels as,
    # which re-encodes exactly as Go's zero-filled struct does.
    assert req["tolerations"] == [{"key": "a", "operator": "Exists"}]
    assert req["UserLabels"] == {"env": "prod", "n": ""}
    assert req["SyncReplication"] is True
    assert req["ReplicaCount"] == 0
    assert req["Tablespaces"] is None
    # The server starts from Go's zero values, not from the client's defaults.
    assert req["AutofailFlag"] is False and req["BackrestGCSKeyType"] == ""
    assert req["annotations"] == {"backrest": None, "global": None, "pgBouncer": None, "postgres": None}
    assert len(req) == 82


def test_encoding_is_compact_html_escaped_with_newline() -> None:
    out = encode_go({"a": "<&>\b\n\u2028é", "b": [1, None, True], "c": {}})
    assert out == b'{"a":"\\u003c\\u0026\\u003e\\u0008\\n\\u2028\xc3\xa9","b":[1,null,true],"c":{}}\n'
