"""The rendered check: four weeks of daily sessions, a different note every day, printed to
PDF by headless Chromium as a browser would print it, is one A4 page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from report_support import daily_notes, full_outcomes, inputs

from coach.report.data import assemble
from coach.report.html import render_html

pytestmark = pytest.mark.slow


@pytest.fixture
def chromium() -> str:
    """The path of Debian's chromium; skip without it, fail without it under CI."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, but CI is set (scripts/test.sh installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium to run this test)")
    return path


def pages(pdf: bytes) -> int:
    """Page objects in a PDF (``/Type /Page``, not ``/Type /Pages``, the page tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_page_counting() -> None:
    assert (
        pages(b"<</Type /Pages /Kids [3 0 R]>> <</Type /Page>> <</Type/Page /Parent 2 0 R>>") == 2
    )


def print_to_pdf(chromium: str, html: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "report.pdf"
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={out}",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 0 and out.exists(), done.stderr[-2000:]
    return out.read_bytes()


def test_four_weeks_print_on_one_a4_page(chromium: str, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    html.write_text(render_html(assemble(inputs(daily_notes(), full_outcomes()))), "utf-8")
    pdf = print_to_pdf(chromium, html, tmp_path)
    assert pages(pdf) == 1
    # A4 is 595 x 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.?\d* 84[12]\.?\d*\s*\]", pdf)


def test_the_full_session_list_goes_on_a_page_of_its_own(chromium: str, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    data = assemble(inputs(daily_notes(), full_outcomes()))
    html.write_text(render_html(data, sessions=True), "utf-8")
    assert pages(print_to_pdf(chromium, html, tmp_path)) == 2
