"""Messages about a build: the schemas, the packages Etos wrote, and the output folder."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "schemas-missing": {
        "sv": ("mappen med SCORM-scheman {folder} finns inte",
               "Ange en mapp med --schemas, eller rätta ”scheman:” i courses/katalog.yaml."),
        "en": ("the SCORM schema folder {folder} does not exist",
               "Name a folder with --schemas, or correct 'scheman:' in courses/katalog.yaml."),
    },
    "package-nonconformant": {
        "sv": ("paketet {package} följer inte SCORM: {detail}", "Det här är ett fel i Etos. Rapportera det gärna."),
        "en": ("the package {package} does not conform to SCORM: {detail}", "This is a bug in Etos; please report it."),
    },
    "out-inside-sources": {
        "sv": ("utmappen {out} ligger i {inside}, där källorna finns",
               "Välj en mapp utanför kursmapparna och courses/, till exempel dist/ i projektets rotmapp."),
        "en": ("the output folder {out} is inside {inside}, where the sources are",
               "Choose a folder outside the course folders and courses/, e.g. dist/ in the project root."),
    },
    "out-is-project": {
        "sv": ("utmappen {out} är projektets rotmapp",
               "Bygget skulle skriva bland källorna. Välj en egen mapp, till exempel dist/ i projektets rotmapp."),
        "en": ("the output folder {out} is the project root",
               "The build would write among the sources. Choose a folder of its own, e.g. dist/ in the project root."),
    },
    "out-overlaps-project": {
        "sv": ("utmappen {out} skulle få utdatamappen {folder}, som är projektet eller ligger ovanför det",
               "Bygget skulle ersätta projektets egna mappar. Välj en annan utmapp, till exempel dist/ i projektets "
               "rotmapp."),
        "en": ("the output folder {out} would get the output folder {folder}, which is the project or above it",
               "The build would replace the project's own folders. Choose another, e.g. dist/ in the project root."),
    },
    "out-not-folder": {
        "sv": ("utmappen {out} är en fil, inte en mapp", "Ange en mapp med --out, eller ta bort filen."),
        "en": ("the output folder {out} is a file, not a folder", "Name a folder with --out, or remove the file."),
    },
    "out-disk-full": {
        "sv": ("disken är full: bygget fick inte plats i {out}",
               "Frigör utrymme på disken, eller bygg till en annan disk med --out. Inget av det som fanns i mappen "
               "har ändrats."),
        "en": ("the disk is full: the build did not fit in {out}",
               "Free some space, or build to another disk with --out. Nothing that was in the folder has changed."),
    },
    "out-read-only": {
        "sv": ("det går inte att skriva i {out} ({detail})",
               "Kontrollera att mappen inte är skrivskyddad och att du får skriva i den, eller välj en annan med "
               "--out."),
        "en": ("cannot write in {out} ({detail})",
               "Check that the folder is not read-only and that you may write in it, or choose another with --out."),
    },
    "out-write-failed": {
        "sv": ("det gick inte att skriva i {out}: {detail}",
               "Kontrollera mappen och disken och bygg igen. Inget av det som fanns i mappen har ändrats."),
        "en": ("could not write in {out}: {detail}",
               "Check the folder and the disk and build again. Nothing that was in the folder has changed."),
    },
}
