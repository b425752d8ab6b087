"""The Python API: ``captions.generate`` and ``captions.check`` do what the command line does, return it,
and raise our own errors; importing ``captions`` changes nothing in the caller's process."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from fractions import Fraction

import pytest
from conftest import ROOT, SAMPLE

import captions
from captions.errors import InputError, OptionError


def test_importing_captions_changes_nothing_and_loads_nothing_else():
    probe = (
        "import os, sys; before = dict(os.environ); import captions; "
        "assert dict(os.environ) == before, set(os.environ.items()) ^ set(before.items()); "
        "loaded = sorted(m for m in sys.modules if m.startswith('captions.') or m in ('numpy', 'kss', 'typer')); "
        "assert not loaded, loaded"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={"PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr


def test_generate_writes_and_returns_what_it_made_and_check_reads_it_back(tmp_path):
    [done] = captions.generate(SAMPLE, tmp_path, formats=["srt", "words"], speeds=[1, 1.5], review=False)
    expected = {f"{SAMPLE.stem}{s}.{e}" for s in ("", ".1.5x") for e in ("srt", "words.json")}
    assert {p.name for p in done.written} == expected | {f"{SAMPLE.stem}.report.txt"}
    assert {p.name for p in tmp_path.iterdir()} == {p.name for p in done.written}
    assert all(p.is_file() for p in done.written) and done.source == SAMPLE
    assert done.result.captions and done.result.speeds == (Fraction(1), Fraction(3, 2))
    [checked] = captions.check(tmp_path / f"{SAMPLE.stem}.srt", speeds=["1"])
    assert checked.format == "srt" and len(checked.captions) == len(done.result.captions)
    assert checked.breaches == sum(len(m.violations) for m in checked.measures[Fraction(1)])


def test_errors_are_raised_as_ours_not_exits(tmp_path):
    with pytest.raises(OptionError, match="unknown format"):
        captions.generate(SAMPLE, tmp_path, formats=["nope"])
    with pytest.raises(OptionError, match="needs --media"):
        captions.generate(SAMPLE, tmp_path, sync="content")
    with pytest.raises(InputError, match=r"missing\.txt"):
        captions.generate(tmp_path / "missing.txt", tmp_path / "out")
    with pytest.raises(InputError, match="not-subtitles"):
        (tmp_path / "not-subtitles.srt").write_text("hello\n")
        captions.check(tmp_path / "not-subtitles.srt")
    assert not (tmp_path / "out").exists()


def test_the_readme_example_runs(tmp_path):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    [code] = re.findall(r"<!-- api-example -->\n```python\n(.*?)```", text, re.DOTALL)
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "captions," in done.stdout and "srt" in done.stdout and (tmp_path / "out").is_dir()
