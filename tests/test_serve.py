"""`etos serve`: the preview rebuilds on save, shows source errors in the page, and records what the
course sends to its LMS. HTTP-level tests first; then the real thing in headless Chromium."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from builder import serve
from builder.serve import PreviewServer

LESSON_2 = "provkurs/lessons/02-legalitet.md"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8", "replace")


def state(server: PreviewServer) -> dict:
    return json.loads(fetch(server.url + "api/state")[2])


def page_token(server: PreviewServer) -> str:
    """The token as the preview page's own script finds it: in the page's meta tag."""
    return re.search(r'<meta name="etos-token" content="([^"]+)">', fetch(server.url)[2]).group(1)


def as_the_page(server: PreviewServer, **extra: str) -> dict[str, str]:
    """The headers a browser sends with panel.js's fetch from the preview page."""
    return {"Content-Type": "application/json", "Origin": server.url.rstrip("/"),
            "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "X-Etos-Token": page_token(server), **extra}


def choose(server: PreviewServer, choice: dict) -> tuple[int, str, str]:
    return fetch(server.url + "api/choose", json.dumps(choice).encode(), as_the_page(server))


def raw(server: PreviewServer, request: bytes, timeout: float = 10, close_write: bool = False) -> tuple[int, dict, str]:
    """Send bytes exactly as given (no client tidies the path or headers) and read the whole answer."""
    with socket.create_connection(("127.0.0.1", server.http.server_address[1]), timeout=timeout) as connection:
        connection.sendall(request)
        if close_write:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("iso-8859-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in header_lines)}
    return int(status_line.split()[1]), headers, body.decode("utf-8", "replace")


def request_bytes(server: PreviewServer, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    host = f"Host: 127.0.0.1:{server.http.server_address[1]}\r\n"
    lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    return f"{method} {path} HTTP/1.1\r\n{host}{lines}Connection: close\r\n\r\n".encode("latin-1") + body


def wait_for_build(server: PreviewServer, after: int, timeout: float = 10, linted: bool = False) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = state(server)
        if current["build"] > after and (current["linted"] or not linted):
            return current
        time.sleep(0.1)
    raise AssertionError(f"no build after number {after} within {timeout} s")


@pytest.fixture
def logged() -> list[str]:
    """What the preview prints in the author's terminal."""
    return []


@pytest.fixture
def server(project, logged):
    with PreviewServer(project, "provkurs", port=0, log=logged.append) as running:
        yield running


# --- HTTP ------------------------------------------------------------------------------------------

def test_preview_page_hosts_the_course_and_the_panel(server):
    status, kind, page = fetch(server.url)
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert '<iframe id="course-frame" class="course-frame" src="/kurs/index.html"' in page
    assert '<script src="/forhandsvisning/recording-api.js"></script>' in page
    assert state(server)["title"] == 'Provkurs om jäv & "förvaltning" <1>'


def test_course_is_served_from_memory_as_packaged(server):
    status, kind, page = fetch(server.url + "kurs/index.html")
    assert status == 200 and 'data-standard="scorm12"' in page
    status, kind, _ = fetch(server.url + "kurs/media/javsgrunder.png")
    assert (status, kind) == (200, "image/png")
    assert fetch(server.url + "kurs/player/etos.css")[1] == "text/css; charset=utf-8"
    assert fetch(server.url + "kurs/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    assert fetch(server.url + "forhandsvisning/panel.js")[0] == 200
    assert fetch(server.url + "forhandsvisning/%2e%2e/index.html.j2")[0] == 404


def test_only_local_host_names_are_answered(server):
    assert fetch(server.url, headers={"Host": "angripare.example"})[0] == 403
    assert fetch(server.url, headers={"Host": f"localhost:{server.http.server_address[1]}"})[0] == 200


def test_saving_a_lesson_rebuilds_the_course(server, project):
    first = state(server)["build"]
    edit(project / LESSON_2, "All offentlig makt utövas under lagarna.", "Den offentliga makten utövas under lagarna.")
    rebuilt = wait_for_build(server, first)
    assert rebuilt["ok"] and rebuilt["changed"] == [LESSON_2]
    assert "Den offentliga makten utövas under lagarna." in fetch(server.url + "kurs/index.html")[2]


def test_editor_swap_files_do_not_rebuild(server, project):
    first = state(server)["build"]
    (project / "provkurs/lessons/.02-legalitet.md.swp").write_text("x", encoding="utf-8")
    (project / "provkurs/lessons/02-legalitet.md~").write_text("x", encoding="utf-8")
    time.sleep(3 * serve.POLL_SECONDS)
    assert state(server)["build"] == first


def test_a_source_error_replaces_the_course_with_file_line_and_source(server, project):
    first = state(server)["build"]
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    failed = wait_for_build(server, first)
    assert not failed["ok"]
    assert [(p["file"], p["line"], p["code"]) for p in failed["problems"]] == [(LESSON_2, 4, "yaml-syntax")]
    status, _, page = fetch(server.url + "kurs/index.html")
    assert status == 200
    assert "<h1>Kursen kunde inte byggas</h1>" in page
    assert f"<code>{LESSON_2}</code>, rad 4" in page
    assert '<span class="line-number">4</span> minuter: [5</span>' in page
    assert fetch(server.url + "kurs/player/etos.css")[0] == 404  # no stale course behind the error
    edit(project / LESSON_2, "minuter: [5", "minuter: 5")
    assert wait_for_build(server, failed["build"])["ok"]


def test_an_internal_error_is_shown_in_the_page_and_the_preview_keeps_running(server, project, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("trasig mall")

    monkeypatch.setattr(serve.building, "load_and_render", broken)
    first = state(server)["build"]
    edit(project / LESSON_2, "All offentlig", "Hela offentliga")
    failed = wait_for_build(server, first)
    assert not failed["ok"] and failed["internalError"] == "RuntimeError: trasig mall"
    page = fetch(server.url + "kurs/index.html")[2]
    assert "Ett internt fel i Etos stoppade bygget." in page and "RuntimeError: trasig mall" in page
    assert "Traceback" not in page and "serve.py" not in page
    monkeypatch.undo()
    edit(project / LESSON_2, "Hela offentliga", "All offentlig")
    assert wait_for_build(server, failed["build"])["ok"]


def test_switching_standard_rebuilds_with_the_other_api(server):
    first = state(server)["build"]
    status, _, body = choose(server, {"standard": "scorm2004"})
    assert status == 202 and json.loads(body)["building"] == {"standard": "scorm2004", "course": "provkurs"}
    rebuilt = wait_for_build(server, first)
    assert (rebuilt["build"], rebuilt["standard"], rebuilt["building"]) == (first + 1, "scorm2004", None)
    assert 'data-standard="scorm2004"' in fetch(server.url + "kurs/index.html")[2]
    assert choose(server, {"standard": "web"}) == (
        400, "text/plain; charset=utf-8",
        "Välj en standard (scorm12, scorm2004, cmi5) eller en kurs i katalogen (provkurs).\n")
    assert state(server)["standard"] == "scorm2004" and state(server)["build"] == first + 1


def test_events_announce_every_build(server, project):
    with urllib.request.urlopen(server.url + "api/events", timeout=10) as events:
        assert events.headers["Content-Type"] == "text/event-stream; charset=utf-8"

        def next_event() -> dict:
            lines: list[str] = []
            while True:
                line = events.readline().decode("utf-8").rstrip("\n")
                if not line and lines:
                    break
                if line and not line.startswith(":"):
                    lines.append(line)
            assert lines[0] == "event: build"
            return json.loads(lines[1].removeprefix("data: "))

        current = next_event()
        edit(project / LESSON_2, "All offentlig", "Hela offentliga")
        # First, as a rule, the news that a build is under way; then the build.
        event = next_event()
        while event["build"] == current["build"]:
            assert event["building"] == {"standard": "scorm12", "course": "provkurs"}
            event = next_event()
        assert event["build"] == current["build"] + 1 and event["ok"]


def test_the_editor_s_warnings_come_with_each_build(server, project):
    first = state(server)["build"]
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    rebuilt = wait_for_build(server, first, linted=True)
    assert rebuilt["ok"]
    assert [(p["code"], p["line"]) for p in rebuilt["problems"]] == [("minutes-far-from-estimate", 4)]


def test_another_course_can_be_chosen(project):
    from click.testing import CliRunner

    from builder.cli import main

    CliRunner().invoke(main, ["--root", str(project), "new", "course", "andra-kursen", "--titel", "Andra kursen"])
    with PreviewServer(project, None, port=0) as running:
        assert state(running)["courses"] == ["provkurs", "andra_kursen"]
        assert '<option value="andra_kursen">andra_kursen</option>' in fetch(running.url)[2]
        first = state(running)["build"]
        assert choose(running, {"course": "andra_kursen"})[0] == 202
        chosen = wait_for_build(running, first)
        assert [chosen[key] for key in ("course", "courseId", "title")] == \
            ["andra_kursen", "andra-kursen", "Andra kursen"]
        assert "<title>Andra kursen</title>" in fetch(running.url + "kurs/index.html")[2]
        assert choose(running, {"course": "../etc"})[0] == 400
        assert state(running)["course"] == "andra_kursen"


def test_preview_in_english(project):
    with PreviewServer(project, "provkurs", port=0, lang="en") as running:
        assert '<html lang="en">' in fetch(running.url)[2] and "Reset progress" in fetch(running.url)[2]
        first = state(running)["build"]
        edit(project / LESSON_2, "minuter: 5", "minuter: [5")
        failed = wait_for_build(running, first)
        assert failed["problems"][0]["message"].startswith("the YAML cannot be read")
        page = fetch(running.url + "kurs/index.html")[2]
        assert "The course could not be built" in page and f"<code>{LESSON_2}</code>, line 4" in page


def test_without_a_course_the_first_in_the_catalogue_is_shown(project):
    with PreviewServer(project, None, port=0) as running:
        assert state(running)["course"] == "provkurs"
        assert state(running)["courses"] == ["provkurs"]


# --- Builds off the request thread ------------------------------------------------------------------

def fetch_bytes(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture
def held_builds(monkeypatch):
    """Builds that wait, once loading has begun, until the test lets them go on."""
    started, release = threading.Event(), threading.Event()
    real = serve.building.load_and_render

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(20), "the test never let the build go on"
        return real(*args, **kwargs)

    monkeypatch.setattr(serve.building, "load_and_render", slow)
    yield started, release
    release.set()


def test_a_build_started_from_the_browser_does_not_hold_up_other_requests(server, held_builds):
    started, release = held_builds
    first = state(server)
    asked = time.monotonic()
    status, _, body = choose(server, {"standard": "scorm2004"})
    assert status == 202 and time.monotonic() - asked < 2
    assert json.loads(body)["building"] == {"standard": "scorm2004", "course": "provkurs"}
    assert started.wait(10)
    # The build is under way and stays so: every other request is answered meanwhile.
    during = state(server)
    assert (during["build"], during["standard"], during["ok"]) == (first["build"], "scorm12", True)
    assert during["building"] == {"standard": "scorm2004", "course": "provkurs"}
    assert fetch(server.url)[0] == 200
    assert 'data-standard="scorm12"' in fetch(server.url + "kurs/index.html")[2]  # the last build, whole
    assert fetch(server.url + "kurs/media/javsgrunder.png")[0] == 200
    release.set()
    rebuilt = wait_for_build(server, first["build"])
    assert (rebuilt["standard"], rebuilt["building"]) == ("scorm2004", None)
    assert 'data-standard="scorm2004"' in fetch(server.url + "kurs/index.html")[2]


def test_choices_made_during_a_build_become_one_build_with_the_last_choice(server, held_builds):
    started, release = held_builds
    first = state(server)["build"]
    assert choose(server, {"standard": "scorm2004"})[0] == 202
    assert started.wait(10)
    assert choose(server, {"standard": "scorm12"})[0] == 202
    assert choose(server, {"standard": "scorm2004"})[0] == 202
    release.set()
    deadline = time.monotonic() + 10
    while (state(server)["build"] < first + 2 or state(server)["building"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3 * serve.POLL_SECONDS)
    final = state(server)
    assert (final["build"], final["standard"], final["building"]) == (first + 2, "scorm2004", None)


def test_requests_made_before_the_worker_takes_them_are_one_build_of_every_change(project):
    from builder.serve.state import BuildRequest, Choice

    preview = serve.Preview(project, "provkurs")
    preview.courses = ["provkurs"]
    preview.ask(["provkurs/lessons/01-jav.md"])
    preview.ask(standard="scorm2004")
    preview.ask(["provkurs/course.yaml", "provkurs/lessons/01-jav.md"], course="okänd")  # not catalogued
    assert preview.state()["building"] == {"standard": "scorm2004", "course": "provkurs"}
    assert preview.take(timeout=0) == BuildRequest(
        Choice("scorm2004", "provkurs"), ("provkurs/course.yaml", "provkurs/lessons/01-jav.md"))
    assert preview.take(timeout=0) is None
    preview.stop()
    assert preview.take() is None  # the worker's signal to end


def test_lints_run_without_the_lock_while_the_new_build_is_on_show(server, project, monkeypatch):
    seen: list[tuple[bool, dict]] = []
    real = serve.building.lint_project

    def observed(*args, **kwargs):
        free = server.preview.lock.acquire(blocking=False)
        if free:
            server.preview.lock.release()
        seen.append((free, state(server)))  # over HTTP, from the lint's own thread
        return real(*args, **kwargs)

    monkeypatch.setattr(serve.building, "lint_project", observed)
    first = state(server)["build"]
    edit(project / LESSON_2, "minuter: 5", "minuter: 20")
    linted = wait_for_build(server, first, linted=True)
    assert len(seen) == 1
    free, during = seen[0]
    assert free
    assert (during["build"], during["ok"], during["linted"], during["problems"]) == (first + 1, True, False, [])
    assert linted["build"] == first + 1
    assert [p["code"] for p in linted["problems"]] == ["minutes-far-from-estimate"]


# --- What the author previews is what ships ---------------------------------------------------------

@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_preview_serves_the_entries_of_the_package_etos_build_writes(project, tmp_path, standard):
    """Every entry of the zip, index.html first among them, byte for byte, and nothing else; the
    preview adds nothing to the course (its LMS lives in the outer page)."""
    import zipfile

    from builder.build import build

    written = build(project, tmp_path / "dist", ["provkurs"], [standard]).written
    with zipfile.ZipFile(written[0]) as package:
        shipped = {name: package.read(name) for name in package.namelist()}
    with PreviewServer(project, "provkurs", port=0, standard=standard) as running:
        assert fetch_bytes(running.url + "kurs/index.html")[2] == shipped["index.html"]
        assert set(running.preview.current.files) == set(shipped)
        for name, data in sorted(shipped.items()):
            assert fetch_bytes(running.url + "kurs/" + urllib.parse.quote(name))[::2] == (200, data), name


HOSTILE_SVG = ('<?xml version="1.0"?>\n<!-- ritad i Inkscape -->\n'
               '<svg xmlns="http://www.w3.org/2000/svg" '
               'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
               'width="20" height="20"><sodipodi:namedview/><rect width="20" height="20" fill="#036"/></svg>')


def test_an_svg_is_served_as_packaged_and_one_with_a_script_is_not_served_at_all(project):
    from builder.media_check import check_bytes

    (project / "provkurs/media/ritning.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    edit(project / "provkurs/lessons/01-jav.md", "(media/jävsgrunder.png)", "(media/ritning.svg)")
    with PreviewServer(project, "provkurs", port=0) as running:
        status, kind, data = fetch_bytes(running.url + "kurs/media/ritning.svg")
        assert (status, kind) == (200, "image/svg+xml; charset=utf-8")
        assert data == check_bytes(HOSTILE_SVG.encode(), ".svg")
        assert b"sodipodi" not in data and b"<!--" not in data
        first = state(running)["build"]
        (project / "provkurs/media/ritning.svg").write_text(
            HOSTILE_SVG.replace("<rect", '<script>alert("127.0.0.1")</script><rect'), encoding="utf-8")
        failed = wait_for_build(running, first)
        assert not failed["ok"] and [p["code"] for p in failed["problems"]] == ["media-svg-unsafe"]
        assert fetch_bytes(running.url + "kurs/media/ritning.svg")[0] == 404


# --- Only the preview's own page may change it -----------------------------------------------------

ATTACKER = "http://angripare.example"


def test_the_page_carries_a_token_that_is_new_with_every_server(server, project):
    token = page_token(server)
    assert len(token) >= 32 and token == page_token(server)
    with PreviewServer(project, "provkurs", port=0) as other:
        assert page_token(other) != token
    assert token not in fetch(server.url + "api/state")[2]


@pytest.mark.parametrize("headers, message", [
    ({"Origin": ATTACKER}, "Förhandsvisningen tar bara emot begäranden från sin egen sida"),
    ({"Origin": "null"}, "Förhandsvisningen tar bara emot begäranden från sin egen sida"),
    ({"Origin": "http://127.0.0.1:1"}, "Förhandsvisningen tar bara emot begäranden från sin egen sida"),
    ({"Sec-Fetch-Site": "cross-site"}, "Förhandsvisningen tar bara emot begäranden från sin egen sida"),
    ({"Sec-Fetch-Site": "same-site"}, "Förhandsvisningen tar bara emot begäranden från sin egen sida"),
    ({"X-Etos-Token": ""}, "Begäran saknar förhandsvisningens nyckel"),
    ({"X-Etos-Token": "gissat"}, "Begäran saknar förhandsvisningens nyckel"),
], ids=["other-origin", "null-origin", "other-port", "cross-site", "same-site", "no-token", "wrong-token"])
def test_a_choice_that_is_not_from_the_preview_page_is_refused_and_changes_nothing(server, logged, headers, message):
    before = state(server)
    sent = as_the_page(server, **headers)
    status, kind, body = fetch(server.url + "api/choose", json.dumps({"standard": "scorm2004"}).encode(), sent)
    assert (status, kind) == (403, "text/plain; charset=utf-8") and body.startswith(message)
    assert state(server) == before
    assert logged[-1].startswith("avvisade POST /api/choose: " + message)


def test_a_text_plain_post_from_another_site_cannot_switch_the_preview(server):
    """What any web page can send without asking: a simple cross-origin request, no token."""
    before = state(server)
    for body in (b'{"standard": "scorm2004"}', b"standard=scorm2004"):
        status, _, text = fetch(server.url + "api/choose", body, {
            "Content-Type": "text/plain;charset=UTF-8", "Origin": ATTACKER, "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "no-cors"})
        assert status == 403 and "Traceback" not in text
    # Without the Origin a browser would send, the missing token still stops it; and a form's
    # encoding is refused even with the token.
    assert fetch(server.url + "api/choose", b'{"standard": "scorm2004"}', {"Content-Type": "text/plain"})[0] == 403
    assert fetch(server.url + "api/choose", b'{"standard": "scorm2004"}',
                 as_the_page(server, **{"Content-Type": "text/plain"}))[0] == 415
    assert state(server) == before


def test_a_choice_from_the_page_at_localhost_is_accepted(server):
    port = server.http.server_address[1]
    headers = as_the_page(server, Origin=f"http://localhost:{port}", Host=f"localhost:{port}")
    status, _, body = fetch(server.url + "api/choose", json.dumps({"standard": "scorm2004"}).encode(), headers)
    assert status == 202 and json.loads(body)["building"]["standard"] == "scorm2004"


@pytest.mark.parametrize("host", ["angripare.example", "angripare.example:{port}", "127.0.0.1:1", "127.0.0.1",
                                  "[::1]:{port}", "localhost.:{port}", "127.0.0.1:{port}.angripare.example"])
def test_a_host_name_other_than_the_preview_s_own_is_refused(server, host):
    """DNS rebinding: a site whose name resolves to 127.0.0.1 reaches the port, but not with our Host."""
    port = server.http.server_address[1]
    before = state(server)
    headers = {"Host": host.format(port=port)}
    assert fetch(server.url, headers=headers)[:2] == (403, "text/plain; charset=utf-8")
    assert fetch(server.url + "api/state", headers=headers)[0] == 403
    assert fetch(server.url + "api/choose", json.dumps({"standard": "scorm2004"}).encode(),
                 as_the_page(server, **headers))[0] == 403
    assert state(server) == before


def test_a_request_without_a_host_is_refused(server):
    status, _, body = raw(server, b"GET /api/state HTTP/1.0\r\n\r\n")
    assert status == 403 and body.startswith("Förhandsvisningen svarar bara på sin egen adress, http://127.0.0.1:")


def test_other_sites_may_link_to_the_preview_but_not_fetch_frame_or_listen_to_it(server):
    def get(path: str, **headers: str) -> int:
        return fetch(server.url + path, headers=headers)[0]

    navigation = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    assert get("", **navigation) == 200
    assert get("", **{"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}) == 200
    assert get("", **{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"}) == 403
    assert get("api/state", **{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}) == 403
    assert get("api/state", **{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors"}) == 403
    assert get("api/events", Origin=ATTACKER) == 403
    assert get("kurs/media/javsgrunder.png", **{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}) == 403
    assert get("api/state", **{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}) == 200


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"])
def test_methods_other_than_get_and_post_are_not_allowed(server, method):
    before = state(server)
    status, headers, _ = raw(server, request_bytes(server, method, "/api/choose", {
        "Origin": ATTACKER, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-etos-token"}))
    assert (status, headers["allow"]) == (405, "GET, POST")
    assert not any(name.startswith("access-control-") for name in headers)  # no preflight is ever granted
    assert state(server) == before


def test_refusals_are_in_the_server_s_language(project):
    with PreviewServer(project, "provkurs", port=0, lang="en") as running:
        assert fetch(running.url + "api/choose", b"{}", {"Content-Type": "application/json"})[2] == (
            "The request lacks the preview's key or has an old one. "
            "If you have restarted etos serve, reload the page.\n")
        assert fetch(running.url + "ingenting")[2] == "There is no such page in the preview.\n"
        assert fetch(running.url, headers={"Host": "angripare.example"})[2] == (
            f"The preview answers only at its own address, {running.url.rstrip('/')}.\n")


# --- Malformed and slow requests --------------------------------------------------------------------

def post_choice(server: PreviewServer, headers: dict[str, str], body: bytes = b"") -> bytes:
    sent = {key: value for key, value in as_the_page(server).items() if key != "Content-Length"}
    return request_bytes(server, "POST", "/api/choose", {**sent, **headers}, body)


CHOICE = b'{"standard": "scorm2004"}'


@pytest.mark.parametrize("headers, body, status, message", [
    ({"Content-Length": "-1"}, CHOICE, 400, "Content-Length ska vara ett heltal"),
    ({"Content-Length": "abc"}, CHOICE, 400, "Content-Length ska vara ett heltal"),
    ({"Content-Length": "+25"}, CHOICE, 400, "Content-Length ska vara ett heltal"),
    ({"Content-Length": "2_5"}, CHOICE, 400, "Content-Length ska vara ett heltal"),
    ({"Content-Length": ""}, CHOICE, 400, "Content-Length ska vara ett heltal"),
    ({"Content-Length": "9" * 5000}, CHOICE, 413, "Innehållet är för stort."),
    ({"Content-Length": "0000000000000025"}, CHOICE, 202, "{"),
    ({"Content-Length": "999999999999"}, CHOICE, 413,
     "Innehållet är för stort. Förhandsvisningen tar emot högst 16384 byte."),
    ({"Content-Length": "16385"}, CHOICE, 413, "Innehållet är för stort."),
    ({}, CHOICE, 411, "Begäran ska ange längden på sitt innehåll"),
    ({"Transfer-Encoding": "chunked"}, b"19\r\n" + CHOICE + b"\r\n0\r\n\r\n", 411, "Begäran ska ange längden"),
    ({"Content-Length": "0"}, b"", 400, "Innehållet ska vara ett JSON-objekt"),
    ({"Content-Length": "9"}, b"[1, 2, 3]", 400, "Innehållet ska vara ett JSON-objekt"),
    ({"Content-Length": "4"}, b"\xff\xfe{}", 400, "Innehållet ska vara ett JSON-objekt"),
    ({"Content-Length": "27"}, b'{"standard": ["scorm2004"]}', 400, "Välj en standard (scorm12, scorm2004, cmi5)"),
    ({"Content-Length": "32"}, b'{"standard": "scorm12", "x": "y"}'[:32], 400, "Innehållet ska vara ett JSON-objekt"),
], ids=["negative", "letters", "plus-sign", "underscore", "empty", "thousands-of-digits", "leading-zeros",
         "huge", "over-the-cap",
        "missing", "chunked", "no-body", "not-an-object", "not-utf8", "not-a-string", "cut-json"])
def test_a_malformed_post_is_refused_with_a_message_and_the_server_keeps_answering(server, logged, headers, body,
                                                                                    status, message):
    before = state(server)
    answer = raw(server, post_choice(server, headers, body))
    assert answer[0] == status and "Traceback" not in answer[2] and answer[2].startswith(message)
    if status == 202:  # leading zeros are still the number 25
        assert json.loads(answer[2])["building"]["standard"] == "scorm2004"
        return
    assert answer[1]["content-type"] == "text/plain; charset=utf-8"
    assert state(server) == before
    assert not any("Traceback" in line or "internt fel" in line for line in logged)


def test_two_different_content_lengths_are_refused(server):
    twice = b"\r\nContent-Length: 3\r\n\r\n"
    request = post_choice(server, {"Content-Length": "25"}).replace(b"\r\n\r\n", twice) + CHOICE
    assert raw(server, request)[0] == 400


def test_a_body_that_ends_early_is_refused(server):
    request = post_choice(server, {"Content-Length": "100"}, CHOICE)
    status, _, body = raw(server, request, close_write=True)
    assert status == 400 and body.startswith("Begäran tog slut innan hela innehållet hade kommit fram.")


@pytest.fixture
def impatient_server(project, logged):
    with PreviewServer(project, "provkurs", port=0, log=logged.append, request_timeout=0.5) as running:
        yield running


def test_a_body_that_stalls_times_out_while_the_server_answers_others(impatient_server, logged):
    before = state(impatient_server)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", impatient_server.http.server_address[1]), timeout=10) as stalled:
        stalled.sendall(post_choice(impatient_server, {"Content-Length": "100"}, CHOICE[:10]))
        assert state(impatient_server) == before  # answered while the stalled request waits
        answer = b""
        while chunk := stalled.recv(65536):
            answer += chunk
        answer = answer.decode("utf-8")
    assert answer.startswith("HTTP/1.0 408 ") and "Hela begäran kom inte fram i tid." in answer
    assert time.monotonic() - started < 5
    assert state(impatient_server) == before and not any("Traceback" in line for line in logged)


def test_a_client_that_never_finishes_its_headers_is_dropped(impatient_server):
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", impatient_server.http.server_address[1]), timeout=10) as slow:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        assert state(impatient_server)["ok"]
        assert slow.recv(65536) == b""  # closed by the server, without a word to a stalled client
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("request_line, status", [
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET / HTTP/9.9\r\n\r\n", 505),
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
], ids=["no-version", "unknown-version", "too-long"])
def test_a_request_http_server_cannot_parse_gets_our_message_and_headers(server, request_line, status):
    answer, headers, body = raw(server, request_line)
    assert answer == status and body.startswith("Förhandsvisningen kunde inte läsa begäran") and "Traceback" not in body
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert state(server)["ok"]


def test_a_failing_route_is_a_500_and_one_line_in_the_terminal(server, logged, monkeypatch):
    def broken(self):
        raise RuntimeError("trasigt tillstånd")

    monkeypatch.setattr(serve.Preview, "state", broken)
    status, kind, body = fetch(server.url + "api/state")
    assert (status, kind) == (500, "text/plain; charset=utf-8")
    assert body == "Ett internt fel i Etos. Det beror inte på dig. Mer står i terminalen där etos serve körs.\n"
    assert logged[-1] == "internt fel: RuntimeError: trasigt tillstånd"
    monkeypatch.undo()
    assert state(server)["ok"]


def test_with_debug_the_traceback_goes_to_the_terminal_only(project, monkeypatch):
    lines: list[str] = []
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("trasig")

    monkeypatch.setattr(serve.building, "load_and_render", broken)
    with PreviewServer(project, "provkurs", port=0, log=lines.append, debug=True) as running:
        assert "Traceback" not in fetch(running.url + "kurs/index.html")[2]
        assert not state(running)["ok"]
    assert "Traceback (most recent call last):" in lines and "RuntimeError: trasig" in lines


# --- Bursts ------------------------------------------------------------------------------------------

def test_a_burst_of_200_connections_waits_in_the_listen_queue_and_every_one_is_answered(project):
    """The queue holds them while the server is busy (here: before it accepts at all, during the
    first build); a backlog of 5 would drop all but six of them."""
    count = 200
    server = PreviewServer(project, "provkurs", port=0)
    address = ("127.0.0.1", server.http.server_address[1])
    connections: list[socket.socket] = []
    try:
        for _ in range(count):
            connections.append(socket.create_connection(address, timeout=2))  # held by the kernel, not yet accepted
        server.start()
        answers: list[int] = []
        start = threading.Barrier(count)

        def ask(connection: socket.socket) -> None:
            connection.settimeout(30)
            start.wait()
            connection.sendall(request_bytes(server, "GET", "/api/state", {}))
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
            answers.append(int(answer.split(b" ", 2)[1]) if answer else 0)

        threads = [threading.Thread(target=ask, args=(c,), daemon=True) for c in connections]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        assert answers == [200] * count
    finally:
        for connection in connections:
            connection.close()
        server.stop()


# --- Files outside the build -------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/kurs/../course.yaml",
    "/kurs/../../../../etc/passwd",
    "/kurs/%2e%2e/%2e%2e/etc/passwd",
    "/kurs/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/kurs/..%2f..%2fprovkurs%2fcourse.yaml",
    "/kurs/%252e%252e/course.yaml",
    "/kurs/..\\..\\etc\\passwd",
    "/kurs/..%5c..%5cetc%5cpasswd",
    "/kurs/media/..%5c..%5ccourse.yaml",
    "/kurs/media/../../course.yaml",
    "/kurs/./index.html",
    "/kurs//etc/passwd",
    "/kurs/%2fetc%2fpasswd",
    "/kurs/media/javsgrunder.png%00.txt",
    "/kurs/C:%5cWindows%5cwin.ini",
    "/forhandsvisning/../index.html.j2",
    "/forhandsvisning/%2e%2e/index.html.j2",
    "/forhandsvisning/..%5cindex.html.j2",
    "/forhandsvisning/%2e%2e%2findex.html.j2",
    "/forhandsvisning/../../../builder/serve.py",
    "//etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
])
def test_no_path_reaches_a_file_outside_the_build_and_the_preview_s_files(server, path):
    status, _, body = raw(server, request_bytes(server, "GET", path, {}))
    assert status == 404 and body == "Det finns ingen sådan sida i förhandsvisningen.\n"


def test_the_built_files_are_still_served_by_their_names(server):
    assert raw(server, request_bytes(server, "GET", "/kurs/media/javsgrunder.png", {}))[0] == 200
    assert raw(server, request_bytes(server, "GET", "/kurs/player/etos.css?v=1", {}))[0] == 200
    assert raw(server, request_bytes(server, "GET", "/forhandsvisning/panel%2Ejs", {}))[0] == 200


# --- Headers on every response -----------------------------------------------------------------------

def assert_protected(headers: dict[str, str]) -> None:
    policy = {d.split()[0]: d.split()[1:] for d in headers["content-security-policy"].split("; ")}
    assert policy["frame-ancestors"] == ["'self'"] and policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("method, path, headers, status", [
    ("GET", "/", {}, 200),
    ("GET", "/api/state", {}, 200),
    ("GET", "/kurs/index.html", {}, 200),
    ("GET", "/kurs/media/javsgrunder.png", {}, 200),
    ("GET", "/kurs/player/etos.css", {}, 200),
    ("GET", "/forhandsvisning/panel.js", {}, 200),
    ("GET", "/favicon.ico", {}, 204),
    ("GET", "/finns-inte", {}, 404),
    ("GET", "/", {"Origin": ATTACKER, "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}, 403),
    ("POST", "/api/choose", {"Content-Length": "2"}, 403),
    ("DELETE", "/api/choose", {}, 405),
], ids=["preview", "state", "course", "image", "css", "panel-script", "favicon", "not-found", "cross-site",
        "no-token", "method"])
def test_every_response_forbids_framing_by_others_and_foreign_scripts(server, method, path, headers, status):
    answer, received, _ = raw(server, request_bytes(server, method, path, headers, b"{}" if method == "POST" else b""))
    assert answer == status
    assert_protected(received)


def test_the_event_stream_and_the_error_page_are_protected_too(server, project):
    port = server.http.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as events:
        events.sendall(request_bytes(server, "GET", "/api/events", {}))
        head = b""
        while b"\r\n\r\n" not in head:
            head += events.recv(4096)
    lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.0 200 OK"
    assert_protected({name.lower(): value.strip() for name, value in (line.split(":", 1) for line in lines[1:])})
    first = state(server)["build"]
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    wait_for_build(server, first)
    status, headers, page = raw(server, request_bytes(server, "GET", "/kurs/index.html", {}))
    assert status == 200 and "Kursen kunde inte byggas" in page
    assert_protected(headers)


# --- In a real browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_preview(browser, url: str):
    """A fresh browser context (its own localStorage) with the preview loaded and the course ready."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # The preview's CSP header must allow all the preview and the player do: a violation is an error.
    page.on("console", lambda message: "Content Security Policy" in message.text and page.errors.append(message.text))
    page.goto(url)
    course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
    return page


@pytest.fixture
def page(browser, server):
    opened = open_preview(browser, server.url)
    yield opened
    opened.context.close()
    assert opened.errors == []


def course(page):
    return page.frame_locator("#course-frame")


def read_lesson_to_its_end(page) -> None:
    """Answer the shown lesson's knowledge checks rightly and scroll to its end: only then is it done."""
    frame = page.locator("#course-frame").element_handle().content_frame()
    checks = frame.evaluate("() => JSON.parse(document.getElementById('etos-data').textContent).checks")
    forms = course(page).locator("main > .page:not([hidden]) form.check")
    for i in range(forms.count()):
        form = forms.nth(i)
        for index in checks[form.get_attribute("data-question")]["correct"]:
            form.locator(f".option:has(input[value='{index}']) label").click()
        form.get_by_role("button", name="Svara").click()
    course(page).locator(".pager").scroll_into_view_if_needed()
    frame.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


def expect(locator, text: str, timeout: float = 10000) -> None:
    from playwright.sync_api import expect as playwright_expect

    playwright_expect(locator).to_have_text(text, timeout=timeout)


@pytest.mark.browser
def test_saved_edit_appears_without_a_manual_reload(page, project):
    page.evaluate("window.stillTheSamePage = true")
    course(page).locator("[data-action=start]").click()
    course(page).locator(".pager [data-action=next]").click()
    expect(course(page).locator("#lektion-legalitet-rubrik"), "Legalitet")
    edit(project / LESSON_2, "titel: Legalitet", "titel: Legalitetsprincipen")
    heading = course(page).locator("#lektion-legalitet-rubrik")
    expect(heading, "Legalitetsprincipen")
    assert page.evaluate("window.stillTheSamePage") is True
    # The author stays on the lesson, and the reload is a clean end and start of a session.
    heading.wait_for(state="visible", timeout=10000)
    calls = page.evaluate("Preview.lms.scorm12.calls.map((call) => call.name)")
    finish = calls.index("LMSFinish")
    assert calls.index("LMSInitialize") == 0 and calls.index("LMSInitialize", 1) > finish
    expect(page.locator("#lms-errors"), "Inga fel.")


@pytest.mark.browser
def test_yaml_error_shows_the_error_page_and_the_fix_brings_the_course_back(page, project):
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    expect(course(page).locator("body.error-page h1"), "Kursen kunde inte byggas")
    expect(course(page).locator(".source-place"), f"{LESSON_2}, rad 4")
    expect(course(page).locator(".source-line.marked"), "4 minuter: [5")
    expect(page.locator("#build-status"), "Fel i källorna: 1 fel")
    edit(project / LESSON_2, "minuter: [5", "minuter: 5")
    course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
    expect(course(page).locator("#start-rubrik"), 'Provkurs om jäv & "förvaltning" <1>')


@pytest.fixture
def course_without_test(project):
    edit(project / "provkurs/course.yaml", "sluttest:\n  antal: 2\n  godkänt: 80\n  försök: 2\n", "")
    return project


@pytest.mark.browser
def test_panel_shows_the_scorm12_status_after_the_lessons_are_finished(browser, course_without_test):
    with PreviewServer(course_without_test, "provkurs", port=0) as running:
        page = open_preview(browser, running.url)
        expect(page.locator("#lms-lesson-status"), "incomplete")
        course(page).locator("[data-action=start]").click()
        expect(page.locator("#lms-location-value"), "lektion-jav")
        expect(page.locator("#lms-lesson-status"), "incomplete")
        read_lesson_to_its_end(page)
        course(page).locator(".pager [data-action=next]").click()
        read_lesson_to_its_end(page)
        expect(page.locator("#lms-lesson-status"), "completed")
        assert 'LMSCommit("") → "true"' in page.locator("#lms-calls").inner_text()
        expect(page.locator("#lms-errors"), "Inga fel.")
        # What was committed survives a reload of the whole preview, as it would in an LMS.
        page.reload()
        course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
        expect(page.locator("#lms-lesson-status"), "completed")
        assert page.errors == []
        page.context.close()


@pytest.mark.browser
def test_panel_shows_the_scorm2004_status_and_reset_starts_afresh(browser, course_without_test):
    with PreviewServer(course_without_test, "provkurs", port=0, standard="scorm2004") as running:
        page = open_preview(browser, running.url)
        expect(page.locator("#panel-standard"), "(SCORM 2004)")
        expect(page.locator("#lms-completion-status"), "incomplete")
        course(page).locator("[data-action=start]").click()
        read_lesson_to_its_end(page)
        course(page).locator(".pager [data-action=next]").click()
        read_lesson_to_its_end(page)
        expect(page.locator("#lms-completion-status"), "completed")
        page.locator("#reset").click()
        course(page).locator("html[data-player=ready]").wait_for(timeout=10000)
        expect(page.locator("#lms-completion-status"), "incomplete")
        assert page.evaluate("Preview.lms.scorm2004.values['cmi.entry']") == "ab-initio"
        assert page.errors == []
        page.context.close()


@pytest.mark.browser
def test_switching_to_scorm2004_in_the_page_reloads_the_course_with_the_other_api(page):
    page.locator("input[name=standard][value=scorm2004]").check()
    course(page).locator("html[data-standard=scorm2004][data-player=ready]").wait_for(timeout=10000)
    expect(page.locator("#panel-standard"), "(SCORM 2004)")
    expect(page.locator("#lms-completion-status"), "incomplete")
    calls = page.locator("#lms-calls").inner_text()
    assert 'Initialize("") → "true"' in calls and "LMSInitialize" not in calls


@pytest.mark.browser
def test_a_page_left_open_from_an_earlier_server_says_to_reload(page, server):
    """After a restart the page's token is old: the switch is refused and the page says why."""
    before = state(server)
    page.route("**/api/choose", lambda route: route.continue_(
        headers={**route.request.headers, "x-etos-token": "från-förra-körningen"}))
    # click, not check: the page puts the old choice back when the switch is refused, and check()
    # fails whenever that happens before it looks at the radio.
    page.locator("input[name=standard][value=scorm2004]").click()
    expect(page.locator("#build-status"), "Begäran saknar förhandsvisningens nyckel eller har en gammal. "
                                         "Om du har startat om etos serve: ladda om sidan.")
    assert page.locator("input[name=standard][value=scorm12]").is_checked()
    assert state(server) == before


@pytest.mark.browser
@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_final_test_answers_are_listed_as_interactions(page, standard):
    if standard == "scorm2004":
        page.locator("input[name=standard][value=scorm2004]").check()
        course(page).locator("html[data-standard=scorm2004][data-player=ready]").wait_for(timeout=10000)
    frame = course(page)
    frame.locator("[data-action=start]").click()
    frame.locator(".pager [data-action=next]").click()
    frame.locator(".pager [data-action=next]").click()
    expect(frame.locator("#sluttest-rubrik"), "Sluttest")
    for question in frame.locator("#sluttest .question").all():
        if question.is_visible():
            question.locator("input").first.check()
    frame.locator("#sluttest .test-form [type=submit]").click()
    rows = page.locator("#lms-interactions-table tbody tr")
    rows.first.wait_for(timeout=10000)
    assert rows.count() == 2
    for row in rows.all():
        _number, _identifier, kind, response, correct, result = row.locator("td").all_inner_texts()
        assert kind in ("choice", "true-false") and response and correct
        assert result in (("correct", "wrong") if standard == "scorm12" else ("correct", "incorrect"))
    passed = page.locator(".result-correct").count() == 2
    if standard == "scorm12":
        # One status for both: a failed first attempt of two leaves the course unfinished.
        expect(page.locator("#lms-lesson-status"), "passed" if passed else "incomplete")
    else:
        expect(page.locator("#lms-success-status"), "passed" if passed else "failed")
    expect(page.locator("#lms-errors"), "Inga fel.")


# --- The recording API's rules, called as a course would -------------------------------------------

RULES_PROBE = """(standard) => {
  const memory = new Map();
  const storage = {getItem: (k) => memory.has(k) ? memory.get(k) : null, setItem: (k, v) => memory.set(k, v),
                   removeItem: (k) => memory.delete(k)};
  const launch = {courseId: "prov", learnerId: "x", learnerName: "Test, Person", masteryPercent: 80};
  const lms = new Preview.RecordingLms(Preview.rules[standard], launch, () => null, storage);
  const names = Preview.rules[standard].calls;
  // The API as one page sees it: calls made through it come from that page.
  const page = (caller) => {
    const api = lms.api(caller);
    return (name, ...args) => [api[names[name]](...args), api[names.getLastError]()];
  };
  return {call: page(null), page, lms};
}"""


def probe(page, standard: str, script: str):
    return page.evaluate(f"(standard) => {{ const {{call, page, lms}} = ({RULES_PROBE})(standard); {script} }}",
                         standard)


@pytest.mark.browser
def test_scorm12_rules(page):
    results = probe(page, "scorm12", """return [
      call("getValue", "cmi.core.lesson_status"),
      call("initialize", "x"),
      call("initialize", ""),
      call("initialize", ""),
      call("getValue", "cmi.core.lesson_status"),
      call("getValue", "cmi.core.student_name"),
      call("getValue", "cmi.student_data.mastery_score"),
      call("setValue", "cmi.core.student_name", "Någon"),
      call("setValue", "cmi.core.lesson_status", "klar"),
      call("setValue", "cmi.core.lesson_status", "not attempted"),
      call("setValue", "cmi.core.score.raw", "101"),
      call("setValue", "cmi.core.session_time", "00:01:30"),
      call("getValue", "cmi.core.session_time"),
      call("setValue", "cmi.core._children", "x"),
      call("getValue", "cmi.core._children"),
      call("setValue", "cmi.finns.inte", "1"),
      call("setValue", "cmi.interactions.1.id", "q1"),
      call("setValue", "cmi.interactions.0.id", "q1"),
      call("setValue", "cmi.interactions.0.type", "choice"),
      call("setValue", "cmi.interactions.0.student_response", "a,c"),
      call("setValue", "cmi.interactions.0.student_response", "första"),
      call("getValue", "cmi.interactions.0.id"),
      call("getValue", "cmi.interactions._count"),
      call("setValue", "cmi.suspend_data", "x".repeat(4097)),
      call("setValue", "cmi.core.exit", "suspend"),
      call("commit", ""),
      call("terminate", ""),
      call("setValue", "cmi.core.lesson_location", "x"),
      call("getValue", "cmi.core.lesson_location"),
    ];""")
    assert results == [
        ["", "301"], ["false", "201"], ["true", "0"], ["false", "101"],
        ["not attempted", "0"], ["Test, Person", "0"], ["80", "0"],
        ["false", "403"], ["false", "405"], ["false", "405"], ["false", "405"],
        ["true", "0"], ["", "404"], ["false", "402"],
        ["student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,"
         "session_time", "0"],
        ["false", "201"], ["false", "201"], ["true", "0"], ["true", "0"], ["true", "0"], ["false", "405"],
        ["", "404"], ["1", "0"], ["false", "405"], ["true", "0"], ["true", "0"], ["true", "0"],
        ["false", "101"], ["", "101"],
    ]


@pytest.mark.browser
def test_scorm2004_rules(page):
    results = probe(page, "scorm2004", """return [
      call("getValue", "cmi.location"),
      call("initialize", ""),
      call("getValue", "cmi.location"),
      call("getValue", "cmi.scaled_passing_score"),
      call("getValue", "cmi.entry"),
      call("setValue", "cmi.completion_status", "complete"),
      call("setValue", "cmi.score.scaled", "1.5"),
      call("setValue", "cmi.progress_measure", "0.5"),
      call("setValue", "cmi.learner_name", "x"),
      call("getValue", "cmi.exit"),
      call("setValue", "cmi.interactions.0.type", "choice"),
      call("setValue", "cmi.interactions.0.id", "fraga-1"),
      call("setValue", "cmi.interactions.0.learner_response", "a"),
      call("setValue", "cmi.interactions.0.type", "choice"),
      call("setValue", "cmi.interactions.0.learner_response", "a[,]c"),
      call("setValue", "cmi.interactions.0.learner_response", "a,c d"),
      call("setValue", "cmi.interactions.0.result", "wrong"),
      call("setValue", "cmi.interactions.0.result", "incorrect"),
      call("setValue", "cmi.interactions.2.id", "x"),
      call("setValue", "cmi.session_time", "PT1M30S"),
      call("setValue", "cmi.session_time", "00:01:30"),
      call("setValue", "cmi.exit", "suspend"),
      call("terminate", ""),
      call("getValue", "cmi.location"),
      call("setValue", "cmi.location", "x"),
      call("commit", ""),
      call("terminate", ""),
      call("initialize", ""),
    ];""")
    assert results == [
        ["", "122"], ["true", "0"], ["", "403"], ["0.8", "0"], ["ab-initio", "0"],
        ["false", "406"], ["false", "407"], ["true", "0"], ["false", "404"], ["", "405"],
        ["false", "408"], ["true", "0"], ["false", "408"], ["true", "0"], ["true", "0"], ["false", "406"],
        ["false", "406"], ["true", "0"], ["false", "351"],
        ["true", "0"], ["false", "406"], ["true", "0"], ["true", "0"],
        ["", "123"], ["false", "133"], ["false", "143"], ["false", "113"], ["false", "104"],
    ]


@pytest.mark.browser
def test_progress_is_kept_between_launches_and_a_new_attempt_follows_a_normal_exit(page):
    results = probe(page, "scorm2004", """
      const first = page("första sidan");
      first("initialize", "");
      first("setValue", "cmi.location", "lektion-2");
      first("setValue", "cmi.exit", "suspend");
      first("terminate", "");
      const second = page("andra sidan");
      second("initialize", "");
      const resumed = [second("getValue", "cmi.entry")[0], second("getValue", "cmi.location")[0]];
      second("setValue", "cmi.exit", "normal");
      second("setValue", "cmi.session_time", "PT2M");
      second("terminate", "");
      const third = page("tredje sidan");
      third("initialize", "");
      const fresh = [third("getValue", "cmi.entry")[0], third("getValue", "cmi.location")];
      return {resumed, fresh, notes: lms.notes.map((note) => note.kind)};
    """)
    assert results == {"resumed": ["resume", "lektion-2"], "fresh": ["ab-initio", ["", "403"]], "notes": ["newAttempt"]}


@pytest.mark.browser
def test_a_launch_that_never_terminates_is_reported(page):
    notes = probe(page, "scorm12", """
      const old = page("den gamla sidan");
      old("initialize", "");
      old("setValue", "cmi.core.lesson_location", "x");
      const replacement = page("den nya sidan");
      replacement("initialize", "");
      return [lms.notes.map((note) => note.kind), replacement("getValue", "cmi.core.lesson_location")];
    """)
    assert notes == [["abandoned"], ["", "0"]]


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(frame) -> list[str]:
    # Evaluated, not added as a <script>: the preview's CSP rightly refuses inline scripts.
    frame.evaluate(AXE.read_text(encoding="utf-8"))
    result = frame.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


@pytest.mark.browser
def test_preview_page_and_error_page_pass_axe(page, project):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    course(page).locator("[data-action=start]").click()
    assert axe_violations(page) == []
    edit(project / LESSON_2, "minuter: 5", "minuter: [5")
    course(page).locator("body.error-page").wait_for(timeout=10000)
    assert axe_violations(page.frame(url=lambda url: "/kurs/" in url)) == []


ATTACK_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Någon annans sida</title></head><body>
<iframe id="framed" src="{preview}" title="Förhandsvisningen"></iframe>
<form id="form" method="post" action="{preview}api/choose" enctype="text/plain" target="sink">
<input name='{{"standard": "scorm2004", "x": "' value='"}}'></form>
<iframe name="sink" title="sink"></iframe>
<script>
fetch("{preview}api/choose", {{method: "POST", mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
  body: JSON.stringify({{standard: "scorm2004"}})}}).catch(() => null).then(() => {{
  document.getElementById("form").submit();
  document.title = "skickat";
}});
</script></body></html>"""


@pytest.mark.browser
def test_a_page_of_another_origin_in_the_browser_can_neither_switch_nor_frame_the_preview(browser, server, logged):
    """What the issue describes: a site the author visits posts text/plain and a form to the preview."""
    import http.server

    page_bytes = ATTACK_PAGE.format(preview=server.url).encode("utf-8")

    class AttackPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page_bytes)))
            self.end_headers()
            self.wfile.write(page_bytes)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's API
            pass

    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AttackPage)
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    before = state(server)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{attacker.server_port}/")
        page.wait_for_function("document.title === 'skickat'", timeout=10000)
        deadline = time.monotonic() + 10
        while sum("avvisade POST /api/choose" in line for line in logged) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sum("avvisade POST /api/choose" in line for line in logged) == 2  # the fetch and the form
        assert any(line.startswith("avvisade GET /: ") for line in logged)  # the frame, at the server
        # and in the browser, which shows its own error page instead of the 403 (frame-ancestors).
        assert {f.name: f.url for f in page.frames if f.name}["framed"].startswith("chrome-error:")
        assert state(server) == before
    finally:
        context.close()
        attacker.shutdown()
        attacker.server_close()
