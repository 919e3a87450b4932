"""The agency's look in a package: player/theme.css from the catalogue's colours, and its logo."""

from __future__ import annotations

from builder.package.archive import PackageFile
from builder.render import RenderedCourse
from builder.templates import environment
from builder.theme import theme_tokens


def theme_site(rendered: RenderedCourse, player_folder: str) -> tuple[dict[str, str], list[PackageFile]]:
    """The names index.html.j2 links ("" for none) and the files: the agency's stylesheet, only when
    the catalogue sets colours, in the player's folder; its logo among the shared media."""
    theme = rendered.catalogue.theme
    names = {"theme_stylesheet": "", "theme_logo": ""}
    files = []
    if theme is not None and theme.has_colours:
        names["theme_stylesheet"] = f"{player_folder}/theme.css"
        css = environment().get_template("player/theme.css.j2").render(
            tokens=theme_tokens(theme.primary, theme.accent))
        files.append(PackageFile(names["theme_stylesheet"], css.encode("utf-8")))
    if theme is not None and theme.logo is not None:
        names["theme_logo"] = theme.logo_target
        files.append(PackageFile(theme.logo_target, PackageFile("", source=theme.logo, media=True).read()))
    return names, files
