"""The HTML report in a real browser: headless Chromium draws it, with its charts, offline.

Needs the Debian package `chromium` (/usr/bin/chromium). Without it the test fails loudly,
unless NEWSMETRICS_NO_BROWSER=1 says this machine has no browser on purpose.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib import image as mpimg

from pipeline import db
from pipeline.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1280, 2000
KEEP = Path("/tmp/newsmetrics_report.png")  # for a person to look at after the run
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
REPORTED_BLUE = (0x2F, 0x6D, 0xB5)  # the bar colour of reported values in the charts


def _source(evidence: str, value: int) -> dict[str, Any]:
    return {"article_id": "f" * 64, "start": 0, "end": 10, "value": value, "qualifier": None,
            "evidence": evidence}


PROFILE = [
    {"entity": "Solar <Beta> & Söhne", "metric": metric, "period_start": date(year, 1, 1),
     "period_end": date(year, 12, 31), "status": status, "value": value, "currency": "EUR",
     "agreement": agreement, "n_sources": len(sources), "sources": sources}
    for metric, year, status, value, agreement, sources in [
        ("revenue", 2022, "reported", 80_000_000, "single",
         [_source("Umsatz 2022: 80 Mio. Euro.", 80_000_000)]),
        ("revenue", 2023, "reported", 95_000_000, "conflict",
         [_source("Umsatz 2023: 95 Mio. Euro.", 95_000_000),
          _source("Revenue of €90m in 2023.", 90_000_000)]),
        ("revenue", 2024, "forecast", 110_000_000, "single",
         [_source("2024 sollen es 110 Mio. Euro werden.", 110_000_000)]),
        ("net_income", 2023, "reported", -7_000_000, "single",
         [_source("Verlust von 7 Mio. Euro.", -7_000_000)]),
    ]
]
CHECKS = [{"entity": "Solar <Beta> & Söhne", "check": "operating_result", "value": -7_000_000,
           "currency": "EUR", "unit": "currency", "status": "ok", "detail": "revenue - costs",
           "inputs": []}]
CHARTS = ["revenue", "net_income"]


def _browser() -> Path:
    """Chromium, or a failed test (a skip only when the machine says it has no browser)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("NEWSMETRICS_NO_BROWSER") == "1":
        pytest.skip("NEWSMETRICS_NO_BROWSER=1: no Chromium on this machine, browser test skipped")
    pytest.fail(
        f"{CHROMIUM} not found: the report's browser test needs headless Chromium. "
        "Install it (apt-get install -y chromium) or set NEWSMETRICS_NO_BROWSER=1 to skip.",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    conn = db.connect(folder / "news.duckdb")
    db.insert_rows(conn, "profile", PROFILE)
    db.insert_rows(conn, "checks", CHECKS)
    conn.close()
    page = folder / "report.html"
    page.write_text(render_report(folder / "news.duckdb"), encoding="utf-8")
    return page


@pytest.fixture
def profile_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "chromium-profile"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _chromium(browser: Path, profile_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(browser), *FLAGS, f"--user-data-dir={profile_dir}",
         f"--window-size={WIDTH},{HEIGHT}", *args],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HOME": str(profile_dir)},
    )


def test_report_browser_draws_a_screenshot(report_file: Path, profile_dir: Path) -> None:
    browser = _browser()
    shot = profile_dir.parent / "report.png"
    done = _chromium(browser, profile_dir, f"--screenshot={shot}", report_file.as_uri())
    assert shot.is_file(), f"no screenshot; chromium said:\n{done.stderr[-2000:]}"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    assert (width, height) == (WIDTH, HEIGHT)
    pixels = mpimg.imread(shot)
    rgb = np.round(pixels[..., :3] * 255).astype(np.uint8).reshape(-1, 3)
    colours = np.unique(rgb, axis=0)
    assert len(colours) > 50, "the page looks blank"
    # The charts were drawn: their bar colour covers a real area of the screenshot.
    blue = np.all(np.abs(rgb.astype(int) - REPORTED_BLUE) <= 12, axis=1).sum()
    assert blue > 2000, f"only {blue} pixels of the reported-bar colour: charts not drawn?"
    shutil.copyfile(shot, KEEP)


def test_report_browser_dom_has_the_svg_charts(report_file: Path, profile_dir: Path) -> None:
    browser = _browser()
    done = _chromium(browser, profile_dir, "--dump-dom", report_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    figures = re.findall(r'<figure class="chart" data-metric="([^"]+)">\s*<svg\b', dom)
    assert figures == CHARTS
    assert dom.count("</svg>") == len(CHARTS)
    assert "Solar &lt;Beta&gt; &amp; Söhne" in dom
    assert re.search(r'<tr class="[^"]*\bconflict\b', dom)
