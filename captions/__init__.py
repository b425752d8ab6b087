"""captions: Korean-first subtitles for narrated lecture videos."""

__version__ = "0.1.0"
