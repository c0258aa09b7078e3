"""The check order of every apiserver route, as its v4.7.4 Go handler runs it (faithful by default).

The table below is read off ``internal/apiserver/*service/*service.go`` (file and lines cited per
route), independently of the emulator's own route descriptions. Each route gets three requests
that are wrong in several ways at once; the answer shows which check fires first:

* bad password, wrong version, unknown namespace: Authn's 401 on most routes, but the version
  mismatch where the handler checks it first (``/userdelete``), a 200 carrying the 401 text where
  the handler wrote its headers first (``/showpolicies``, ``/policiesdelete``), and the 401 text
  followed by a JSON document where the handler writes one after it;
* good login, wrong version, unknown namespace: the version mismatch, or the namespace error
  where the namespace comes first (``/usercreate``) or no version check exists;
* good login, right version, unknown namespace: the namespace error where one is checked.

The Content-Type of a JSON answer says whether the handler set it before ``WriteHeader``:
``application/json``, or Go's sniffed ``text/plain; charset=utf-8``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.parity.conftest import MISMATCH, NOT_AUTHENTICATED, SNIFFED, VERSION, Answer, Raw, code, msg

BAD_LOGIN = ("admin", "wrong")
NOWHERE = "nowhere"
NAMESPACE_ERROR = f"namespace [{NOWHERE}] is not part of the Operator installation"


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    #: The handler's steps before its implementation, in order: authn (``+json``: a JSON
    #: document with Authn's error after the 401 text, ``+version``: one with the version
    #: mismatch), headers (``late``: WriteHeader before Content-Type), version (``goes-on``:
    #: the mismatch does not stop it), namespace, decode (strict: its error is answered).
    order: tuple[str, ...]
    cite: str
    #: Query parameters a GET route reads (besides version and namespace).
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


def r(method: str, path: str, order: str, cite: str, query: str = "") -> Route:
    return Route(method, path, tuple(order.split()), cite, query)


STD = "authn headers version namespace"
NO_VERSION = "authn headers namespace"
ROUTES = [
    r("POST", "/backrestbackup", NO_VERSION, "backrestservice/backrestservice.go:55-76"),
    r("GET", "/backrest/hippo", STD, "backrestservice/backrestservice.go:209-233", "&selector="),
    r(
        "DELETE",
        "/backrest",
        "authn decode headers version namespace",
        "backrestservice/backrestservice.go:103-155",
    ),
    r("POST", "/restore", NO_VERSION, "backrestservice/backrestservice.go:262-283"),
    r("POST", "/cat", NO_VERSION, "catservice/catservice.go:53-73"),
    r("POST", "/clusters", STD, "clusterservice/clusterservice.go:53-90"),
    r("POST", "/showclusters", STD, "clusterservice/clusterservice.go:122-164"),
    r("POST", "/clustersdelete", STD, "clusterservice/clusterservice.go:193-236"),
    r("POST", "/clustersupdate", STD, "clusterservice/clusterservice.go:328-364"),
    r("POST", "/testclusters", STD, "clusterservice/clusterservice.go:263-301"),
    r(
        "POST",
        "/clusters/scale/hippo",
        "authn decode headers version namespace",
        "clusterservice/scaleservice.go:55-99",
    ),
    r("GET", "/scale/hippo", "authn late version namespace", "clusterservice/scaleservice.go:165-189"),
    r(
        "GET",
        "/scaledown/hippo",
        "authn late version namespace",
        "clusterservice/scaleservice.go:247-278",
        "&replica-name=x&delete-data=false",
    ),
    r("GET", "/config", STD, "configservice/configservice.go:58-83"),
    r("POST", "/df", "authn decode headers version namespace", "dfservice/dfservice.go:62-99"),
    r("POST", "/failover", STD, "failoverservice/failoverservice.go:53-80"),
    r("GET", "/failover/hippo", STD, "failoverservice/failoverservice.go:127-152"),
    r("POST", "/label", STD, "labelservice/labelservice.go:51-79"),
    r("POST", "/labeldelete", STD, "labelservice/labelservice.go:108-135"),
    r("POST", "/namespace", "authn late version", "namespaceservice/namespaceservice.go:56-84"),
    r("POST", "/namespacedelete", "authn headers version", "namespaceservice/namespaceservice.go:162-194"),
    r("POST", "/namespacecreate", "authn headers version", "namespaceservice/namespaceservice.go:112-139"),
    r("POST", "/namespaceupdate", "authn headers version", "namespaceservice/namespaceservice.go:222-249"),
    r("POST", "/pgadmin", STD, "pgadminservice/pgadminservice.go:50-77"),
    r("DELETE", "/pgadmin", STD, "pgadminservice/pgadminservice.go:103-130"),
    r("POST", "/pgadmin/show", STD, "pgadminservice/pgadminservice.go:157-187"),
    r("POST", "/pgbouncer", STD, "pgbouncerservice/pgbouncerservice.go:49-79"),
    r("PUT", "/pgbouncer", "authn late version namespace", "pgbouncerservice/pgbouncerservice.go:248-286"),
    r("DELETE", "/pgbouncer", STD, "pgbouncerservice/pgbouncerservice.go:126-156"),
    r(
        "POST",
        "/pgbouncer/show",
        "authn late version namespace",
        "pgbouncerservice/pgbouncerservice.go:183-221",
    ),
    r("POST", "/pgbouncerdelete", STD, "pgbouncerservice/pgbouncerservice.go:126-156 (routes.go:129)"),
    r("POST", "/pgdumpbackup", NO_VERSION, "pgdumpservice/pgdumpservice.go:53-74"),
    r("GET", "/pgdump/hippo", STD, "pgdumpservice/pgdumpservice.go:125-151", "&selector="),
    r("POST", "/pgdumprestore", NO_VERSION, "pgdumpservice/pgdumpservice.go:180-202"),
    r("POST", "/pgoroleupdate", "authn headers", "pgoroleservice/pgoroleservice.go:202-214"),
    r("POST", "/pgoroledelete", "authn headers version", "pgoroleservice/pgoroleservice.go:105-125"),
    r("POST", "/pgorolecreate", "authn headers version", "pgoroleservice/pgoroleservice.go:54-77"),
    r("POST", "/pgoroleshow", "authn headers version", "pgoroleservice/pgoroleservice.go:153-174"),
    r("POST", "/pgouserupdate", "authn headers", "pgouserservice/pgouserservice.go:202-214"),
    r("POST", "/pgouserdelete", "authn headers version", "pgouserservice/pgouserservice.go:105-125"),
    r("POST", "/pgousercreate", "authn headers version", "pgouserservice/pgouserservice.go:54-77"),
    r("POST", "/pgousershow", "authn headers version", "pgouserservice/pgouserservice.go:153-174"),
    r("POST", "/policies", "authn version namespace", "policyservice/policyservice.go:59-98"),
    r("POST", "/showpolicies", "headers authn version namespace", "policyservice/policyservice.go:197-226"),
    r("POST", "/policiesdelete", "headers authn version namespace", "policyservice/policyservice.go:132-160"),
    r("POST", "/policies/apply", NO_VERSION, "policyservice/policyservice.go:257-276"),
    r("POST", "/showpvc", STD, "pvcservice/pvcservice.go:66-92"),
    r("POST", "/reload", NO_VERSION, "reloadservice/reloadservice.go:57-75"),
    r(
        "POST",
        "/restart",
        "decode authn+json headers version:goes-on namespace",
        "restartservice/restartservice.go:56-86",
    ),
    r(
        "GET",
        "/restart/hippo",
        "authn+json headers version:goes-on namespace",
        "restartservice/restartservice.go:131-153",
    ),
    r("POST", "/schedule", NO_VERSION, "scheduleservice/scheduleservice.go:83-105"),
    r("POST", "/scheduledelete", NO_VERSION, "scheduleservice/scheduleservice.go:135-158"),
    r("POST", "/scheduleshow", NO_VERSION, "scheduleservice/scheduleservice.go:188-211"),
    r("GET", "/status", STD, "statusservice/statusservice.go:62-87"),
    r("POST", "/upgrades", STD, "upgradeservice/upgradeservice.go:60-85"),
    r("POST", "/userupdate", "authn+version headers version namespace", "userservice/userservice.go:53-77"),
    r("POST", "/usercreate", "authn headers namespace version", "userservice/userservice.go:103-132"),
    r("POST", "/usershow", STD, "userservice/userservice.go:218-250"),
    r("POST", "/userdelete", "version authn headers namespace", "userservice/userservice.go:163-189"),
    r("GET", "/version", "authn headers", "versionservice/versionservice.go:43-54"),
    r("GET", "/workflow/some-id", STD, "workflowservice/workflowservice.go:68-95"),
]


def _send(raw: Raw, route: Route, version: str, namespace: str, auth: tuple[str, str]) -> Answer:
    if route.method == "GET":
        return raw.call(
            "GET", f"{route.path}?version={version}&namespace={namespace}{route.query}", auth=auth
        )
    return raw.call(route.method, route.path, {"ClientVersion": version, "Namespace": namespace}, auth)


def _assert_envelope(answer: Answer, route: Route, failed: str) -> None:
    """Headers of a JSON answer written by check ``failed``: ``application/json`` only when the
    handler's header step ran before it, WWW-Authenticate once Authn (or that step) ran."""
    before = route.order[: route.order.index(failed)]
    expected_type = "application/json" if "headers" in before else SNIFFED
    assert answer.header("Content-Type") == expected_type
    authenticated = any(step.startswith(("authn", "headers", "late")) for step in before)
    assert (answer.header("WWW-Authenticate") is not None) == authenticated


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_a_bad_login_with_a_bad_body(raw: Raw, route: Route) -> None:
    """Which check answers a request bad in every way (cited handler lines)."""
    answer = _send(raw, route, "0.0.0", NOWHERE, BAD_LOGIN)
    first = next(step for step in route.order if step.startswith(("authn", "version")))
    if first == "version":  # checked before Authn: no WWW-Authenticate, nothing set yet
        assert (answer.status, answer.header("Content-Type")) == (200, SNIFFED)
        assert answer.header("WWW-Authenticate") is None
        assert msg(answer.doc()) == MISMATCH
        return
    assert answer.header("WWW-Authenticate") == 'Basic realm="Restricted"'
    text, _, rest = answer.body.decode().partition("\n")
    assert text == NOT_AUTHENTICATED
    if route.order.index("headers" if "headers" in route.order else first) < route.order.index(first):
        # WriteHeader(200) came first: http.Error's status and Content-Type are lost
        assert (answer.status, answer.header("Content-Type")) == (200, "application/json")
        assert rest == ""
        return
    assert (answer.status, answer.header("Content-Type")) == (401, SNIFFED)
    assert answer.header("X-Content-Type-Options") == "nosniff"
    if first == "authn":
        assert rest == ""
    else:  # the handler goes on writing a JSON document after the 401 text
        [document] = answer.docs()
        assert code(document) == "error"
        assert msg(document) == ("Not Authenticated" if first == "authn+json" else MISMATCH)


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_a_good_login_with_a_wrong_version_and_namespace(raw: Raw, route: Route) -> None:
    answer = _send(raw, route, "0.0.0", NOWHERE, ("admin", "examplepassword"))
    assert answer.status == 200
    checks = [step for step in route.order if step.startswith(("version", "namespace"))]
    documents = answer.docs()
    if not checks:  # neither is checked: the implementation answers
        assert all(msg(document) not in (MISMATCH, NAMESPACE_ERROR) for document in documents)
        return
    if checks[0] == "version:goes-on":  # the mismatch, then the namespace check still runs
        assert [msg(document) for document in documents] == [MISMATCH, NAMESPACE_ERROR]
    else:
        [document] = documents
        assert (code(document), msg(document)) == (
            "error",
            MISMATCH if checks[0] == "version" else NAMESPACE_ERROR,
        )
    _assert_envelope(answer, route, checks[0])


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_a_good_login_with_an_unknown_namespace(raw: Raw, route: Route) -> None:
    answer = _send(raw, route, VERSION, NOWHERE, ("admin", "examplepassword"))
    assert answer.status == 200
    if "namespace" not in route.order:
        assert all(msg(document) != NAMESPACE_ERROR for document in answer.docs())
        return
    assert [msg(document) for document in answer.docs()] == [NAMESPACE_ERROR]
    _assert_envelope(answer, route, "namespace")


DECODING = [route for route in ROUTES if "decode" in route.order]


@pytest.mark.parametrize("route", DECODING, ids=lambda route: route.id)
@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"", "EOF"),
        (b"  \n", "EOF"),
        (b'{"ClientVersion": "4.7', "unexpected EOF"),
        (b"x", "invalid character 'x' looking for beginning of value"),
        (b'{"ClientVersion" "4.7.4"}', "invalid character '\"' after object key"),
        (
            b'{"ClientVersion": "4.7.4" "Namespace": "pgo"}',
            "invalid character '\"' after object key:value pair",
        ),
        (b'{"Namespace": tru}', "invalid character '}' in literal true (expecting 'e')"),
        (b'{"Namespace": 1.}', "invalid character '}' after decimal point in numeric literal"),
    ],
)
def test_the_strict_decoders_answer_the_decode_error(raw: Raw, route: Route, body: bytes, error: str) -> None:
    """scaleservice.go:63, dfservice.go:70, backrestservice.go:111, restartservice.go:57: the
    ``json.Decoder`` error is the answer (before any header is set: sniffed), not a version error."""
    answer = raw.call(route.method, route.path, body)
    assert (answer.status, answer.header("Content-Type")) == (200, SNIFFED)
    document = answer.doc()
    assert (code(document), msg(document)) == ("error", error)


def test_a_value_of_the_wrong_type_is_a_decode_error_too(raw: Raw) -> None:
    """scaleservice.go:63: Decode reports an UnmarshalTypeError (Go struct field, JSON name, Go type)."""
    answer = raw.post(
        "/clusters/scale/hippo", {"ClientVersion": VERSION, "Namespace": "pgo", "replicaCount": "2"}
    )
    expected = (
        "json: cannot unmarshal string into Go struct field ClusterScaleRequest.replicaCount of type int"
    )
    assert msg(answer.doc()) == expected
    answer = raw.post("/df", [1])
    assert msg(answer.doc()) == "json: cannot unmarshal array into Go value of type apiservermsgs.DfRequest"


def test_scaledown_parses_delete_data_before_the_version(raw: Raw) -> None:
    """scaleservice.go:258-269: ``strconv.ParseBool`` of ``delete-data`` comes before the version."""
    answer = raw.get("/scaledown/hippo?version=0&namespace=nowhere&replica-name=x&delete-data=maybe")
    assert msg(answer.doc()) == 'strconv.ParseBool: parsing "maybe": invalid syntax'
    assert answer.header("Content-Type") == SNIFFED


def test_every_route_of_routes_go_is_in_the_table() -> None:
    """routing/routes.go:58-227 has 63 HandleFunc calls: all but /health and /healthz are above."""
    assert len({route.id for route in ROUTES}) == len(ROUTES) == 63 - 2


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # policyservice.go:207-215: a zero ShowPolicyResponse (crv1.PgpolicyList's ListMeta is {})
        ("/showpolicies", b'{"PolicyList":{"metadata":{},"items":null},"Code":"error","Msg":"%s"}\n'),
        # clusterservice.go:149-153: Results = make([]ShowClusterDetail, 0)
        ("/showclusters", b'{"Results":[],"Code":"error","Msg":"%s"}\n'),
        # clusterservice.go:74-81: CreateClusterResponse's tagged result and status
        (
            "/clusters",
            b'{"result":{"Database":"","Name":"","Users":null,"WorkflowID":""},'
            b'"status":{"Code":"error","Msg":"%s"}}\n',
        ),
        # failoverservice.go:64-70: Results is a string
        ("/failover", b'{"Results":"","Code":"error","Msg":"%s"}\n'),
    ],
)
def test_check_errors_are_the_handlers_zero_responses(raw: Raw, target: str, expected: bytes) -> None:
    answer = raw.post(target, {"ClientVersion": "0.0.0", "Namespace": "pgo"})
    assert answer.body == expected % MISMATCH.encode()


def test_schedule_namespace_errors_carry_an_empty_results_list(raw: Raw) -> None:
    """scheduleservice.go:94-101: ``Results: make([]string, 0)``."""
    answer = raw.post("/schedule", {"ClientVersion": VERSION, "Namespace": NOWHERE})
    assert answer.body == b'{"Results":[],"Code":"error","Msg":"' + NAMESPACE_ERROR.encode() + b'"}\n'
