"""The warning dialog at 200 % scaling: everything fits and reads, and a screenshot is kept.

The dialog runs in its own offscreen process with QT_SCALE_FACTOR=2 on a 1920×1080
screen (so 960×540 logical pixels, like a laptop at 200 %), and reports every label's
and button's size against what its text needs. The PNG lands in the test's temp folder,
or with PW_DOCS_IMAGES=1 in docs/images/tray-dialog-200.png.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCREEN = {"screens": [{"name": "hd", "x": 0, "y": 0, "width": 1920, "height": 1080,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("scaled")
    (tmp / "screen.json").write_text(json.dumps(SCREEN))
    env = {**os.environ, "QT_SCALE_FACTOR": "2"}
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={tmp / 'screen.json'}"
    shot = tmp / "tray-dialog-200.png"
    done = subprocess.run(
        [sys.executable, str(HERE / "dialog_at_scale.py"), str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    if os.environ.get("PW_DOCS_IMAGES") == "1":
        shutil.copy(shot, ROOT / "docs" / "images" / "tray-dialog-200.png")
    report["path"] = str(shot)
    return report


def test_it_really_ran_at_200_percent(scaled: dict[str, object]) -> None:
    assert scaled["dpr"] == 2.0
    assert scaled["screen"] == [0, 0, 960, 540]
    width, _height = scaled["image"]  # type: ignore[misc]
    assert scaled["saved"] and width >= 2 * 600 and Path(str(scaled["path"])).stat().st_size


def test_the_dialog_fits_on_the_screen(scaled: dict[str, object]) -> None:
    x, y, w, h = scaled["dialog"]  # type: ignore[misc]
    sx, sy, sw, sh = scaled["screen"]  # type: ignore[misc]
    assert sx <= x and x + w <= sx + sw and sy <= y and y + h <= sy + sh


def test_no_text_is_cut_off(scaled: dict[str, object]) -> None:
    labels = scaled["labels"]
    buttons = scaled["buttons"]
    assert isinstance(labels, list) and isinstance(buttons, list)
    assert len(buttons) == 5 and len(labels) >= 5
    for label in labels:
        assert label["height"] >= label["needed"], label
        assert label["width"] >= label["needed_width"], label
    for button in buttons:
        assert button["width"] >= button["needed"], button


def test_the_preview_is_as_tall_as_its_text(scaled: dict[str, object]) -> None:
    assert scaled["preview_lines_shown"] == scaled["preview_lines"]


def test_it_speaks_to_the_staff_member(scaled: dict[str, object]) -> None:
    labels = scaled["labels"]
    assert isinstance(labels, list)
    texts = " ".join(str(label["text"]) for label in labels)
    assert "Patient information can't be pasted into ChatGPT (personal)" in texts
    assert "Lakeside Family Practice may share patient information only with" in texts
    buttons = scaled["buttons"]
    assert isinstance(buttons, list)
    assert "&Open Microsoft 365 Copilot (work account)" in [b["text"] for b in buttons]
