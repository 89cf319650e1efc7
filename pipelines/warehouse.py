"""Connections to the DuckDB warehouse, respecting its single writer.

DuckDB lets one process write a database file, or many read it, never both.
Writers wait for the lock (ANM_LOCK_TIMEOUT seconds, default 600) instead of
failing at once, so a UI run and `make monthly` queue behind each other.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)


def _is_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def open_connection(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting while another process holds the write lock."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    timeout = float(os.environ.get("ANM_LOCK_TIMEOUT", "600"))
    deadline = time.monotonic() + timeout
    delay = 0.2
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                raise
            log.info("warehouse %s is locked by another process; waiting", path)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_connection(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def prepare_working_copy(published: Path, working: Path) -> None:
    """Start the working database from the published one when it does not exist yet."""
    if working.exists() or not published.exists():
        return
    working.parent.mkdir(parents=True, exist_ok=True)
    partial = working.with_name(working.name + ".partial")
    shutil.copyfile(published, partial)
    os.replace(partial, working)


def publish(working: Path, published: Path) -> int:
    """Replace the published warehouse with the working one, atomically; return its size.

    The working file is checkpointed first so it carries no write-ahead log,
    copied beside the target, then renamed over it: a reader holding the old
    file keeps reading it, new readers open the new one, nobody sees a mix.
    """
    with connect(working) as con:
        con.execute("checkpoint")
    partial = published.with_name(published.name + ".partial")
    shutil.copyfile(working, partial)
    os.replace(partial, published)
    return published.stat().st_size
