"""Issue 22's fast paths give exactly what the straightforward ones give, on random answers.

* ``show cluster`` text, names and table read lazily (one cluster decoded at a time,
  :mod:`pgo_cli.cli.large`) against the straightforward typed path (the whole answer decoded,
  every Pgcluster decoded, then printed): the same bytes, or the same error.
* orjson's reading of an answer (:func:`~pgo_cli.wire.gojson.loads_quick`) against ``json.loads``.
* the generated exact-key decoders against the reference decoding by case-folded keys.

No timings here: speed is measured by ``bench/run.py`` only.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import orjson
import pytest
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgo_cli.cli import large
from pgo_cli.errors import PgoError
from pgo_cli.nouns.cluster import endpoints
from pgo_cli.nouns.cluster.messages import (
    Pgcluster,
    ShowClusterDetail,
    ShowClusterRequest,
    ShowClusterResponse,
)
from pgo_cli.nouns.cluster.names import write_name
from pgo_cli.nouns.cluster.table import (
    cluster_rows,
    plain_cluster_row,
    plain_pod_rows,
    pod_rows,
    write_clusters,
)
from pgo_cli.nouns.cluster.text import (
    NO_CLUSTERS,
    cluster_text,
    plain_cluster,
    plain_cluster_text,
    readings,
    write_cluster,
    write_results,
)
from pgo_cli.sdk.connection import Connection
from pgo_cli.sdk.session import Credentials, Settings
from pgo_cli.wire import codec, lazy
from pgo_cli.wire.gojson import dumps_go, fold_keys, has_long_digit_run, loads_quick

URL = "http://apiserver.test:8443"
REQUEST = ShowClusterRequest(namespace="pgo", allflag=True, clientversion="4.7.4")


def _client() -> Connection:
    return Connection(
        Settings(apiserver_url=URL, namespace="pgo", timeout=5.0), Credentials("admin", "pw", "test")
    )


# ------------------------------------------------------------------------------------ strategies


def _spelled(key: str) -> st.SearchStrategy[str]:
    """The key as Go writes it, mostly; now and then in another case (Go's EqualFold still matches)."""
    return st.sampled_from([key] * 6 + [key.lower(), key.upper()])


_TEXT = st.one_of(
    st.sampled_from(["", "hippo", "db-1", "Running", "1/1", "é☃🐘", "a b", "x=y", "<&>"]), st.text(max_size=5)
)
_WRONG = st.one_of(st.integers(-3, 3), st.booleans(), st.lists(st.integers(), max_size=1), st.just({"k": 1}))


def _value(kind: str) -> st.SearchStrategy[Any]:
    """A value for a field of Go type ``kind``: mostly right, sometimes null, rarely wrong."""
    right: dict[str, st.SearchStrategy[Any]] = {
        "str": _TEXT,
        "bool": st.booleans(),
        "quantity": st.one_of(
            st.sampled_from(["0", "128Mi", "1Gi", "500m", "1.5", "bad"]),
            st.integers(0, 4096),
            st.sampled_from([0.5, 2.0, 1e3]),
        ),
    }
    # Mostly right: an answer has some 50 such values, and one wrong value fails it as a whole.
    return _mostly(right[kind], st.none(), _WRONG)


def _mostly(
    usual: st.SearchStrategy[Any], sometimes: st.SearchStrategy[Any], rarely: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """``usual`` (about 93 %), ``sometimes`` (6 %), ``rarely`` (under 1 %): hypothesis leans to a
    choice's ends, so the choice is among many equal entries with the usual one first."""
    choices = {"usual": usual, "sometimes": sometimes, "rarely": rarely}
    return st.sampled_from(["usual"] * 140 + ["sometimes"] * 9 + ["rarely"]).flatmap(choices.__getitem__)


def _object(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A JSON object with some of ``fields`` (keys spelled by :func:`_spelled`) and an unknown key."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, values in fields.items():
            if draw(st.integers(0, 9)) == 0:
                continue  # absent
            result[draw(_spelled(name))] = draw(values)
        if draw(st.booleans()):
            result["extra"] = draw(st.one_of(_TEXT, st.integers()))
        return result

    return build()


def _maybe_list(items: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return _mostly(st.lists(_mostly(items, st.none(), items), max_size=3), st.none(), _WRONG)


_STRINGS_MAP = st.one_of(st.dictionaries(_TEXT, _TEXT, max_size=3), st.none())
_QUANTITIES = st.one_of(
    st.dictionaries(st.sampled_from(["cpu", "memory", "storage"]), _value("quantity"), max_size=2), st.none()
)
_PVC = _object({"Capacity": _value("str"), "Name": _value("str")})
_POD = _object(
    {
        "Name": _value("str"),
        "Phase": _value("str"),
        "NodeName": _value("str"),
        "PVC": _maybe_list(_PVC),
        "ReadyStatus": _value("str"),
        "Ready": _value("bool"),
        "Primary": _value("bool"),
        "Type": _value("str"),
    }
)
_SERVICE = _object(
    {
        "Name": _value("str"),
        "Data": _value("str"),
        "ClusterIP": _value("str"),
        "ClusterPorts": _maybe_list(_TEXT),
        "ExternalIP": _value("str"),
        "ClusterName": _value("str"),
        "Pgbouncer": _value("bool"),
        "BackrestRepo": _value("bool"),
        "PGAdmin": _value("bool"),
    }
)
_DEPLOYMENT = _object({"Name": _value("str"), "PolicyLabels": _maybe_list(_TEXT)})
_CLUSTER = _object(
    {
        "kind": st.just("Pgcluster"),
        "metadata": _object(
            {
                "name": _value("str"),
                "namespace": _value("str"),
                "labels": _STRINGS_MAP,
                "annotations": _STRINGS_MAP,
            }
        ),
        "spec": _object(
            {
                "name": _value("str"),
                "ccpimage": _value("str"),
                "ccpimagetag": _value("str"),
                "resources": _QUANTITIES,
                "limits": _QUANTITIES,
                "replicas": _value("str"),
                "userlabels": _STRINGS_MAP,
                "standby": _value("bool"),
            }
        ),
        "status": _object({"state": _value("str"), "message": _value("str")}),
    }
)
# A pod that starts with the key "cluster": the cut between two elements ("},{"cluster":") then
# also occurs inside an element, which the lazy reading must notice.
_POD_LIKE_AN_ELEMENT = st.builds(lambda pod: {"cluster": 1, **pod}, _POD)
_DETAIL = st.fixed_dictionaries(
    {
        "cluster": st.one_of(*[_CLUSTER] * 9, st.none()),
        "Deployments": _maybe_list(_DEPLOYMENT),
        "Pods": _maybe_list(_mostly(_POD, _POD, _POD_LIKE_AN_ELEMENT)),
        "Services": _maybe_list(_SERVICE),
        "Replicas": _maybe_list(_object({"Name": _value("str")})),
        "Standby": _value("bool"),
    }
)
#: An element of Results: now and then null (the zero struct) or not an object at all.
_ELEMENT = st.one_of(*[_DETAIL] * 20, st.none(), st.just(7))


@st.composite
def _answers(draw: st.DrawFn) -> bytes:
    """An answer to POST /showclusters: mostly in Go's layout, sometimes laid out otherwise."""
    results = draw(st.one_of(*[st.lists(_ELEMENT, min_size=1, max_size=5)] * 4, st.just([]), st.none()))
    code = draw(st.sampled_from(["ok"] * 6 + ["error", ""]))
    results_key = draw(st.sampled_from(["Results"] * 9 + ["results"]))
    answer: dict[str, Any] = {results_key: results, "Code": code, "Msg": draw(_TEXT)}
    layout = draw(st.sampled_from(["go"] * 7 + ["spaced", "status first", "twice"]))
    if layout == "spaced":
        return json.dumps(answer, indent=1).encode()
    if layout == "status first":
        answer = dict(reversed(list(answer.items())))
    if layout == "twice":
        answer["results"] = draw(st.lists(_ELEMENT, max_size=2))
    return (dumps_go(answer) + "\n").encode()


# ----------------------------------------------------------------------------------- the two paths


def _text(responses_: Sequence[Any], out: TextIO) -> None:
    for response in responses_:
        results = response.results or []
        if not results:
            out.write(NO_CLUSTERS + "\n")
        for detail in results:
            write_cluster(detail, out)


def _names(responses_: Sequence[Any], out: TextIO) -> None:
    for response in responses_:
        for detail in response.results or []:
            write_name(detail, out)


def _table(responses_: Sequence[Any], out: TextIO) -> None:
    """As ``pgo show cluster -o wide`` writes it: results read lazily are read from their JSON
    values where they can (``readings``)."""
    write_clusters((d for r in responses_ for d in readings(r.results or [])), out, wide=True, width=120)


_LAZY_RENDERERS: dict[str, Callable[[Sequence[Any], TextIO], None]] = {
    "pgo": _text,
    "name": _names,
    "table": _table,
}


def _straightforward(payload: bytes, output: str) -> str:
    """The typed path as it was: the whole answer decoded, every Pgcluster decoded, then printed."""
    with responses.RequestsMock() as mock:
        mock.post(f"{URL}/showclusters", body=payload, content_type="application/json")
        response: ShowClusterResponse = _client().call(endpoints.SHOW, REQUEST).response
    results = response.results or []
    clusters = [detail.pgcluster() for detail in results]
    out = io.StringIO()
    if output == "table":
        write_clusters(results, out, wide=True, width=120, clusters=clusters)
    elif output == "name":
        for detail, cluster in zip(results, clusters, strict=True):
            write_name(detail, out, cluster)
    else:
        if not results:
            out.write(NO_CLUSTERS + "\n")
        for detail, cluster in zip(results, clusters, strict=True):
            write_cluster(detail, out, cluster)
    return out.getvalue()


def _fast(payload: bytes, output: str) -> str:
    client = _client()
    with responses.RequestsMock() as mock:
        mock.post(f"{URL}/showclusters", body=payload, content_type="application/json")
        fetched = large.fetch(client, endpoints.SHOW, REQUEST)
    return large.rendered(client, [fetched], _LAZY_RENDERERS[output])


def _outcome(path: Callable[[bytes, str], str], payload: bytes, output: str) -> tuple[str, str]:
    try:
        return "output", path(payload, output)
    except (PgoError, codec.WireShapeError) as error:
        return type(error).__name__, str(getattr(error, "message", error))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_answers(), st.sampled_from(["pgo", "name", "table"]))
def test_lazy_show_equals_the_straightforward_typed_path(payload: bytes, output: str) -> None:
    assert _outcome(_fast, payload, output) == _outcome(_straightforward, payload, output)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_DETAIL, min_size=1, max_size=6), st.sampled_from(["pgo", "name", "table"]))
def test_lazy_show_of_answers_in_gos_layout(results: list[dict[str, Any]], output: str) -> None:
    """Answers as the apiserver writes them, which the lazy path reads (the examples above are
    mostly the straightforward path's)."""
    payload = (dumps_go({"Results": results, "Code": "ok", "Msg": ""}) + "\n").encode()
    if not has_long_digit_run(payload):  # a number orjson may read otherwise: not read lazily
        assert lazy.lazy_response(ShowClusterResponse, payload) is not None
    assert _outcome(_fast, payload, output) == _outcome(_straightforward, payload, output)


def test_the_lazy_path_is_taken_for_an_answer_in_gos_layout() -> None:
    detail = {"cluster": {"spec": {"name": "a"}}, "Pods": [{"Name": "a-1"}], "Standby": False}
    payload = dumps_go({"Results": [detail, dict(detail, cluster={"spec": {"name": "b"}})], "Code": "ok"})
    response = lazy.lazy_response(ShowClusterResponse, payload.encode())
    assert response is not None
    assert isinstance(response.results, lazy.LazyList)
    assert [d.pgcluster().spec.name for d in response.results] == ["a", "b"]
    assert response.results[1].pods[0].name == "a-1"


@pytest.mark.parametrize(
    "payload",
    [
        '{"Results":[{"cluster":{}}],"results":[],"Code":"ok"}',  # Go reads the second array
        '{"Code":"ok","Results":[{"cluster":{}}]}',  # another key order
        '{"Results": [{"cluster":{}}],"Code":"ok"}',  # whitespace
        '{"Results":[{"cluster":{"n":123456789012345678901}}],"Code":"ok"}',  # beyond 64 bits
        '{"Results":[],"Code":"ok"}',
        '{"Results":null,"Code":"ok"}',
        '{"Results":[{"cluster":{}}],"Code":"error","Msg":"no"}',  # errors: the straightforward path
    ],
)
def test_answers_not_read_lazily(payload: str) -> None:
    """Refused at once, or (a cut that is not between elements) when the elements are read."""
    response = lazy.lazy_response(ShowClusterResponse, payload.encode())
    if response is not None:
        with pytest.raises(lazy.Irregular):
            list(response.results)


def test_a_cut_inside_an_element_is_irregular() -> None:
    inner = {"cluster": 1, "Name": "p"}
    payload = dumps_go({"Results": [{"cluster": {}, "Pods": [{"Name": "x"}, inner]}], "Code": "ok"}).encode()
    response = lazy.lazy_response(ShowClusterResponse, payload)
    assert response is not None
    with pytest.raises(lazy.Irregular):
        list(response.results)


# ------------------------------------------------------------------------------- orjson's reading

_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63 - 3, max_value=2**64 + 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=4), children)
    ),
    max_leaves=20,
)
_NOISE = st.sampled_from(["", " ", "\n", " x", "\u00a0", "\ufeff", ",", "NaN", '"\\ud800"', "1e400"])


@settings(max_examples=400)
@given(_JSON, _NOISE, _NOISE, st.booleans())
def test_orjson_reads_what_json_loads_reads(document: Any, before: str, after: str, ascii_: bool) -> None:
    text = before + json.dumps(document, ensure_ascii=ascii_) + after
    exact, value = loads_quick(text.encode("utf-8", "surrogatepass"))
    if exact:
        expected = json.loads(text)
        assert repr(value) == repr(expected)  # repr: 1 and 1.0, -0.0 and 0.0 differ


@pytest.mark.parametrize(
    "text",
    [
        "123456789012345678901",
        "[18446744073709551616]",
        '{"a":-9223372036854775809}',
        "1e400",
        "[1,\n 18446744073709551616]",
        '{"a":\t-99999999999999999999}',
    ],
)
def test_orjson_is_not_trusted_where_it_reads_otherwise(text: str) -> None:
    assert loads_quick(text.encode()) == (False, None)


@pytest.mark.parametrize(
    "text",
    [
        '{"system-id":7716345907388470576}',  # a PostgreSQL system identifier, as pgBackRest gives it
        "[9999999999999999999,-999999999999999999]",
        '{"min":"000000010000000000000002","max":"000000010000000000000003"}',  # WAL file names
    ],
)
def test_orjson_reads_integers_of_up_to_19_digits(text: str) -> None:
    exact, value = loads_quick(text.encode())
    assert exact and value == json.loads(text)


@settings(max_examples=400)
@given(st.lists(st.integers(min_value=-(2**70), max_value=2**70), min_size=1, max_size=4))
def test_orjson_is_trusted_only_with_integers_it_reads_exactly(numbers: list[int]) -> None:
    text = json.dumps({"n": numbers, "s": str(numbers[0])})
    exact, value = loads_quick(text.encode())
    if exact:
        assert value == json.loads(text) and all(type(n) is int for n in value["n"])
    else:  # only where an integer may be beyond 64 bits
        assert any(not -(2**63) <= n < 2**64 or len(str(abs(n))) >= 19 for n in numbers)


# ----------------------------------------------------------------- exact keys against folded keys


@settings(max_examples=300, deadline=None)
@given(st.one_of(_DETAIL.filter(lambda d: isinstance(d, dict)), _CLUSTER))
def test_exact_key_decoding_equals_the_folded_reference(data: dict[str, Any]) -> None:
    for cls in (ShowClusterDetail, Pgcluster, codec.Status):
        exact = _decode_outcome(lambda cls=cls: codec.decode(cls, data))
        folded = _decode_outcome(lambda cls=cls: codec._decode_folded(cls, fold_keys(data), cls.__name__))
        assert exact == folded


def _decode_outcome(decode: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "value", decode()
    except codec.WireShapeError as error:
        return "error", str(error)


# ------------------------------------------------------------------------ through the real command


def _show_answer(*details: dict[str, Any]) -> bytes:
    return (dumps_go({"Results": list(details), "Code": "ok", "Msg": ""}) + "\n").encode()


def _detail(name: str, **extra: Any) -> dict[str, Any]:
    cluster = {"metadata": {"name": name, "labels": {"pg-cluster": name}}, "spec": {"name": name}}
    return {"cluster": cluster, "Pods": [{"Name": f"{name}-pod", "Phase": "Running"}], **extra}


def test_command_prints_a_lazily_read_answer_as_the_straightforward_path(
    pgo: Any, mock_api: responses.RequestsMock
) -> None:
    # The second cluster holds a pod that starts like an element: the lazy reading gives up on
    # it and the answer is read the straightforward way from the same bytes.
    tricky = _detail("b", Pods=[{"cluster": 1, "Name": "b-pod"}, {"cluster": 2, "Name": "b-pod2"}])
    for payload in (_show_answer(_detail("a"), _detail("b")), _show_answer(_detail("a"), tricky)):
        mock_api.post(f"{URL}/showclusters", body=payload, content_type="application/json")
        outcome = pgo("show", "cluster", "--all", "-o", "pgo")
        assert outcome.code == 0, outcome.stderr
        assert outcome.stdout == _straightforward(payload, "pgo")
        assert "cluster : a (:)" in outcome.stdout and "cluster : b (:)" in outcome.stdout


def test_command_prints_nothing_of_an_answer_with_a_malformed_cluster(
    pgo: Any, mock_api: responses.RequestsMock
) -> None:
    bad = _detail("c")
    bad["Pods"] = [{"Name": 7}]  # a number where Go's struct has a string
    payload = _show_answer(_detail("a"), _detail("b"), bad)
    mock_api.post(f"{URL}/showclusters", body=payload, content_type="application/json")
    outcome = pgo("show", "cluster", "--all", "-o", "pgo")
    assert outcome.code != 0
    assert outcome.stdout == ""  # not the first two clusters: the answer fails as a whole
    assert "ShowClusterResponse.Results[].Pods[].Name of type string" in outcome.stderr
    assert _outcome(_straightforward, payload, "pgo")[0] == "ResponseError"


# ------------------------------------------------- show cluster's text read from the JSON values


def _command_text(responses_: Sequence[Any], out: TextIO) -> None:
    """What ``pgo show cluster`` itself writes for the answers (cluster.text.write_results)."""
    for response in responses_:
        write_results(response.results or [], out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_answers())
def test_command_text_of_random_answers_equals_the_straightforward_typed_path(payload: bytes) -> None:
    def command(payload: bytes, output: str) -> str:
        client = _client()
        with responses.RequestsMock() as mock:
            mock.post(f"{URL}/showclusters", body=payload, content_type="application/json")
            fetched = large.fetch(client, endpoints.SHOW, REQUEST)
        return large.rendered(client, [fetched], _command_text)

    assert _outcome(command, payload, "pgo") == _outcome(_straightforward, payload, "pgo")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ELEMENT)
def test_plain_cluster_text_is_the_typed_text_or_none(element: Any) -> None:
    value = orjson.loads(dumps_go(element))  # as the lazy reading gives it
    _, _, decode_item = codec.first_list_field(ShowClusterResponse)
    plain = plain_cluster_text(value)
    try:
        typed: str | None = cluster_text(decode_item(value))
    except codec.WireShapeError:
        typed = None
    if plain is not None:
        assert plain == typed


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ELEMENT, st.booleans())
def test_plain_cluster_row_is_the_typed_row_or_not_used(element: Any, wide: bool) -> None:
    value = orjson.loads(dumps_go(element))  # as the lazy reading gives it
    field = codec.first_list_field(ShowClusterResponse)
    assert field is not None
    view = plain_cluster(value)
    try:
        detail = field[2](value)
        typed: Any = (cluster_rows(detail, wide=wide), pod_rows(detail))
    except codec.WireShapeError:
        typed = None
    if view is not None:
        assert (plain_cluster_row(view, wide=wide), plain_pod_rows(view)) == typed


def _full_detail(name: str) -> dict[str, Any]:
    """A show result as the apiserver writes one (the emulator's, trimmed of unread spec keys)."""
    return {
        "cluster": {
            "kind": "Pgcluster",
            "apiVersion": "crunchydata.com/v1",
            "metadata": {
                "name": name,
                "namespace": "pgo",
                "labels": {"pg-cluster": name, "pgo-version": "4.7.4", "team": "db"},
                "annotations": {"current-primary": name},
            },
            "spec": {
                "name": name,
                "clustername": name,
                "ccpimage": "crunchy-postgres-ha",
                "ccpimagetag": "centos8-13.5-4.7.4",
                "port": "5432",
                "resources": {"memory": "128Mi", "cpu": "500m"},
                "limits": {"memory": "1Gi"},
                "replicas": "1",
                "userlabels": {"pgo-version": "4.7.4", "team": "db", "workflowid": "w-1"},
                "standby": False,
                "tolerations": [],
            },
            "status": {"state": "pgcluster Initialized", "message": "Cluster has been initialized"},
        },
        "Deployments": [
            {"Name": name, "PolicyLabels": ["pgaudit"]},
            {"Name": f"{name}-backrest-shared-repo", "PolicyLabels": ["ignored"]},
        ],
        "Pods": [
            {
                "Name": f"{name}-abc",
                "Phase": "Running",
                "NodeName": "worker-1",
                "PVC": [{"Name": name, "Capacity": "1G"}],
                "ReadyStatus": "1/1",
                "Ready": True,
                "Primary": True,
                "Type": "primary",
            }
        ],
        "Services": [
            {
                "Name": name,
                "Data": "",
                "ClusterIP": "10.0.0.1",
                "ClusterPorts": ["5432/TCP", "9187/TCP"],
                "ExternalIP": "192.0.2.1",
                "ClusterName": name,
                "Pgbouncer": False,
                "BackrestRepo": False,
                "PGAdmin": False,
            }
        ],
        "Replicas": [{"Name": f"{name}-rpl1"}],
        "Standby": True,
    }


def test_an_answer_in_gos_layout_is_printed_from_its_json_values() -> None:
    value = orjson.loads(dumps_go(_full_detail("hippo")))
    text = plain_cluster_text(value)
    assert text is not None  # the plain reading is taken, not just allowed
    _, _, decode_item = codec.first_list_field(ShowClusterResponse)
    assert text == cluster_text(decode_item(value))
    assert "\tpolicy: pgaudit\n" in text and "ignored" not in text
    view = plain_cluster(value)
    assert view is not None  # and the table's row is read from the same values
    detail = decode_item(value)
    for wide in (False, True):
        assert plain_cluster_row(view, wide=wide) == cluster_rows(detail, wide=wide)
    assert plain_pod_rows(view) == pod_rows(detail)
    assert "\tlabels : pg-cluster=hippo pgo-version=4.7.4 team=db \n" in text


@pytest.mark.parametrize(
    "change",
    [
        {"Standby": "yes"},  # a wrong type, printed or not: the typed decoding refuses it
        {"Pods": [{"Name": "p", "Ready": "true"}]},
        {"Pods": [None]},  # the zero struct in the typed copy
        {"Services": [{"Name": "s", "ClusterPorts": ["5432/TCP", None]}]},  # null is "" there
        {"Replicas": [{"name": "r"}]},  # Go's case-insensitive match
        {"cluster": {"spec": {"name": "x", "resources": {"memory": 1024}}}},  # a number quantity
    ],
)
def test_values_not_read_plainly_are_decoded(change: dict[str, Any]) -> None:
    value = orjson.loads(dumps_go({**_full_detail("hippo"), **change}))
    assert plain_cluster_text(value) is None
