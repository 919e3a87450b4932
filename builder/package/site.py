"""The learner's course site, as it goes into every SCORM and web package."""

from __future__ import annotations

from builder.package.archive import PackageFile
from builder.render import RenderedCourse
from builder.templates import environment, static_files

PLAYER_FOLDER = "player"


def site_files(rendered: RenderedCourse, standard: str) -> list[PackageFile]:
    """index.html for the given standard ("scorm12", "scorm2004" or "web"), the player and the media."""
    assets = static_files("player")
    scripts = [name for name, _ in assets if name.endswith(".js")]
    page = environment().get_template("player/index.html.j2").render(
        course=rendered.course,
        catalogue=rendered.catalogue,
        lessons=rendered.lessons,
        final_test=rendered.final_test,
        glossary=rendered.glossary,
        description=rendered.description,
        player_data=rendered.player_data(),
        standard=standard,
        scripts=scripts,
    )
    files = [PackageFile("index.html", page.encode("utf-8"))]
    files += [PackageFile(f"{PLAYER_FOLDER}/{name}", source=path) for name, path in assets]
    files += [PackageFile(media.target, source=media.source_path, media=True) for media in rendered.media]
    return files
