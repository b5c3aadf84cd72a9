"""`make install` as a newcomer and CI use it: nothing to do a second time, and a CPU-only torch index on demand."""

from __future__ import annotations

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
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_second_install_does_nothing():
    assert _make("-q", "install").returncode == 0  # up to date: `make demo` runs offline again
    assert _make("-n", "demo").stdout.strip().splitlines()[0].endswith("--sources fixtures/sources.toml")


def test_cpu_only_torch_index_is_an_opt_in():
    plan = _make("-n", "-W", "pyproject.toml", "install", "TORCH_INDEX=https://download.pytorch.org/whl/cpu").stdout
    assert "torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in plan
    plain = _make("-n", "-W", "pyproject.toml", "install").stdout
    assert "torch==2.13.0" in plain and "--index-url" not in plain
