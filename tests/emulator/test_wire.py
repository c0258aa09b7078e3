"""Go JSON decoding and encoding rules (reference §2.4, §2.5)."""

from __future__ import annotations

from pgo_cli.emulator import wire


def test_keys_are_case_insensitive_and_the_later_key_wins() -> None:
    body = b'{"ClientVersion":"4.7.4","NAMESPACE":"pgo","Clustername":"a","clustername":"b"}'
    req = wire.decode_body(wire.SHOW_CLUSTER_REQUEST, body)
    assert req["clientversion"] == "4.7.4"
    assert req["namespace"] == "pgo"
    assert req["clustername"] == "b"
    req = wire.decode_body(wire.SHOW_CLUSTER_REQUEST, b'{"clustername":"a","Clustername":"b"}')
    assert req["clustername"] == "b"


def test_absent_null_unknown_and_wrong_types_leave_zero_values() -> None:
    body = b'{"Clustername":123,"Selector":null,"Series":"x","DeleteData":"yes","ClientVersion":"4.7.4"}'
    req = wire.decode_body(wire.DELETE_CLUSTER_REQUEST, body)
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
    assert wire.decode_body(wire.DELETE_CLUSTER_REQUEST, b'{"ClientVersion":"4.7.4",')["ClientVersion"] == ""
    assert wire.decode_body(wire.DELETE_CLUSTER_REQUEST, b"")["ClientVersion"] == ""
    assert (
        wire.decode_body(wire.DELETE_CLUSTER_REQUEST, b'{"ClientVersion":"4.7.4"} garbage')["ClientVersion"]
        == "4.7.4"
    )


def test_nested_structs_slices_maps_and_pointers() -> None:
    body = (
        b'{"PGDataSource":{"RESTOREFROM":"old"},"tolerations":[{"key":"a","operator":"Exists"}],'
        b'"UserLabels":{"env":"prod","n":1},"SyncReplication":true,"ReplicaCount":1.5,"Tablespaces":{}}'
    )
    req = wire.decode_body(wire.CREATE_CLUSTER_REQUEST, body)
    assert req["PGDataSource"] == {"namespace": "", "restoreFrom": "old", "restoreOpts": ""}
    assert req["tolerations"] == [
        {"key": "a", "operator": "Exists", "value": "", "effect": "", "tolerationSeconds": None}
    ]
    assert req["UserLabels"] == {"env": "prod", "n": ""}
    assert req["SyncReplication"] is True
    assert req["ReplicaCount"] == 0
    assert req["Tablespaces"] is None
    assert req["annotations"] == {"backrest": None, "global": None, "pgBouncer": None, "postgres": None}
    assert len(wire.CREATE_CLUSTER_REQUEST) == 82


def test_encoding_is_compact_html_escaped_with_newline() -> None:
    out = wire.encode({"a": "<&>\b\n\u2028é", "b": [1, None, True], "c": {}})
    assert out == b'{"a":"\\u003c\\u0026\\u003e\\u0008\\n\\u2028\xc3\xa9","b":[1,null,true],"c":{}}\n'
