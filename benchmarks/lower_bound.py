"""The plain lower bound of a course build: the least a pipeline can do with the same content.

The generated course of bench_build.py turned into one package the plainest way: each lesson's
front matter read with `yaml.safe_load` and its whole text converted with one Python-Markdown
`convert` (same extensions as Etos, one converter reused with `reset()`), one Jinja2 template for
the page, one SCORM 1.2 manifest from a string, one zip with the page, the player's files and the
media (images stored, text deflated at zlib's default level). No checks, no questions as
questions, no sanitiser, one package instead of three: Etos's SCORM 1.2 + 2004 + web build is
measured against this (see bench_build.py, `ratio_scorm_web_lower_bound`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import jinja2
import markdown
import yaml

REPO = Path(__file__).resolve().parent.parent
PLAYER_STATIC = REPO / "templates" / "player" / "static"

PAGE = jinja2.Template("""<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="player/etos.css">
{%- for script in scripts %}
<script src="player/{{ script }}" defer></script>
{%- endfor %}
</head>
<body>
<nav><ol>
{%- for lesson in lessons %}
<li><a href="#{{ lesson.id }}">{{ lesson.title }}</a></li>
{%- endfor %}
</ol></nav>
<main>
{%- for lesson in lessons %}
<section class="page lesson" id="{{ lesson.id }}" hidden>
<h1>{{ lesson.title }}</h1>
{{ lesson.html }}
</section>
{%- endfor %}
</main>
</body>
</html>
""", autoescape=True)

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
 xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="ORG"><organization identifier="ORG"><title>{title}</title>
<item identifier="ITEM" identifierref="RES"><title>{title}</title></item></organization></organizations>
<resources><resource identifier="RES" type="webcontent" adlcp:scormtype="sco" href="index.html">
{files}
</resource></resources>
</manifest>
"""


def plain_build(root: Path, target: Path) -> None:
    """The generated project at root as one SCORM 1.2 zip at target, with no checks at all."""
    course_folder = root / "stor_kurs"
    course = yaml.safe_load((course_folder / "course.yaml").read_text(encoding="utf-8"))
    converter = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists", "smarty", "fenced_code"],
                                  output_format="html")
    lessons = []
    for name in course["lektioner"]:
        _, front, body = (course_folder / "lessons" / name).read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        converter.reset()
        lessons.append({"id": meta["id"], "title": meta["titel"],
                        "html": jinja2.utils.markupsafe.Markup(converter.convert(body))})
    static = sorted(p for p in PLAYER_STATIC.iterdir() if p.is_file())
    media = sorted((course_folder / "media").iterdir())
    page = PAGE.render(title=course["titel"], lessons=lessons,
                       scripts=[p.name for p in static if p.suffix == ".js"])
    entries = ["index.html"] + [f"player/{p.name}" for p in static] + [f"media/{p.name}" for p in media]
    manifest = MANIFEST.format(id=course["id"], title=course["titel"],
                               files="\n".join(f'<file href="{path}"/>' for path in entries))
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        archive.writestr("index.html", page)
        for path in static:
            archive.write(path, f"player/{path.name}")
        for path in media:
            archive.write(path, f"media/{path.name}", compress_type=zipfile.ZIP_STORED)
