"""The report for a physio: ``read_report`` gathers one ``ReportData`` from the journal,
``render_markdown`` and ``render_html`` show the same facts (see coach.report.data)."""

from coach.report.data import ReportData, ReportInputs, assemble
from coach.report.html import render_html
from coach.report.markdown import render_markdown
from coach.report.read import read_report

__all__ = [
    "ReportData",
    "ReportInputs",
    "assemble",
    "read_report",
    "render_html",
    "render_markdown",
]
