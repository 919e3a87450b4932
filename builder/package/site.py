"""The learner's course site, as it goes into every SCORM and web package."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from builder.messages import text
from builder.package.archive import PackageFile
from builder.package.player_data import player_data
from builder.render import RenderedCourse
from builder.templates import environment, static_files

PLAYER_FOLDER = "player"


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


# The course whose shared site was made last: its three packages are written one after the other.
_last: tuple[weakref.ref[RenderedCourse], SharedSite] | None = None


def shared_site(rendered: RenderedCourse) -> SharedSite:
    """The shared part of a course's site, made once per rendered course and reused by every package."""
    global _last
    if _last is not None and _last[0]() is rendered:
        return _last[1]
    assets = static_files("player")
    pages = environment().get_template("player/partials/pages.html.j2").render(
        course=rendered.course,
        catalogue=rendered.catalogue,
        lessons=rendered.lessons,
        final_test=rendered.final_test,
        glossary=rendered.glossary,
        description=rendered.description,
        t=player_texts(rendered.course.language),
    )
    files = [PackageFile(f"{PLAYER_FOLDER}/{name}", PackageFile("", source=path).read()) for name, path in assets]
    files += [PackageFile(media.target, PackageFile("", source=media.source_path, media=True).read())
              for media in rendered.media]
    scripts = [name for name, _ in assets if name.endswith(".js")]
    shared = SharedSite(Markup(pages), player_data(rendered), scripts, files)
    _last = (weakref.ref(rendered), shared)
    return shared


def site_files(rendered: RenderedCourse, standard: str, theme_stylesheet: str = "",
               theme_logo: str = "") -> list[PackageFile]:
    """index.html for the given standard ("scorm12", "scorm2004" or "web"), the player and the media.

    `theme_stylesheet` and `theme_logo` are package paths of an agency's colours and logo, if any.
    """
    shared = shared_site(rendered)
    page = environment().get_template("player/index.html.j2").render(
        course=rendered.course,
        catalogue=rendered.catalogue,
        lessons=rendered.lessons,
        player_data=shared.player_data,
        standard=standard,
        scripts=shared.scripts,
        pages=shared.pages,
        t=player_texts(rendered.course.language),
        theme_stylesheet=theme_stylesheet,
        theme_logo=theme_logo,
    )
    return [PackageFile("index.html", page.encode("utf-8")), *shared.files]
