"""The preview's cmi5 LMS without a browser: a launch URL on every plain load of the course page,
a fetch URL that hands out its token once, an LRS that keeps the statements as received and the
State API's documents, and refusals for requests without the launch's token or from other sites."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from builder.serve.server import PreviewServer
from tests.test_serve import fetch, page_token


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def launch_query(server: PreviewServer) -> dict[str, str]:
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(server.url + "kurs/index.html", timeout=10)
    assert answer.value.code == 303
    location = answer.value.headers["Location"]
    assert location.startswith("/kurs/index.html?")
    return dict(urllib.parse.parse_qsl(location.split("?", 1)[1]))


def xapi(url: str, token: str, method: str = "GET", body: object = None, **extra: str) -> tuple[int, str]:
    headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json",
               "X-Experience-API-Version": "1.0.3", "Sec-Fetch-Site": "same-origin", **extra}
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def cmi5_server(project):
    with PreviewServer(project, "provkurs", port=0, standard="cmi5") as running:
        yield running


def test_a_plain_load_of_the_course_is_a_launch_with_the_five_parameters(cmi5_server):
    query = launch_query(cmi5_server)
    assert set(query) == {"endpoint", "fetch", "actor", "registration", "activityId"}
    assert query["endpoint"] == cmi5_server.url + "lrs/"
    assert json.loads(query["actor"])["account"]["name"] == "forhandsvisning"
    records = json.loads(fetch(cmi5_server.url + "api/cmi5")[2])
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in records["statements"]] == ["launched"]
    # With the parameters, the page is the package's own, as etos build writes it.
    status, _, page = fetch(cmi5_server.url + "kurs/index.html?" + urllib.parse.urlencode(query))
    assert status == 200 and 'data-standard="cmi5"' in page


def test_the_fetch_url_hands_out_its_token_once_and_the_lrs_takes_statements_and_state(cmi5_server):
    query = launch_query(cmi5_server)
    first = json.loads(fetch(query["fetch"], b"", {"Sec-Fetch-Site": "same-origin"})[2])
    again = json.loads(fetch(query["fetch"], b"", {"Sec-Fetch-Site": "same-origin"})[2])
    token = first["auth-token"]
    assert again["error-code"] == "1" and "auth-token" not in again
    scope = {"activityId": query["activityId"], "agent": query["actor"], "registration": query["registration"]}
    status, launch_data = xapi(query["endpoint"] + "activities/state?" + urllib.parse.urlencode(
        {**scope, "stateId": "LMS.LaunchData"}), token)
    assert status == 200 and json.loads(launch_data)["masteryScore"] == 0.8
    statement = {"id": "6d5b2c1e-0b0a-4c1e-9d7e-3f2a1b0c9d8e", "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"}}
    assert xapi(query["endpoint"] + "statements", token, "POST", [statement])[0] == 200
    progress = urllib.parse.urlencode({**scope, "stateId": "etos-progress"})
    assert xapi(query["endpoint"] + "activities/state?" + progress, token, "PUT", {"location": "lektion-jav"})[0] == 204
    assert xapi(query["endpoint"] + "activities/state?" + urllib.parse.urlencode(
        {**scope, "stateId": "LMS.LaunchData"}), token, "PUT", {})[0] == 403  # the LMS's own
    records = json.loads(fetch(cmi5_server.url + "api/cmi5")[2])
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in records["statements"]] == ["launched", "initialized"]
    assert records["saved"] == {"location": "lektion-jav"}


def test_the_lrs_refuses_a_wrong_token_and_other_sites(cmi5_server):
    query = launch_query(cmi5_server)
    assert xapi(query["endpoint"] + "statements", "gissat", "POST", [{}])[0] == 401
    token = json.loads(fetch(query["fetch"], b"", {"Sec-Fetch-Site": "same-origin"})[2])["auth-token"]
    refused = xapi(query["endpoint"] + "statements", token, "POST", [{}], Origin="http://angripare.example",
                   **{"Sec-Fetch-Site": "cross-site"})
    assert refused[0] == 403
    statements = json.loads(fetch(cmi5_server.url + "api/cmi5")[2])["statements"]
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in statements] == ["launched"]


def test_reset_needs_the_page_s_token_and_starts_a_new_registration(cmi5_server):
    before = json.loads(fetch(cmi5_server.url + "api/cmi5")[2])["registration"]
    assert fetch(cmi5_server.url + "api/cmi5/reset", b"", {"Sec-Fetch-Site": "same-origin"})[0] == 403
    status, _, body = fetch(cmi5_server.url + "api/cmi5/reset", b"",
                            {"Sec-Fetch-Site": "same-origin", "X-Etos-Token": page_token(cmi5_server)})
    assert status == 200 and json.loads(body)["registration"] != before
