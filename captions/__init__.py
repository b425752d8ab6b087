"""captions: Korean-first subtitles for narrated lecture videos."""

import os

# numpy's BLAS would start a thread per core for matrix products far too small to gain from them, and
# fight ffmpeg and the espeak-ng child for the same cores: the media's features took twice as long.
# Set before anything here imports numpy; a caller's own setting wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
