"""The policy engine's tests cover every line and every branch of tiaki.core.policy (and of tiaki.core.reasons).

Runs the engine's example tests again in a fresh pytest with pytest-cov, in a subprocess so that coverage starts
before the engine is imported, and fails unless both modules are fully covered by examples alone (the property
tests' random cases are not relied on for coverage).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent


def test_policy_engine_has_full_branch_coverage(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    env["COVERAGE_FILE"] = str(tmp_path / ".coverage")  # never the repository's working tree
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", str(TESTS / "test_policy.py"),
         "-q", "-p", "no:cacheprovider", "-p", "pytest_cov", "--cov=tiaki.core.policy", "--cov=tiaki.core.reasons",
         "--cov-branch", "--cov-report=term-missing", "--cov-fail-under=100"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    report = proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.returncode == 0, report
    assert "100%" in proc.stdout, report
