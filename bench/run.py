"""`make bench`: the pipeline against DuckDB's own lower bound, at 1M and 10M attended interactions.

    python bench/run.py                                  # scales 1,000,000 and 10,000,000 into bench/
    python bench/run.py --scales 100000 --out /tmp/b     # a quick look
    python bench/run.py --scales 2000 --start 2025-08 --end 2025-10 --month 2025-10 --out /tmp/b

For each scale it generates the data set (bench/generate.py) under <out>/data/ and measures,
each in a fresh child process (wall time; peak RSS of the process tree):

  (a) pipeline    `python -m pipelines.monthly` over every month, into an empty warehouse
                  (landing + dbt + checks + publishing; ANM_SKIP_REPORT=1)
  (b) baseline    bench/baseline.sql in a fresh in-memory DuckDB: the same indicators_monthly
                  straight from the raw files
  (c) one month   `python -m pipelines.monthly --month <month>` after (a): the whole history loaded
  (d) one month   the same month alone: a raw folder with only its files, an empty warehouse

then checks that (a)'s marts.indicators_monthly equals (b)'s result exactly, that (d) gives
(a)'s figures for the month, and reads where (a)'s time went (Dagster step durations from the
run history, dbt's run_results.json). It also measures the fixed overhead: the pipeline on one
tiny month (a few hundred rows). Results: <out>/results.json and <out>/results.md. The large
data sets are deleted at the end of each scale unless --keep.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
CODE = {"dir": PROJECT}  # where the pipeline runs from: the repository, or a snapshot (--code REV)
QUIET = {"wait_s": 0.0}  # --quiet-wait: how long a measurement may wait for the machine to be idle
PYTHON = sys.executable
PII_KEY = "bench-key-not-secret"
OVERHEAD_ROWS = 1000  # attended interactions in the tiny month: about 550 raw rows
MB = 1024 * 1024

TARGETS = {
    "ratio_at_10m": 2.0,  # (a)/(b) <= 2 at 10M
    "fixed_overhead_s": 20.0,  # the pipeline on one tiny month
    "one_month_ratio": 1.5,  # (c) within 1.5x of (d)
    "peak_rss_mb_at_10m": 4096.0,  # 4 GB
}
INDICATORS = "select month, channel, indicator, numerator, denominator, value from {table}"

# ------------------------------------------------------------------------------------------------
# measuring a child process


@dataclass
class Measurement:
    seconds: float
    peak_rss_mb: float  # max of the polled process-tree sum and the largest single process
    tree_rss_mb: float  # process tree, summed, polled every 0.2 s
    max_process_rss_mb: float  # ru_maxrss of the child and its reaped descendants
    returncode: int
    log: str
    started_epoch: float = 0.0  # wall clock at the start, to place Dagster's event timestamps
    cpu_s: float = 0.0  # CPU time of the child and its descendants (user + system)
    other_cpu_s: float = 0.0  # CPU time the rest of the machine used meanwhile: interference
    waited_for_quiet_s: float = 0.0


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        children[int(fields[1])].append(int(entry.name))
    return children


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants."""
    children = _children_map()
    total, stack, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
    return total


def _busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(v) for v in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float, window: float = 3.0, threshold: float = 0.25) -> float:
    """Wait (at most `limit` seconds) until other processes use under `threshold` cores; return the wait."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        before = _busy_cpu_seconds()
        time.sleep(window)
        if (_busy_cpu_seconds() - before) / window < threshold:
            break
    return round(time.monotonic() - began, 1)


def measure(command: list[str], env: dict[str, str], log: Path, cwd: Path | None = None) -> Measurement:
    """Run `command` in a fresh child; wall time, peak RSS of its process tree, exit code."""
    log.parent.mkdir(parents=True, exist_ok=True)
    waited = wait_for_quiet(QUIET["wait_s"]) if QUIET["wait_s"] > 0 else 0.0
    done = threading.Event()
    peak = [0]
    with log.open("w", encoding="utf-8") as sink:
        sink.write("$ " + " ".join(command) + "\n")
        sink.flush()
        busy_before = _busy_cpu_seconds()
        started_epoch, started = time.time(), time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=cwd or PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )

        def copy_output() -> None:  # each line with the seconds since the start
            for raw_line in process.stdout:
                line = raw_line.decode("utf-8", errors="replace").rstrip("\n")
                sink.write(f"[{time.perf_counter() - started:8.2f}s] {line}\n")
                sink.flush()

        copier = threading.Thread(target=copy_output, daemon=True)
        copier.start()

        def poll() -> None:
            while not done.is_set():
                with contextlib.suppress(Exception):
                    peak[0] = max(peak[0], _tree_rss(process.pid))
                done.wait(0.2)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(process.pid, 0)  # rusage of the child and its reaped descendants
        seconds = time.perf_counter() - started
        busy = _busy_cpu_seconds() - busy_before
        done.set()
        poller.join()
        copier.join(timeout=30)
        process.stdout.close()
        process.returncode = os.waitstatus_to_exitcode(status)
    single = usage.ru_maxrss * 1024 / MB  # Linux: kilobytes
    tree = peak[0] / MB
    return Measurement(
        round(seconds, 2),
        round(max(single, tree), 1),
        round(tree, 1),
        round(single, 1),
        process.returncode,
        str(log),
        started_epoch,
        round(usage.ru_utime + usage.ru_stime, 1),
        round(max(0.0, busy - usage.ru_utime - usage.ru_stime), 1),
        waited,
    )


# ------------------------------------------------------------------------------------------------
# the commands


@dataclass
class Layout:
    """Where one measured pipeline run keeps its files."""

    root: Path
    raw: Path
    reference: Path

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse" / "anm.duckdb"

    def env(self, tag: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ANM_", "DBT_", "DAGSTER_"))}
        env.update(
            {
                "ANM_RAW_DIR": str(self.raw),
                "ANM_REFERENCE_DIR": str(self.reference),
                "ANM_WAREHOUSE": str(self.warehouse),
                "ANM_REPORTS_DIR": str(self.root / "reports"),
                "ANM_PII_KEY": PII_KEY,
                "ANM_SKIP_REPORT": "1",
                "DAGSTER_HOME": str(self.root / "dagster_home"),
                # the dbt builds' artifacts (run_results.json) go here, not dbt_project/target/run
                "DBT_TARGET_PATH": str(self.root / f"dbt_target_{tag}"),
                "DO_NOT_TRACK": "1",
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                "GX_ANALYTICS_ENABLED": "false",
            }
        )
        return env


PREPARE_DBT_CHILD = (
    "from pipelines.assets.dbt import dbt_build_target, ensure_manifest, parse_project; "
    "from pipelines.config import Settings; "
    "warehouse = Settings.from_env().working_warehouse; "
    "ensure_manifest(warehouse); "
    "parse_project(warehouse, dbt_build_target())"
)


def prepare_dbt(layout: Layout, tag: str) -> None:
    """Before a measured run: the dbt manifest Dagster loads, and dbt's partial-parsing cache
    for this warehouse where the run's dbt build will look, as any earlier `make monthly` on
    the same warehouse would have left them. The measured run pays for neither a manifest
    parse nor a full `dbt parse` (about 2 s), only for re-parsing the files its months change."""
    subprocess.run([PYTHON, "-c", PREPARE_DBT_CHILD], cwd=CODE["dir"], env=layout.env(tag), check=True)


def run_pipeline(layout: Layout, tag: str, logs: Path, month: str | None = None) -> Measurement:
    prepare_dbt(layout, tag)
    command = [PYTHON, "-m", "pipelines.monthly", *(["--month", month] if month else [])]
    return measure(command, layout.env(tag), logs / f"pipeline_{tag}.log", cwd=CODE["dir"])


BASELINE_CHILD = """
import sys, duckdb
raw, reference, script, out = sys.argv[1:5]
con = duckdb.connect()
con.execute("set variable raw_dir = " + "'" + raw.replace("'", "''") + "'")
con.execute("set variable reference_dir = " + "'" + reference.replace("'", "''") + "'")
con.execute(open(script, encoding="utf-8").read())
con.execute("copy indicators_monthly to " + "'" + out.replace("'", "''") + "' (format parquet)")
"""


def run_baseline(raw: Path, reference: Path, out: Path, logs: Path) -> Measurement:
    command = [PYTHON, "-c", BASELINE_CHILD, str(raw), str(reference), str(BENCH / "baseline.sql"), str(out)]
    return measure(command, dict(os.environ), logs / "baseline.log")


def run_generate(rows: int, out: Path, start: str, end: str, logs: Path) -> Measurement:
    command = [
        PYTHON,
        str(BENCH / "generate.py"),
        "--rows",
        str(rows),
        "--out",
        str(out),
        "--start",
        start,
        "--end",
        end,
    ]
    return measure(command, dict(os.environ), logs / "generate.log")


# ------------------------------------------------------------------------------------------------
# correctness


def compare_indicators(warehouse: Path, baseline: Path, month: str | None = None) -> dict:
    """Rows of marts.indicators_monthly missing from the baseline's result, and the reverse."""
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as wh (read_only)")
    where = f" where month = date '{month}-01'" if month else ""
    a = INDICATORS.format(table="wh.marts.indicators_monthly") + where
    b = INDICATORS.format(table=f"read_parquet('{baseline}')") + where
    counts = con.execute(f"select (select count(*) from ({a})), (select count(*) from ({b}))").fetchone()
    only_a = con.execute(f"select * from (({a}) except all ({b})) order by all limit 20").fetchall()
    only_b = con.execute(f"select * from (({b}) except all ({a})) order by all limit 20").fetchall()
    n_only_a = con.execute(f"select count(*) from (({a}) except all ({b}))").fetchone()[0]
    n_only_b = con.execute(f"select count(*) from (({b}) except all ({a}))").fetchone()[0]
    interactions = con.execute(
        f"select sum(numerator) from ({a}) where indicator = 'interactions' and channel <> 'total'"
    ).fetchone()[0]
    con.close()
    return {
        "identical": n_only_a == 0 and n_only_b == 0 and counts[0] > 0,
        "rows_pipeline": counts[0],
        "rows_baseline": counts[1],
        "only_in_pipeline": n_only_a,
        "only_in_baseline": n_only_b,
        "examples_only_in_pipeline": [list(map(str, r)) for r in only_a],
        "examples_only_in_baseline": [list(map(str, r)) for r in only_b],
        "attended_interactions_in_mart": int(interactions or 0),
    }


def export_indicators(warehouse: Path, out: Path) -> None:
    con = duckdb.connect()
    con.execute(f"attach '{warehouse}' as wh (read_only)")
    con.execute(
        f"copy ({INDICATORS.format(table='wh.marts.indicators_monthly')}) to '{out}' (format parquet)"
    )
    con.close()


def one_month_raw(raw: Path, target: Path, month: str) -> int:
    """A raw folder holding only the month's files (hard links; the generator names files by month)."""
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for path in sorted(raw.rglob("*")):
        if path.is_file() and f"_{month}" in path.name:
            link = target / path.relative_to(raw)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, link)
            count += 1
    return count


# ------------------------------------------------------------------------------------------------
# profile: where (a)'s time went


PROFILE_CHILD = """
import collections, json
import dagster as dg
instance = dg.DagsterInstance.get()
out = []
for run in instance.get_runs():
    record = instance.get_run_record_by_id(run.run_id)
    stats = instance.get_run_stats(run.run_id)
    events = collections.Counter()
    materialized = collections.defaultdict(list)
    for entry in instance.all_logs(run.run_id):
        if entry.dagster_event is None:
            continue
        events[entry.dagster_event.event_type_value] += 1
        if entry.dagster_event.event_type_value == "ASSET_MATERIALIZATION":
            materialized[entry.step_key].append(entry.timestamp)
    steps = [
        {
            "step": s.step_key, "start": s.start_time, "end": s.end_time,
            "seconds": (s.end_time or 0) - (s.start_time or 0), "status": str(s.status),
            "materializations": len(materialized[s.step_key]),
            "first_materialization": min(materialized[s.step_key], default=None),
        }
        for s in instance.get_run_step_stats(run.run_id)
    ]
    out.append({
        "run_id": run.run_id, "job": run.job_name, "partition": run.tags.get("dagster/partition"),
        "created": record.create_timestamp.timestamp(), "start": stats.start_time, "end": stats.end_time,
        "status": str(run.status), "seconds": (stats.end_time or 0) - (stats.start_time or 0),
        "events": dict(events), "steps": steps,
    })
print(json.dumps(out))
"""


def dagster_runs(layout: Layout, tag: str) -> list[dict]:
    result = subprocess.run(
        [PYTHON, "-c", PROFILE_CHILD],
        cwd=CODE["dir"],
        env=layout.env(tag),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def dbt_results(target: Path) -> list[dict]:
    results = []
    for path in sorted(target.glob("**/run_results.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        results.append(
            {
                "folder": path.parent.name,
                "elapsed": data.get("elapsed_time", 0.0),
                "nodes": [(r["unique_id"], r.get("execution_time", 0.0)) for r in data.get("results", [])],
            }
        )
    return results


def phases(runs: list[dict], run: Measurement) -> list[dict]:
    """The process's wall time cut at its Dagster runs' creation, start and end."""
    ordered = sorted((r for r in runs if r["start"] and r["end"]), key=lambda r: r["created"])
    if not ordered:
        return []
    totals: dict[str, float] = defaultdict(float)
    begin, finish = run.started_epoch, run.started_epoch + run.seconds
    totals["start-up: imports, definitions, dbt manifest"] += ordered[0]["created"] - begin
    for index, r in enumerate(ordered):
        totals[f"{r['job']}: run creation (planned events) and launch"] += r["start"] - r["created"]
        totals[f"{r['job']}: run"] += r["end"] - r["start"]
        if index + 1 < len(ordered):
            totals["between runs (months to process, next run)"] += ordered[index + 1]["created"] - r["end"]
    totals["after the last run: summary, exit"] += finish - ordered[-1]["end"]
    return [{"phase": name, "seconds": round(seconds, 1)} for name, seconds in totals.items()]


def profile(layout: Layout, tag: str, measured: Measurement) -> dict:
    """Step durations summed over the measured command's Dagster runs; dbt's own time, by node."""
    wall = measured.seconds
    runs = [r for r in dagster_runs(layout, tag) if r["created"] >= measured.started_epoch]
    dbt_steps = [step for r in runs for step in r["steps"] if step["step"] == "anm_dbt_models"]
    dbt_split = {
        "materializations": sum(step["materializations"] for step in dbt_steps),
        "cli_s": round(
            sum(
                step["first_materialization"] - step["start"]
                for step in dbt_steps
                if step["first_materialization"]
            ),
            1,
        ),
        "events_s": round(
            sum(
                step["end"] - step["first_materialization"]
                for step in dbt_steps
                if step["first_materialization"]
            ),
            1,
        ),
    }
    events: dict[str, int] = defaultdict(int)
    for r in runs:
        for name, count in r["events"].items():
            events[name] += count
    per_step: dict[str, list[float]] = defaultdict(list)
    per_job: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        per_job[run["job"]].append(run["seconds"])
        for step in run["steps"]:
            per_step[step["step"]].append(step["seconds"])
    steps = sorted(
        (
            {
                "step": name,
                "runs": len(values),
                "total_s": round(sum(values), 1),
                "mean_s": round(sum(values) / len(values), 2),
                "max_s": round(max(values), 2),
                "share_of_wall": round(sum(values) / wall, 3) if wall else None,
            }
            for name, values in per_step.items()
        ),
        key=lambda s: -s["total_s"],
    )
    in_runs = sum(sum(v) for v in per_job.values())
    dbt = dbt_results(layout.root / f"dbt_target_{tag}")
    per_node: dict[str, float] = defaultdict(float)
    per_kind: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for result in dbt:
        for unique_id, seconds in result["nodes"]:
            per_node[unique_id] += seconds
            kind = unique_id.split(".")[0]
            per_kind[kind] += seconds
            counts[kind] += 1
    dbt_elapsed = sum(r["elapsed"] for r in dbt)
    dbt_step = sum(per_step.get("anm_dbt_models", []))
    return {
        "wall_s": wall,
        "runs": {job: {"count": len(v), "total_s": round(sum(v), 1)} for job, v in per_job.items()},
        "outside_runs_s": round(wall - in_runs, 1),
        "phases": phases(runs, measured),
        "events": dict(sorted(events.items(), key=lambda kv: -kv[1])),
        "dbt_step_split": dbt_split,
        "steps": steps,
        "dbt": {
            "invocations": len(dbt),
            "elapsed_s": round(dbt_elapsed, 1),
            "step_s": round(dbt_step, 1),
            "outside_dbt_elapsed_s": round(dbt_step - dbt_elapsed, 1),
            "node_seconds_by_kind": {k: round(v, 1) for k, v in per_kind.items()},
            "nodes_by_kind": dict(counts),
            "top_nodes": [
                {"node": node, "total_s": round(seconds, 1)}
                for node, seconds in sorted(per_node.items(), key=lambda kv: -kv[1])[:15]
            ],
        },
    }


def safe_profile(layout: Layout, tag: str, measured: Measurement) -> dict:
    try:
        return profile(layout, tag, measured)
    except Exception as exc:  # the profile is a bonus: never lose the measurements for it
        return {"error": repr(exc)}


# ------------------------------------------------------------------------------------------------
# the code measured

CODE_PATHS = ("pipelines", "dbt_project", "dagster.yaml", "pyproject.toml")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.strip()


def use_code(revision: str, data: Path) -> dict:
    """Run the pipeline from the repository itself ("worktree") or from a snapshot of a revision.

    A snapshot (`git archive` of the pipeline's code into <data>/code/<commit>) keeps a long
    benchmark safe from edits made to the repository while it runs. Python imports the
    snapshot's `pipelines` because the pipeline's commands run with the snapshot as their
    working directory.
    """
    info: dict = {"source": revision}
    with contextlib.suppress(Exception):
        info["commit"] = _git("rev-parse", "HEAD" if revision == "worktree" else f"{revision}^{{commit}}")
    if revision == "worktree":
        CODE["dir"] = PROJECT
        with contextlib.suppress(Exception):
            changed = _git("status", "--porcelain", "--", *CODE_PATHS)
            info["uncommitted_changes"] = [line[3:] for line in changed.splitlines()]
        return info
    target = data / "code" / info["commit"][:12]
    if not (target / "pipelines").is_dir():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", info["commit"], *CODE_PATHS],
            cwd=PROJECT,
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    CODE["dir"] = target
    info["directory"] = str(target)
    return info


# ------------------------------------------------------------------------------------------------
# the machine


def machine() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    versions = {"python": platform.python_version()}
    for package in ("duckdb", "dbt-core", "dbt-duckdb", "dagster", "dagster-dbt", "great-expectations"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory / 1024**3, 1),
        "os": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


# ------------------------------------------------------------------------------------------------
# the runs


@dataclass
class ScaleResult:
    attended_interactions: int
    rows: int = 0
    files: int = 0
    raw_mb: float = 0.0
    generate_s: float = 0.0
    pipeline_s: float = 0.0
    baseline_s: float = 0.0
    ratio: float = 0.0
    peak_rss_mb: float = 0.0
    baseline_peak_rss_mb: float = 0.0
    pipeline_rows_per_s: float = 0.0
    baseline_rows_per_s: float = 0.0
    one_month: str = ""
    one_month_rows: int = 0
    one_month_with_history_s: float = 0.0
    one_month_empty_s: float = 0.0
    one_month_ratio: float = 0.0
    one_month_with_history_rows_per_s: float = 0.0
    one_month_empty_rows_per_s: float = 0.0
    one_month_with_history_peak_rss_mb: float = 0.0
    one_month_empty_peak_rss_mb: float = 0.0
    warehouse_mb: float = 0.0
    report_step_s: float | None = (
        None  # the report's step in (a) (ANM_SKIP_REPORT not honoured); None: unknown
    )
    pipeline_ok: bool = False
    correctness: dict = field(default_factory=dict)
    one_month_correctness: dict = field(default_factory=dict)
    measurements: dict = field(default_factory=dict)
    profile: dict = field(default_factory=dict)
    one_month_with_history_profile: dict = field(default_factory=dict)
    one_month_empty_profile: dict = field(default_factory=dict)


def _rate(rows: int, seconds: float) -> float:
    return round(rows / seconds, 1) if seconds else 0.0


def _month_rows(month: str, root: Path) -> int:
    """Data rows of the month's files (header lines not counted)."""
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and f"_{month}" in path.name:
            with path.open("rb") as handle:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda h=handle: h.read(1 << 20), b""))
            total += lines - (0 if path.suffix == ".jsonl" else 1)
    return total


def _say(text: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {text}", flush=True)


def run_scale(scale: int, data: Path, args: argparse.Namespace) -> ScaleResult:
    root = data / f"scale_{scale}"
    shutil.rmtree(root, ignore_errors=True)
    logs = root / "logs"
    result = ScaleResult(attended_interactions=scale, one_month=args.month)

    _say(f"scale {scale:,}: generating")
    generated = run_generate(scale, root / "dataset", args.start, args.end, logs)
    if generated.returncode != 0:
        raise RuntimeError(f"generate.py failed, see {generated.log}")
    manifest = json.loads((root / "dataset" / "manifest.json").read_text(encoding="utf-8"))
    raw, reference = root / "dataset" / "raw", root / "dataset" / "reference"
    result.rows, result.files = manifest["rows"], manifest["files"]
    result.raw_mb = round(manifest["bytes"] / 1e6, 1)
    result.generate_s = generated.seconds
    _say(f"  {result.rows:,} rows in {result.files} files ({result.raw_mb} MB) in {generated.seconds}s")

    _say("  (b) baseline")
    baseline_out = root / "baseline_indicators.parquet"
    baseline = run_baseline(raw, reference, baseline_out, logs)
    if baseline.returncode != 0:
        raise RuntimeError(f"the baseline failed, see {baseline.log}")
    result.baseline_s, result.baseline_peak_rss_mb = baseline.seconds, baseline.peak_rss_mb
    _say(f"      {baseline.seconds}s, peak {baseline.peak_rss_mb} MB")

    _say("  (a) pipeline, every month")
    full = Layout(root / "full", raw, reference)
    pipeline = run_pipeline(full, "a", logs)
    result.pipeline_ok = pipeline.returncode == 0
    result.pipeline_s, result.peak_rss_mb = pipeline.seconds, pipeline.peak_rss_mb
    _say(f"      {pipeline.seconds}s, peak {pipeline.peak_rss_mb} MB, exit {pipeline.returncode}")
    result.ratio = round(result.pipeline_s / result.baseline_s, 2) if result.baseline_s else 0.0
    result.pipeline_rows_per_s = _rate(result.rows, result.pipeline_s)
    result.baseline_rows_per_s = _rate(result.rows, result.baseline_s)
    if full.warehouse.exists():
        result.warehouse_mb = round(full.warehouse.stat().st_size / 1e6, 1)
        result.correctness = compare_indicators(full.warehouse, baseline_out)
        result.correctness["attended_interactions_generated"] = scale
        _say(f"      (a) == (b): {result.correctness['identical']}")
        export_indicators(full.warehouse, root / "pipeline_indicators.parquet")
    result.profile = safe_profile(full, "a", pipeline)
    if "steps" in result.profile:
        result.report_step_s = round(
            sum(s["total_s"] for s in result.profile["steps"] if s["step"].startswith("report")), 2
        )

    _say(f"  (c) {args.month} with the history loaded")
    with_history = run_pipeline(full, "c", logs, args.month)
    result.one_month_with_history_profile = safe_profile(full, "c", with_history)
    _say(f"      {with_history.seconds}s, exit {with_history.returncode}")

    _say(f"  (d) {args.month} into an empty warehouse")
    alone = Layout(root / "one_month", root / "one_month" / "raw", reference)
    one_month_raw(raw, alone.raw, args.month)
    result.one_month_rows = _month_rows(args.month, alone.raw)
    empty = run_pipeline(alone, "d", logs, args.month)
    result.one_month_empty_profile = safe_profile(alone, "d", empty)
    _say(f"      {empty.seconds}s, exit {empty.returncode}")
    result.one_month_with_history_s, result.one_month_empty_s = with_history.seconds, empty.seconds
    result.one_month_with_history_peak_rss_mb = with_history.peak_rss_mb
    result.one_month_empty_peak_rss_mb = empty.peak_rss_mb
    result.one_month_ratio = round(with_history.seconds / empty.seconds, 2) if empty.seconds else 0.0
    result.one_month_with_history_rows_per_s = _rate(result.one_month_rows, with_history.seconds)
    result.one_month_empty_rows_per_s = _rate(result.one_month_rows, empty.seconds)
    if alone.warehouse.exists() and (root / "pipeline_indicators.parquet").exists():
        result.one_month_correctness = compare_indicators(
            alone.warehouse, root / "pipeline_indicators.parquet", args.month
        )
        result.one_month_correctness["compared_with"] = "(a)'s marts.indicators_monthly for the month"
    result.measurements = {
        "generate": asdict(generated),
        "pipeline": asdict(pipeline),
        "baseline": asdict(baseline),
        "one_month_with_history": asdict(with_history),
        "one_month_empty": asdict(empty),
    }
    if not args.keep:
        for folder in (root / "dataset", full.root / "warehouse", alone.root):
            shutil.rmtree(folder, ignore_errors=True)
    return result


def fixed_overhead(data: Path, args: argparse.Namespace) -> dict:
    """The pipeline on one tiny month (a few hundred rows) into an empty warehouse."""
    root = data / "fixed_overhead"
    shutil.rmtree(root, ignore_errors=True)
    logs = root / "logs"
    generated = run_generate(OVERHEAD_ROWS, root / "dataset", args.month, args.month, logs)
    if generated.returncode != 0:
        raise RuntimeError(f"generate.py failed, see {generated.log}")
    manifest = json.loads((root / "dataset" / "manifest.json").read_text(encoding="utf-8"))
    layout = Layout(root / "run", root / "dataset" / "raw", root / "dataset" / "reference")
    run = run_pipeline(layout, "overhead", logs)
    steps = safe_profile(layout, "overhead", run)
    if not args.keep:
        shutil.rmtree(layout.root / "warehouse", ignore_errors=True)
    return {"rows": manifest["rows"], "measurement": asdict(run), "profile": steps}


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def write_results(
    out: Path, info: dict, code: dict, overhead: dict | None, scales: dict[int, ScaleResult], args
) -> None:
    results = {
        "generated_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": info,
        "code": code,
        "months": f"{args.start}..{args.end}",
        "one_month": args.month,
        "targets": TARGETS,
        "fixed_overhead_s": overhead["measurement"]["seconds"] if overhead else None,
        "fixed_overhead": overhead,
        "scales": {str(scale): asdict(result) for scale, result in scales.items()},
    }
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    (out / "results.md").write_text(render_markdown(results), encoding="utf-8")


def _one_month_steps(r: dict) -> list[str]:
    """(c) and (d) side by side, step by step."""
    c = {s["step"]: s["total_s"] for s in (r.get("one_month_with_history_profile") or {}).get("steps", [])}
    d = {s["step"]: s["total_s"] for s in (r.get("one_month_empty_profile") or {}).get("steps", [])}
    if not c or not d:
        return []
    lines = [
        "",
        f"{r['one_month']} with the history loaded (c) and alone (d), step by step:",
        "",
        "| step | (c) s | (d) s |",
        "|---|---:|---:|",
    ]
    for step in sorted(set(c) | set(d), key=lambda k: -max(c.get(k, 0), d.get(k, 0))):
        lines.append(f"| {step} | {_fmt(c.get(step, 0))} | {_fmt(d.get(step, 0))} |")
    cp = {p["phase"]: p["seconds"] for p in r["one_month_with_history_profile"].get("phases", [])}
    dp = {p["phase"]: p["seconds"] for p in r["one_month_empty_profile"].get("phases", [])}
    for phase in cp:
        if not phase.endswith(": run"):
            lines.append(f"| *{phase}* | {_fmt(cp.get(phase, 0))} | {_fmt(dp.get(phase, 0))} |")
    return lines


def _code_text(code: dict) -> str:
    commit = code.get("commit", "?")[:12]
    if code.get("source") == "worktree":
        changes = code.get("uncommitted_changes") or []
        extra = f", with uncommitted changes to {', '.join(changes)}" if changes else ""
        return f"the repository at commit {commit}{extra}"
    return f"a snapshot of commit {commit} (`--code {code.get('source')}`)"


def render_markdown(results: dict) -> str:
    info = results["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `bench/run.py` on {results['generated_at']}; months {results['months']}, "
        f"one-month runs on {results['one_month']}. How to read it: docs/benchmark.md.",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB RAM, {info['os']}.",
        f"Versions: {versions}.",
        f"Pipeline code: {_code_text(results['code'])}.",
        "",
        "| scale (attended interactions) | raw rows | (a) pipeline s | (b) baseline s | a/b | "
        "(a) rows/s | (b) rows/s | peak RSS (a) MB | (c) month with history s | (d) month alone s | c/d | "
        "(a) == (b) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for scale, r in results["scales"].items():
        same = r["correctness"].get("identical")
        lines.append(
            f"| {int(scale):,} | {r['rows']:,} | {_fmt(r['pipeline_s'])} | {_fmt(r['baseline_s'])} | "
            f"{_fmt(r['ratio'], 2)} | {_fmt(r['pipeline_rows_per_s'], 0)} | {_fmt(r['baseline_rows_per_s'], 0)} | "
            f"{_fmt(r['peak_rss_mb'], 0)} | {_fmt(r['one_month_with_history_s'])} | {_fmt(r['one_month_empty_s'])} | "
            f"{_fmt(r['one_month_ratio'], 2)} | {'yes' if same else 'NO'} |"
        )
    overhead = results["fixed_overhead"]
    if overhead:
        lines += [
            "",
            f"Fixed overhead (the pipeline on one tiny month, {overhead['rows']} raw rows, empty warehouse): "
            f"**{_fmt(overhead['measurement']['seconds'])} s**, peak RSS "
            f"{_fmt(overhead['measurement']['peak_rss_mb'], 0)} MB.",
        ]
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---:|:---:|"]
    targets = results["targets"]
    largest = max(results["scales"], key=int) if results["scales"] else None
    if largest:
        r = results["scales"][largest]
        at = f" at {int(largest):,}"
        lines.append(
            f"| (a)/(b) <= {targets['ratio_at_10m']:g}{at} | {_fmt(r['ratio'], 2)} | "
            f"{'yes' if r['ratio'] <= targets['ratio_at_10m'] else 'no'} |"
        )
    if overhead:
        seconds = overhead["measurement"]["seconds"]
        lines.append(
            f"| fixed overhead <= {targets['fixed_overhead_s']:g} s | {_fmt(seconds)} s | "
            f"{'yes' if seconds <= targets['fixed_overhead_s'] else 'no'} |"
        )
    for scale, r in results["scales"].items():
        lines.append(
            f"| (c) within {targets['one_month_ratio']:g}x of (d) at {int(scale):,} | {_fmt(r['one_month_ratio'], 2)}x | "
            f"{'yes' if r['one_month_ratio'] <= targets['one_month_ratio'] else 'no'} |"
        )
    if largest:
        r = results["scales"][largest]
        lines.append(
            f"| peak memory <= 4 GB at {int(largest):,} | {_fmt(r['peak_rss_mb'], 0)} MB | "
            f"{'yes' if r['peak_rss_mb'] <= targets['peak_rss_mb_at_10m'] else 'no'} |"
        )
    lines += ["", "## Details per scale", ""]
    for scale, r in results["scales"].items():
        c, m = r["correctness"], r["one_month_correctness"]
        lines += [
            f"### {int(scale):,} attended interactions",
            "",
            f"- data: {r['rows']:,} raw rows in {r['files']} files, {r['raw_mb']} MB, generated in "
            f"{r['generate_s']} s; warehouse after (a): {r['warehouse_mb']} MB",
            f"- (a) exit {'0' if r['pipeline_ok'] else 'non-zero'}; (b) peak RSS "
            f"{_fmt(r['baseline_peak_rss_mb'], 0)} MB; "
            + (
                f"the report step ran in (a) ({r['report_step_s']} s, included in (a)'s time: "
                "ANM_SKIP_REPORT is not honoured by this pipeline code)"
                if r.get("report_step_s")
                else "no report step ran in (a)"
                if r.get("report_step_s") == 0
                else "whether a report step ran is unknown (no profile)"
            ),
            f"- (a) vs (b): {c.get('rows_pipeline')} vs {c.get('rows_baseline')} rows, "
            f"{c.get('only_in_pipeline')} only in (a), {c.get('only_in_baseline')} only in (b); "
            f"attended interactions in the mart {c.get('attended_interactions_in_mart', 0):,} "
            f"(generated {int(scale):,})",
            f"- {r['one_month']}: {r['one_month_rows']:,} raw rows; (c) {r['one_month_with_history_s']} s "
            f"({_fmt(r['one_month_with_history_rows_per_s'], 0)} rows/s, peak "
            f"{_fmt(r['one_month_with_history_peak_rss_mb'], 0)} MB), (d) {r['one_month_empty_s']} s "
            f"({_fmt(r['one_month_empty_rows_per_s'], 0)} rows/s, peak "
            f"{_fmt(r['one_month_empty_peak_rss_mb'], 0)} MB); (d)'s figures for the month equal (a)'s: "
            f"{'yes' if m.get('identical') else 'NO'}",
        ]
        measured = r.get("measurements") or {}
        if measured:
            lines += [
                "",
                "| measurement | wall s | CPU s (its processes) | CPU s used by other processes meanwhile | "
                "peak RSS MB |",
                "|---|---:|---:|---:|---:|",
            ]
            lines += [
                f"| {name} | {m['seconds']} | {m.get('cpu_s', 0)} | {m.get('other_cpu_s', 0)} | "
                f"{_fmt(m['peak_rss_mb'], 0)} |"
                for name, m in measured.items()
            ]
        p = r.get("profile") or {}
        if p.get("steps"):
            lines += [
                "",
                f"Where (a)'s {_fmt(p['wall_s'])} s went (Dagster steps summed over "
                f"{sum(j['count'] for j in p['runs'].values())} runs; "
                f"{_fmt(p['outside_runs_s'])} s outside runs: process start-up, imports, run set-up, summary):",
                "",
                "| step | runs | total s | mean s | max s | share of (a) |",
                "|---|---:|---:|---:|---:|---:|",
            ]
            for s in p["steps"]:
                lines.append(
                    f"| {s['step']} | {s['runs']} | {_fmt(s['total_s'])} | {_fmt(s['mean_s'], 2)} | "
                    f"{_fmt(s['max_s'], 2)} | {s['share_of_wall']:.1%} |"
                )
            if p.get("phases"):
                lines += ["", "Phases of (a):", "", "| phase | s |", "|---|---:|"]
                lines += [f"| {ph['phase']} | {_fmt(ph['seconds'])} |" for ph in p["phases"]]
            split = p.get("dbt_step_split") or {}
            if split:
                lines += [
                    "",
                    f"The dbt step: {_fmt(split['cli_s'])} s until the dbt command had finished, then "
                    f"{_fmt(split['events_s'])} s emitting its {split['materializations']:,} materialisation "
                    "events and the dbt tests' check evaluations, with the marts' metadata.",
                ]
            d = p["dbt"]
            kinds = ", ".join(
                f"{k} {_fmt(v)} s ({d['nodes_by_kind'].get(k, 0)} node runs)"
                for k, v in d["node_seconds_by_kind"].items()
            )
            lines += [
                "",
                f"dbt: {d['invocations']} invocation(s), {_fmt(d['elapsed_s'])} s inside dbt's own timer "
                f"of {_fmt(d['step_s'])} s in the dbt step ({_fmt(d['outside_dbt_elapsed_s'])} s of start-up, "
                f"parsing, event streaming and mart metadata); node time (summed over dbt's 4 threads): {kinds}. "
                "Slowest nodes:",
                "",
            ]
            lines += [f"- `{n['node']}` {_fmt(n['total_s'])} s" for n in d["top_nodes"][:10]]
        lines += _one_month_steps(r)
        lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1000000,10000000", help="attended interactions, comma-separated")
    parser.add_argument("--out", type=Path, default=BENCH, help="results.json/.md here; data in <out>/data/")
    parser.add_argument("--start", default="2021-01", help="first month (YYYY-MM)")
    parser.add_argument("--end", default="2025-12", help="last month (YYYY-MM)")
    parser.add_argument("--month", default="2025-06", help="the month of the one-month runs (c) and (d)")
    parser.add_argument(
        "--code",
        default="worktree",
        help="the pipeline code to measure: 'worktree' (the repository as it is) or a git revision, "
        "run from a snapshot so edits made meanwhile do not disturb a long run",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=300.0,
        help="seconds each measurement may wait for other processes to go idle (0: do not wait)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the data sets and warehouses")
    parser.add_argument("--no-overhead", action="store_true", help="skip the fixed-overhead run")
    args = parser.parse_args(argv)
    scales = [int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()]
    out = args.out.resolve()
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    info = machine()
    QUIET["wait_s"] = args.quiet_wait
    code = use_code(args.code, data)
    _say(f"pipeline code: {code}")
    _say(f"{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; scales {scales}")
    overhead = None
    done: dict[int, ScaleResult] = {}
    if not args.no_overhead:
        _say("fixed overhead: one tiny month")
        overhead = fixed_overhead(data, args)
        _say(f"  {overhead['measurement']['seconds']}s")
        write_results(out, info, code, overhead, done, args)
    for scale in scales:
        done[scale] = run_scale(scale, data, args)
        write_results(out, info, code, overhead, done, args)
    failures = [
        f"scale {scale}: (a) and (b) differ"
        for scale, r in done.items()
        if not r.correctness.get("identical")
    ]
    failures += [f"scale {scale}: the pipeline failed" for scale, r in done.items() if not r.pipeline_ok]
    for line in failures:
        print(f"error: {line}", file=sys.stderr)
    _say(f"results in {out / 'results.md'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
