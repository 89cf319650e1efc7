"""Build every sample file and write them: data/raw/<source>/... and data/reference/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.sample_data.calibration import SEED
from pipelines.sample_data.calls import calls_files
from pipelines.sample_data.emails import emails_files
from pipelines.sample_data.reference import reference_files
from pipelines.sample_data.surveys import surveys_files
from pipelines.sample_data.tallies import gestion_files
from pipelines.sample_data.visits import presencial_files
from pipelines.sample_data.whatsapp import whatsapp_files
from pipelines.sample_data.writers import OutputFile, write_file

SOURCES = ("calls", "emails", "presencial", "whatsapp", "encuestas", "gestion")


@dataclass(frozen=True)
class Written:
    raw: list[Path]
    reference: list[Path]


def raw_files(seed: str = SEED) -> list[OutputFile]:
    """Every raw file, paths relative to the raw folder."""
    return [
        *calls_files(seed),
        *emails_files(seed),
        *presencial_files(seed),
        *whatsapp_files(seed),
        *surveys_files(seed),
        *gestion_files(seed),
    ]


def clean(raw_dir: Path, reference_dir: Path) -> None:
    """Remove what a previous run wrote: the files of the six source folders and the reference files."""
    for source in SOURCES:
        folder = raw_dir / source
        if folder.is_dir():
            for path in sorted(folder.rglob("*"), reverse=True):
                if path.is_file():
                    path.unlink()
                elif not any(path.iterdir()):
                    path.rmdir()
    for file in reference_files():
        (reference_dir / file.path).unlink(missing_ok=True)


def generate(raw_dir: Path, reference_dir: Path, seed: str = SEED, remove_old: bool = False) -> Written:
    if remove_old:
        clean(raw_dir, reference_dir)
    raw = [write_file(raw_dir, f) for f in raw_files(seed)]
    reference = [write_file(reference_dir, f) for f in reference_files()]
    return Written(raw, reference)
