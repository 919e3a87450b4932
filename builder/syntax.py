"""The inline syntax of the source format, in one place for every stage that reads Markdown text:
the renderer turns it into HTML (and checks it there), the spelling and readability measures skip it."""

from __future__ import annotations

import re

# `[[term]]` or `[[shown text|term]]`: a link to Värdegrundens ABC. In a table row the bar is read as
# escaped (`\|`), so that it does not end the cell; `\[[` shows the brackets as written.
GLOSSARY_LINK = re.compile(r"(?<!\\)\[\[([^\]|]+?)(?:\\?\|([^\]]+?))?\]\]")
# The line under a table's header: `|---|:---:|`, with or without the outer bars.
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
# `code`: never prose, never a link.
CODE_SPAN = re.compile(r"`[^`]*`")
