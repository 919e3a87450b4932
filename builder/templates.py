"""Where the Jinja2 templates and static player files live, and the one Environment that reads them."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


def templates_folder() -> Path:
    """The repository's templates/ in a checkout; the installed copy (`etos_templates`) otherwise."""
    in_checkout = Path(__file__).resolve().parent.parent / "templates"
    if in_checkout.is_dir():
        return in_checkout
    spec = importlib.util.find_spec("etos_templates")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise FileNotFoundError("templates/ not found")


@cache
def environment() -> jinja2.Environment:
    import jinja2  # here, not at the top: a build with nothing to do never renders a template

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_folder())),
        autoescape=jinja2.select_autoescape(["html", "xml", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


def static_files(subfolder: str) -> list[tuple[str, Path]]:
    """Every file below templates/<subfolder>/static, as (relative path, file), sorted."""
    base = templates_folder() / subfolder / "static"
    if not base.is_dir():
        return []
    return sorted((p.relative_to(base).as_posix(), p) for p in base.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py")
