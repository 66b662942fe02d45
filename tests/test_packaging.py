"""The installable bundle's parts (packaging/): desktop metadata that validates, icons at every size, the
self-check the smoke test relies on, and — when one has been built — the smoke test of the built bundle."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tiaki.ui.app_icon import APP_ID

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
BUNDLE = ROOT / "build" / "dist" / "tiaki"
BUNDLE_EXE = BUNDLE / ("tiaki.exe" if os.name == "nt" else "tiaki")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install "
                    f"{'appstream' if name == 'appstreamcli' else 'desktop-file-utils'}; .ci/run installs it)")
    return path


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_one_application_id_everywhere() -> None:
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert meta.findtext("provides/binary") == "tiaki"
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "tiaki"


def test_metainfo_release_is_this_version_and_screenshots_are_the_readmes() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        version = tomllib.load(fh)["project"]["version"]
    meta = ET.parse(METAINFO).getroot()
    assert version in [release.get("version") for release in meta.iter("release")]
    assert meta.find("content_rating[@type='oars-1.1']") is not None
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = [image.text or "" for image in meta.iter("image")]
    assert images
    for url in images:
        name = url.rsplit("/", 1)[-1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), url
        assert f"docs/screenshots/{name}" in readme, f"{name} is not one of the README's screenshots"


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_icons_exist_at_every_size() -> None:
    svg = (PACKAGING / "icons" / "tiaki.svg").read_text(encoding="utf-8")
    assert re.search(r'viewBox="0 0 256 256"', svg)
    for size in SIZES:
        assert _png_size(PACKAGING / "icons" / f"tiaki-{size}.png") == (size, size)


def test_self_check_passes_from_the_checkout(tmp_path: Path) -> None:
    """The command the bundle's smoke test relies on, run from the source tree: Qt, translations, resources,
    the icon and the first window (set-up, as there is no store)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIAKI_", "XDG_"))}  # nothing of the user's
    env.update(HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen", TIAKI_LANG="en")
    result = subprocess.run([sys.executable, "-m", "tiaki.cli", "--data-dir", str(tmp_path / "data"), "self-check"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "OK" and all(line.startswith("ok    ") for line in lines[:-1]), result.stdout
    assert "Set up Tiaki" in result.stdout
    assert not (tmp_path / "data").exists(), "the self-check must not create a store"


@pytest.mark.skipif(not BUNDLE_EXE.is_file(),
                    reason="no built bundle at build/dist/tiaki/ (build it and run this with: ./run bundle)")
def test_built_bundle_passes_its_smoke_test() -> None:
    result = subprocess.run([sys.executable, str(PACKAGING / "smoke_test.py"), str(BUNDLE)], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"smoke: \d+ passed, 0 failed", result.stdout.splitlines()[-1]), result.stdout
