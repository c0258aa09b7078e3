"""``pgo show cluster``: the requests (one per name, lowercase keys), the four outputs, and the
fixed pgo misbehaviours (json for every name; "No clusters found." does not stop the loop)."""

from __future__ import annotations

import copy
import io
import json
import time
from typing import Any

import pytest
import responses

from pgo_cli.nouns.cluster import table
from pgo_cli.nouns.cluster import text as pgo_text
from pgo_cli.nouns.cluster.messages import ShowClusterDetail, decode
from tests.cluster.conftest import URL, Runner, data_file, data_json

SHOW = f"{URL}/showclusters"


def worked_example() -> tuple[dict[str, Any], str]:
    """A server answer and pgo's text for it (labels in sorted order), from tests/data/pgo47."""
    answer: dict[str, Any] = data_json("show_worked_example.json")
    return answer, data_file("show_worked_example.txt").read_text(encoding="utf-8")


def answer_for(*names: str) -> dict[str, Any]:
    answer, _ = worked_example()
    template = answer["Results"][0]
    results = []
    for name in names:
        detail = copy.deepcopy(template)
        detail["cluster"]["spec"]["name"] = name
        detail["cluster"]["metadata"]["name"] = name
        results.append(detail)
    return {"Results": results, "Code": "ok", "Msg": ""}


def test_worked_example_renders_byte_for_byte(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    answer, expected = worked_example()
    mock_api.post(SHOW, json=answer)
    outcome = pgo("show", "cluster", "hippo", "-o", "pgo")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout == expected
    assert outcome.stdout.endswith("\tlabels : name=hippo pg-cluster=hippo pgouser=admin \n")
    assert outcome.bodies() == [
        {
            "clustername": "hippo",
            "selector": "",
            "ccpimagetag": "",
            "clientversion": "4.7.4",
            "namespace": "pgo",
            "allflag": False,
        }
    ]


def test_pgo_text_is_the_default_when_stdout_is_not_a_terminal(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    answer, expected = worked_example()
    mock_api.post(SHOW, json=answer)
    assert pgo("show", "cluster", "--all").stdout == expected


def test_labels_are_sorted_and_user_labels_merged() -> None:
    answer, _ = worked_example()
    detail_json = answer["Results"][0]
    detail_json["cluster"]["spec"]["userlabels"] = {
        "zeta": "1",
        "name": "overridden",
        "workflowid": "x",
        "alpha": "2",
    }
    detail = decode(ShowClusterDetail, detail_json)
    last_line = pgo_text.cluster_text(detail).splitlines()[-1]
    assert last_line == "\tlabels : alpha=2 name=hippo pg-cluster=hippo pgouser=admin zeta=1 "


def test_optional_lines() -> None:
    answer, _ = worked_example()
    detail_json = answer["Results"][0]
    detail_json["Standby"] = True
    detail_json["cluster"]["spec"]["limits"] = {"cpu": "0.5", "memory": "2048Mi"}
    detail_json["cluster"]["spec"]["resources"] = {"cpu": "0"}
    detail_json["Deployments"][0]["PolicyLabels"] = ["pol1"]
    detail_json["Services"][0]["ExternalIP"] = "203.0.113.9"
    detail_json["Services"][1]["ClusterPorts"] = None
    text = pgo_text.cluster_text(decode(ShowClusterDetail, detail_json))
    assert "cluster : hippo (crunchy-postgres-ha:centos8-13.5-4.7.4)\n\tstandby : true\n" in text
    assert "\tresources :\n\tlimits : CPU: 500m Memory: 2Gi\n" in text
    assert "\tdeployment : hippo-mhwm\n\tpolicy: pol1\n" in text
    assert (
        "\tservice : hippo - ClusterIP (10.96.129.61) ExternalIP (203.0.113.9) - Ports (2022/TCP, 5432/TCP)\n"
        in text
    )
    assert "\tservice : hippo-replica - ClusterIP (10.96.46.208) - Ports ()\n" in text


def test_one_request_per_name_and_no_clusters_does_not_stop(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.post(SHOW, json={"Results": [], "Code": "ok", "Msg": ""})
    mock_api.post(SHOW, json=answer_for("b"))
    outcome = pgo("show", "cluster", "a", "b", "-o", "pgo")
    assert outcome.code == 0
    assert [body["clustername"] for body in outcome.bodies()] == ["a", "b"]
    assert outcome.stdout.startswith("No clusters found.\n\ncluster : b (")


def test_selector_and_all_replace_the_names(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(SHOW, json=answer_for("x"))
    outcome = pgo("show", "cluster", "ignored", "-s", "env=prod", "-o", "name")
    assert outcome.stdout == "x\n"
    (body,) = outcome.bodies()
    assert (body["clustername"], body["selector"], body["allflag"]) == ("", "env=prod", False)
    outcome = pgo("show", "cluster", "--all", "-o", "name")
    (body,) = outcome.bodies()
    assert (body["clustername"], body["allflag"]) == ("", True)


def test_json_asks_for_every_name_and_prints_one_document(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.post(SHOW, json=answer_for("a"))
    mock_api.post(SHOW, json=answer_for("b"))
    outcome = pgo("show", "cluster", "a", "b", "-o", "json")
    assert outcome.code == 0
    document = json.loads(outcome.stdout)
    assert [result["cluster"]["spec"]["name"] for result in document["Results"]] == ["a", "b"]
    assert (document["Code"], document["Msg"]) == ("ok", "")


def test_json_of_one_answer_is_what_the_server_sent(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    answer, _ = worked_example()
    mock_api.post(SHOW, json=answer)
    outcome = pgo("show", "cluster", "hippo", "-o", "json")
    assert json.loads(outcome.stdout) == answer
    assert outcome.stdout.startswith('{\n  "Results": [\n')


def test_server_error_for_one_name_still_shows_the_others(
    pgo: Runner, mock_api: responses.RequestsMock
) -> None:
    mock_api.post(
        SHOW, json={"Results": [], "Code": "error", "Msg": "namespace oops is not part of the cluster"}
    )
    mock_api.post(SHOW, json=answer_for("b"))
    outcome = pgo("show", "cluster", "a", "b", "-o", "name")
    assert outcome.code == 1
    assert outcome.stdout == "b\n"
    assert outcome.error_lines() == ["Error: namespace oops is not part of the cluster"]


def test_nothing_to_show_is_a_usage_error(pgo: Runner) -> None:
    outcome = pgo("show", "cluster")
    assert outcome.code == 2
    assert outcome.calls == []
    assert outcome.error_lines() == [
        "Error: Cluster name(s), --selector, or --all required for this command."
    ]


def test_ccp_image_tag_filter_is_sent(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    mock_api.post(SHOW, json={"Results": [], "Code": "ok", "Msg": ""})
    outcome = pgo("show", "cluster", "--all", "--ccp-image-tag", "centos8-13.5-4.7.4", "-o", "pgo")
    assert outcome.bodies()[0]["ccpimagetag"] == "centos8-13.5-4.7.4"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_fits_the_width_without_cutting_names(width: int) -> None:
    long_name = "a-really-long-cluster-name-for-the-accounting-team"
    answer = answer_for("hippo", long_name)
    details = [decode(ShowClusterDetail, item) for item in answer["Results"]]
    out = io.StringIO()
    table.write_clusters(details, out, wide=True, width=width)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    assert any(long_name in line for line in lines)
    assert any("hippo-6d7b9c5f4b-q8z2x" in line for line in lines)  # the wide view lists the pods


def test_two_thousand_clusters_render_fast() -> None:
    answer = answer_for(*(f"cluster-{index:04d}" for index in range(2000)))
    details = [decode(ShowClusterDetail, item) for item in answer["Results"]]
    started = time.perf_counter()
    out = io.StringIO()
    for detail in details:
        pgo_text.write_cluster(detail, out)
    assert time.perf_counter() - started < 2.0
    assert out.getvalue().count("\ncluster : ") == 2000


def _rich_table(details: list[ShowClusterDetail], width: int, terminal: bool) -> str:
    """The cluster table as rich draws it (what ``-o table`` printed before its own layout)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=terminal, highlight=False, markup=False, emoji=False
    )
    drawn = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in table._HEADERS:
        drawn.add_column(header, overflow="fold")
    for detail in details:
        drawn.add_row(*table.cluster_rows(detail))
    console.print(drawn)
    return out.getvalue()


@pytest.mark.parametrize("width", [126, 160, 200])
def test_table_looks_as_rich_draws_it_when_rich_cuts_no_word(width: int) -> None:
    # 126 columns is the whole table: at any width it fits, it is rich's drawing.
    details = [decode(ShowClusterDetail, item) for item in answer_for("c0", "c1", "c2")["Results"]]
    out = io.StringIO()
    table.write_clusters(details, out, width=width)
    assert out.getvalue() == _rich_table(details, width, terminal=False)


def test_table_header_is_bold_on_a_terminal_as_rich_styles_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.delenv("TERM", raising=False)
    details = [decode(ShowClusterDetail, item) for item in answer_for("c0", "c1")["Results"]]
    out = io.StringIO()
    table.write_clusters(details, out, width=160)
    assert "\x1b[1mCLUSTER" in out.getvalue()
    assert out.getvalue() == _rich_table(details, 160, terminal=True)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    plain = io.StringIO()
    table.write_clusters(details, plain, width=160)
    assert "\x1b" not in plain.getvalue()


@pytest.mark.parametrize("width", [80, 120, 130])
def test_table_cuts_no_name_and_no_word(width: int) -> None:
    # rich shrank the widest column first: the long name (at 120) or the image tag (at 80) was
    # folded mid-word. Now the name column never shrinks and no column goes below its longest word.
    long_name = "a-really-long-cluster-name-for-the-accounting-team"
    details = [decode(ShowClusterDetail, item) for item in answer_for("hippo", long_name)["Results"]]
    out = io.StringIO()
    table.write_clusters(details, out, width=width)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    assert any(line.startswith(long_name + " ") or line == long_name for line in lines)
    # a value is shown whole, or its column is named as hidden (never folded mid-word)
    hidden = out.getvalue().partition("(hidden at ")[2]
    assert sum("centos8-13.5-4.7.4" in line for line in lines) == 2 or "IMAGE TAG" in hidden
    assert sum("10.96.129.61" in line for line in lines) == 2 or "SERVICES" in hidden
    assert sum("hippo 10.96.129.61" in line for line in lines) in (0, 2)


def test_table_rows_are_written_as_they_are_formatted() -> None:
    details = [decode(ShowClusterDetail, item) for item in answer_for("c0", "c1", "c2")["Results"]]

    writes: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return super().write(text)

    table.write_clusters(details, Recorder(), width=160)
    assert len(writes) == 2 + len(details)  # header, rule, one write per row
    assert writes[-1].startswith("c2 ")


def test_two_thousand_clusters_table_renders_fast() -> None:
    answer = answer_for(*(f"cluster-{index:04d}" for index in range(2000)))
    details = [decode(ShowClusterDetail, item) for item in answer["Results"]]
    clusters = [detail.pgcluster() for detail in details]
    started = time.perf_counter()
    out = io.StringIO()
    table.write_clusters(details, out, width=160, clusters=clusters)
    assert time.perf_counter() - started < 1.0
    assert out.getvalue().count("\ncluster-") == 2000


def test_show_turns_the_cycle_collector_back_on(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    import gc

    mock_api.post(SHOW, json=answer_for("c0", "c1"))
    assert gc.isenabled()
    outcome = pgo("show", "cluster", "--all", "-o", "pgo")
    assert outcome.code == 0, outcome.stderr
    assert outcome.stdout.count("\ncluster : ") == 2
    assert gc.isenabled()


def test_table_shows_what_pgos_text_shows(pgo: Runner, mock_api: responses.RequestsMock) -> None:
    answer = answer_for("hippo")
    spec = answer["Results"][0]["cluster"]["spec"]
    spec["resources"] = {"cpu": "500m", "memory": "1Gi"}
    spec["limits"] = {"cpu": "1"}
    spec["userlabels"] = {"env": "prod"}
    mock_api.post(SHOW, json=answer)
    out = io.StringIO()
    details = [decode(ShowClusterDetail, item) for item in answer["Results"]]
    table.write_clusters(details, out, width=200)
    text = out.getvalue()
    header = text.splitlines()[0].split()
    assert header == [
        "CLUSTER",
        "PODS",
        "IMAGE",
        "TAG",
        "RESOURCES",
        "STORAGE",
        "REPLICAS",
        "SERVICES",
        "LABELS",
    ]
    for value in (
        "cpu 500m (limit 1)",
        "memory 1Gi",
        "2 x 1Gi",
        "hippo-mhwm",
        "hippo 10.96.129.61",
        "env=prod",
    ):
        assert value in text
    assert "pg-cluster=hippo" not in text  # the operator's name labels: in the wide view only
    wide = io.StringIO()
    table.write_clusters(details, wide, width=400, wide=True)
    assert wide.getvalue().splitlines()[0].split()[:3] == ["CLUSTER", "NAMESPACE", "PODS"]
    for value in (
        "DEPLOYMENTS",
        "hippo-backrest-shared-repo",
        "pg-cluster=hippo",
        "5432/TCP",
        "pods of hippo",
    ):
        assert value in wide.getvalue()
    # -o wide is --wide
    by_format = pgo("show", "cluster", "hippo", "-o", "wide")
    assert by_format.code == 0 and "pods of hippo" in by_format.stdout
    assert "\n  namespace   pgo\n" in by_format.stdout  # 80 columns: the wide view as blocks
