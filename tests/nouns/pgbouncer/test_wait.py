"""``create pgbouncer --wait`` / ``create pgadmin --wait``: done when the show command lists them."""

from __future__ import annotations

import responses

from tests.support.registry import URL, Runner


def _shown(has: bool, key: str) -> dict[str, object]:
    return {"Results": [{"ClusterName": "hippo", key: has}], "Code": "ok", "Msg": ""}


def test_create_pgbouncer_waits_until_show_lists_it(
    run_cli: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgbouncer",
        json={"Results": ["hippo pgbouncer added"], "Code": "ok", "Msg": ""},
    )
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=_shown(False, "HasPgBouncer"))
    mock_api.add(responses.POST, URL + "/pgbouncer/show", json=_shown(True, "HasPgBouncer"))
    outcome = run_cli("create", "pgbouncer", "hippo", "--wait", "--wait-timeout", "30s")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == "hippo pgbouncer added\n"
    assert [s.path for s in outcome.sent] == ["/pgbouncer", "/pgbouncer/show", "/pgbouncer/show"]
    assert outcome.sent[1].body["ClusterNames"] == ["hippo"]
    assert "pgBouncer not there yet for hippo" in outcome.stderr
    assert outcome.stderr.rstrip().endswith("hippo: create pgbouncer: done")


def test_create_pgadmin_wait_times_out_with_exit_6(run_cli: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.add(
        responses.POST,
        URL + "/pgadmin",
        json={"Results": ["hippo pgAdmin addition scheduled"], "Code": "ok", "Msg": ""},
    )
    mock_api.add(responses.POST, URL + "/pgadmin/show", json=_shown(False, "HasPgAdmin"))
    outcome = run_cli("create", "pgadmin", "hippo", "--wait", "--wait-timeout", "1s")
    assert outcome.code == 6
    assert "hint: it may still finish; check with: pgo show pgadmin hippo -n pgo" in outcome.stderr
