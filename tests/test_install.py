"""`make install` as a newcomer and CI use it: nothing to do a second time, and a CPU-only torch index on demand."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists(),
    reason="needs make and an environment installed by `make install`",
)


def _make(*args: str) -> subprocess.CompletedProcess:
    # as if typed at a shell: not a sub-make of `make test` (which would print "Entering directory" lines)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")}
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, check=False, env=env
    )


def test_second_install_does_nothing():
    assert _make("-q", "install").returncode == 0  # up to date: `make demo` runs offline again
    plan = _make("-n", "demo").stdout.strip().splitlines()
    assert [line for line in plan if "pip install" in line] == []
    assert plan[-1].endswith("corroborate check seeds/000_892844bb6acea099.txt --sources fixtures/sources.toml")


def test_cpu_only_torch_index_is_an_opt_in():
    plan = _make("-n", "-W", "pyproject.toml", "install", "TORCH_INDEX=https://download.pytorch.org/whl/cpu").stdout
    assert "torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in plan
    plain = _make("-n", "-W", "pyproject.toml", "install").stdout
    assert "torch==2.13.0" in plain and "--index-url" not in plain
