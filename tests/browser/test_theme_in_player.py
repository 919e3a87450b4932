"""An agency's colours and logo reach the learner: the package's theme.css loads under the page's
Content-Security-Policy and sets the player's colour tokens, the logo shows in the header band, and the
themed cover has no axe violations."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from learner import expect
from test_player_accessibility import AXE, AXE_TAGS

FIXTURE_PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "provprojekt"
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10" width="160" height="40">' \
       b'<rect width="40" height="10" fill="#6b2f8f"/></svg>'
PRIMARY, ACCENT = "#6b2f8f", "#008a00"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


@pytest.fixture(scope="module")
def themed_url(tmp_path_factory: pytest.TempPathFactory):
    """The fixture course's web package, built with colours and a logo, served on 127.0.0.1."""
    from builder.build import build
    from builder.theme import theme_tokens

    project = tmp_path_factory.mktemp("themed") / "projekt"
    shutil.copytree(FIXTURE_PROJECT, project)
    (project / "courses" / "media").mkdir()
    (project / "courses" / "media" / "logotyp.svg").write_bytes(LOGO)
    catalogue = project / "courses" / "katalog.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8")
                         + f'utseende:\n  färg: "{PRIMARY}"\n  accentfärg: "{ACCENT}"\n  logotyp: media/logotyp.svg\n',
                         encoding="utf-8")
    out = project.parent / "dist"
    build(project, out, formats=["web"])
    site = project.parent / "site"
    with zipfile.ZipFile(out / "provkurs" / "provkurs-1.0-web.zip") as package:
        package.extractall(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/index.html", theme_tokens(PRIMARY, ACCENT)
    server.shutdown()
    server.server_close()


def test_theme_stylesheet_sets_the_colour_tokens_and_the_logo_shows_in_the_header(page, themed_url):
    url, tokens = themed_url
    refused, missing = [], []
    page.on("console", lambda message: refused.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    page.on("response", lambda response: missing.append(response.url)
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    page.goto(url)
    page.locator("html[data-player=ready]").wait_for(state="attached")
    declared = page.evaluate("""(names) => names.map((name) =>
        getComputedStyle(document.documentElement).getPropertyValue(name).trim())""", list(tokens))
    assert dict(zip(tokens, declared, strict=True)) == tokens
    logo = page.locator("header").get_by_role("img", name="Provmyndigheten")
    expect(logo).to_be_visible()
    assert logo.evaluate("(img) => img.complete && img.naturalWidth > 0")
    assert refused == [] and missing == []  # nothing refused by the page's policy, no file missing


def test_themed_cover_has_no_axe_violations(page, themed_url):
    page.goto(themed_url[0])
    page.locator("html[data-player=ready]").wait_for(state="attached")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    violations = page.evaluate("""async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
        .violations.map((v) => `${v.id}: ${v.help}`)""", AXE_TAGS)
    assert violations == []
