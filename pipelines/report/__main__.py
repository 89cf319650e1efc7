"""`make report MONTH=YYYY-MM`: write the month's informe from the existing warehouse (read-only).

    python -m pipelines.report --month 2025-11

Locations come from the environment (ANM_WAREHOUSE, ANM_REPORTS_DIR).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys

from pipelines.config import Settings
from pipelines.report import ReportError, headline_figures, load_report_data, save_report
from pipelines.report import formatting as fmt


def parse_month(text: str | None) -> dt.date:
    if not text or not text.strip():
        raise ValueError("MONTH is required: make report MONTH=YYYY-MM (e.g. MONTH=2025-11)")
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"MONTH must look like YYYY-MM (e.g. 2025-11), got {text!r}")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--month", help="the report's month, YYYY-MM")
    args = parser.parse_args(argv)
    try:
        month = parse_month(args.month)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    try:
        data = load_report_data(settings.warehouse, month)
        if not data.has_data:
            span = data.data_months
            known = f"; it holds {span[0]:%Y-%m} to {span[1]:%Y-%m}" if span else ""
            raise ReportError(
                f"the warehouse {settings.warehouse} has no indicators for {month:%Y-%m}{known}"
            )
        path = save_report(data, settings.reports_dir)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    figures = headline_figures(data)
    print(f"informe {month:%Y-%m}: {path}")
    print(
        f"  interacciones {fmt.integer(figures['interactions_total'])} "
        f"(presencial {fmt.integer(figures['interactions_presencial'])}, "
        f"telefónico {fmt.integer(figures['interactions_telefonico'])}, "
        f"virtual {fmt.integer(figures['interactions_virtual'])}); "
        f"WhatsApp {fmt.integer(figures['interactions_whatsapp'])}; "
        f"satisfacción consolidada {figures['consolidated_satisfaction_shown']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
