"""The learner's course site, as it goes into every SCORM, cmi5 and web package."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from builder.messages import text
from builder.package.archive import PackageFile
from builder.package.player_data import player_data, standard_data
from builder.package.theme import theme_site
from builder.render import RenderedCourse
from builder.templates import environment, static_files

PLAYER_FOLDER = "player"
# The player files only some standards ship: each package carries its own adapter and no other's
# (the page picks its dialect by `data-standard`, so another dialect would never run); the SCORM API's
# discovery and adapter (lms.js) go with the SCORM dialects, cmi5 being an adapter of its own; and the
# web package, which keeps progress in the browser, has no use for the range checks and time of values.js.
# Every other player file goes into every package.
ADAPTER_FILES = {
    "scorm12.js": ("scorm12",),
    "scorm2004.js": ("scorm2004",),
    "values.js": ("scorm12", "scorm2004", "cmi5"),
    "lms.js": ("scorm12", "scorm2004"),
    "xapi.js": ("cmi5",),
    "cmi5.js": ("cmi5",),
}


def ships(path: str, standard: str) -> bool:
    """Whether a player file (a name inside player/) goes into the package of a standard."""
    return standard in ADAPTER_FILES.get(path, (standard,))


# A table of the course's Markdown, as the sanitiser writes it (builder/sanitize.py): cells hold inline
# text only, so a table never holds another.
TABLE = re.compile(r'<table class="table">.*?</table>', re.DOTALL)


def scrolling_tables(html: str, label: str) -> str:
    """Each table in a region of its own that scrolls sideways, focusable and labelled, so that it can be
    scrolled by keyboard; written into the page, it holds without JavaScript too. The player's pages
    only: the print lays tables out itself."""
    start = f'<div class="table-scroll" role="group" tabindex="0" aria-label="{escape(label)}">'
    return TABLE.sub(lambda table: f"{start}{table.group(0)}</div>", html)


def player_texts(lang: str) -> Callable[..., str]:
    """`t(code, **params)` for the templates: the player's words in the course's language."""
    return lambda code, **params: text("player", code, lang, **params)


@dataclass(frozen=True)
class SharedSite:
    """What the packages of one course have in common: all of the page below its head and connection
    notice, and the bytes of the player's files and the media, each read once."""

    pages: Markup
    player_data: dict[str, object]
    scripts: list[str]
    files: list[PackageFile]
    theme: dict[str, str]  # theme_stylesheet and theme_logo for index.html.j2: "" where the catalogue sets none


# The course whose shared site was made last: its three packages are written one after the other.
_last: tuple[weakref.ref[RenderedCourse], SharedSite] | None = None


def shared_site(rendered: RenderedCourse) -> SharedSite:
    """The shared part of a course's site, made once per rendered course and reused by every package."""
    global _last
    if _last is not None and _last[0]() is rendered:
        return _last[1]
    assets = static_files("player")
    theme, theme_files = theme_site(rendered, PLAYER_FOLDER)
    t = player_texts(rendered.course.language)
    pages = environment().get_template("player/partials/pages.html.j2").render(
        **theme,
        course=rendered.course,
        catalogue=rendered.catalogue,
        lessons=rendered.lessons,
        final_test=rendered.final_test,
        glossary=rendered.glossary,
        description=rendered.description,
        cover=rendered.cover,
        t=t,
    )
    files = [PackageFile(f"{PLAYER_FOLDER}/{name}", PackageFile("", source=path).read()) for name, path in assets]
    files += [PackageFile(media.target, PackageFile("", source=media.source_path, media=True).read())
              for media in rendered.media]
    files += [file for file in theme_files if file.path not in {f.path for f in files}]
    scripts = [name for name, _ in assets if name.endswith(".js")]
    pages = scrolling_tables(pages, t("table_scroll"))
    shared = SharedSite(Markup(pages), player_data(rendered), scripts, files, theme)
    _last = (weakref.ref(rendered), shared)
    return shared


def site_files(rendered: RenderedCourse, standard: str) -> list[PackageFile]:
    """index.html for the given standard ("scorm12", "scorm2004", "cmi5" or "web"), the player and the media."""
    shared = shared_site(rendered)
    prefix = f"{PLAYER_FOLDER}/"
    page = environment().get_template("player/index.html.j2").render(
        course=rendered.course,
        catalogue=rendered.catalogue,
        lessons=rendered.lessons,
        player_data=standard_data(shared.player_data, standard, rendered.course.language),
        standard=standard,
        scripts=[name for name in shared.scripts if ships(name, standard)],
        pages=shared.pages,
        **shared.theme,
        t=player_texts(rendered.course.language),
    )
    files = [f for f in shared.files if not f.path.startswith(prefix) or ships(f.path.removeprefix(prefix), standard)]
    return [PackageFile("index.html", page.encode("utf-8")), *files]
