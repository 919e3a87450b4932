"""Etos: builds SCORM packages, a web version and printed material from course sources."""

__version__ = "0.1.0"
