"""What the README promises of the test suite itself."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_without_the_corpus_the_run_says_where_it_looked(tmp_path):
    """A run that needs the corpus stops after collection with one line naming where it was looked for
    (not a FileNotFoundError as a module loads); a run that needs none of it goes ahead."""
    env = {**os.environ, "CAPTIONS_SHARED": str(tmp_path)}
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]

    def suite(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*pytest, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)

    stopped = suite("tests/test_seed.py", "tests/test_bad_input.py")
    expected = f"the upstream corpus is missing: expected it at {tmp_path / 'corpus'}"
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert expected in stopped.stdout + stopped.stderr and "FileNotFoundError" not in stopped.stdout + stopped.stderr
    ran = suite("tests/test_seed.py", "-m", "not corpus")
    assert ran.returncode == 0 and " passed" in ran.stdout and "deselected" in ran.stdout, ran.stdout + ran.stderr
