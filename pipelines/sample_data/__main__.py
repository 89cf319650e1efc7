"""python -m pipelines.sample_data [--raw-dir D] [--reference-dir D] [--clean]"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipelines.sample_data.generate import generate

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.sample_data",
        description="Write the deterministic January-November 2025 sample into the raw and reference folders.",
    )
    parser.add_argument("--raw-dir", type=Path, default=PROJECT_ROOT / "data" / "raw")
    parser.add_argument("--reference-dir", type=Path, default=PROJECT_ROOT / "data" / "reference")
    parser.add_argument(
        "--clean",
        action="store_true",
        help="first delete the files in the six source folders and the three reference files",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    written = generate(args.raw_dir, args.reference_dir, remove_old=args.clean)
    print(f"wrote {len(written.raw)} raw files under {args.raw_dir}")
    print(f"wrote {len(written.reference)} reference files under {args.reference_dir}")


if __name__ == "__main__":
    main()
