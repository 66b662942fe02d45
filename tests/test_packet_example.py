"""docs/referral-packet.md shows exactly what scripts/packet_example.py prints (so the worked example a
partner's developer reads is what the code really writes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEGIN = "<!-- packet_example.py output: begin -->\n```text\n"
END = "```\n<!-- packet_example.py output: end -->"


def test_the_documented_example_is_what_the_script_prints(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "packet_example.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=60, check=True)
    doc = (ROOT / "docs" / "referral-packet.md").read_text(encoding="utf-8")
    assert doc.count(BEGIN) == 1 and doc.count(END) == 1
    shown = doc.split(BEGIN)[1].split(END)[0]
    assert shown == done.stdout, "docs/referral-packet.md is out of date: paste scripts/packet_example.py's output"
    assert (tmp_path / "packet.age").read_bytes().startswith(b"age-encryption.org/v1\n")
    assert "AGE-SECRET-KEY-1" in (tmp_path / "age-identity.txt").read_text()
