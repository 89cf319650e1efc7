"""The monthly informe: a self-contained Spanish HTML report built only from the warehouse.

`write_report(settings.warehouse, dt.date(2025, 11, 1), settings.reports_dir)`
writes `<reports_dir>/2025-11/informe.html`. See docs/report.md.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pipelines.report.queries import NoDataError, ReportData, ReportError, load_report_data
from pipelines.report.render import headline_figures, render_html

__all__ = [
    "NoDataError",
    "ReportData",
    "ReportError",
    "headline_figures",
    "load_report_data",
    "report_path",
    "save_report",
    "write_report",
]


def report_path(reports_dir: Path, month: dt.date) -> Path:
    return reports_dir / f"{month:%Y-%m}" / "informe.html"


def write_report(
    warehouse: Path,
    month: dt.date,
    reports_dir: Path,
    *,
    require_data: bool = False,
    generated_at: dt.datetime | None = None,
) -> Path:
    """Write `<reports_dir>/YYYY-MM/informe.html` for `month` from the warehouse (read-only).

    A month without indicators still gets a report (every figure "sin dato",
    with a banner) unless `require_data`, which raises NoDataError instead.
    Raises ReportError when the warehouse file or its marts are missing.
    The file is written beside its final name and renamed over it, so a reader
    never sees half a report.
    """
    data = load_report_data(Path(warehouse), month)
    if require_data and not data.has_data:
        span = data.data_months
        known = f" (it holds {span[0]:%Y-%m} to {span[1]:%Y-%m})" if span else ""
        raise NoDataError(f"the warehouse {warehouse} has no indicators for {month:%Y-%m}{known}")
    return save_report(data, reports_dir, generated_at)


def save_report(data: ReportData, reports_dir: Path, generated_at: dt.datetime | None = None) -> Path:
    """Render figures already read and write them to `<reports_dir>/YYYY-MM/informe.html`."""
    html = render_html(data, generated_at)
    target = report_path(Path(reports_dir), data.month)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)
    return target
