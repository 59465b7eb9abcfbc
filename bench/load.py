"""``python -m bench.load --db FILE``: concurrent sessions against a real ``streamlit run``.

Starts ``streamlit run app.py`` on a localhost port with ``DIGEST_DB`` set, then
opens N browser-like sessions (Streamlit's own websocket protocol: a
``rerun_script`` BackMsg per page view, ForwardMsgs until ``script_finished``),
each cycling through every page for the given time. Prints renders/s, latency,
errors (exception elements, failed runs, dropped connections) and the server's
RSS sampled once a second; ``--json`` writes the same figures to a file.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
# URL path of every page (dashboard/shell.py; "" = the default page, as a browser asks).
PAGES = ("", "categories", "outlets", "companies", "figures", "search", "weekly", "data")


NOTICES = {"page_not_found": 0}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "digests.duckdb")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8599)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    return parser


def start_server(db_path: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DIGEST_DB": str(db_path), "PYTHONPATH": str(ROOT)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_healthy(port: int, server: subprocess.Popen, timeout: float = 60) -> float:
    """Seconds until /_stcore/health answers 200."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited: {server.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return time.monotonic() - start
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


def rerun(page: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = ""
    return msg.SerializeToString()


async def view(ws, page: str) -> tuple[float, list[str]]:
    """Ask for one page; (seconds until the run finished, the errors it showed)."""
    start = time.monotonic()
    await ws.send(rerun(page))
    errors: list[str] = []
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                errors.append(f"{page}: {element.exception.type}: {element.exception.message}")
        elif kind == "page_not_found":
            # Sent on a session's first run of a deep link by the legacy pages/ router,
            # before st.navigation picks the right page: counted apart, not an error.
            NOTICES["page_not_found"] += 1
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                errors.append(f"{page}: compile error")
            return time.monotonic() - start, errors


async def session(n: int, port: int, until: float, stats: dict) -> None:
    uri = f"ws://127.0.0.1:{port}/_stcore/stream"
    i = 0  # a fresh browser lands on the default page, then cycles
    try:
        async with websockets.connect(
            uri, subprotocols=["streamlit"], max_size=None, open_timeout=30
        ) as ws:
            while time.monotonic() < until:
                page = PAGES[(n + i) % len(PAGES)] if i else PAGES[0]
                seconds, errors = await asyncio.wait_for(view(ws, page), timeout=120)
                stats["latencies"].append(seconds)
                stats["errors"] += len(errors)
                stats["failures"] += [e[:300] for e in errors]
                stats["renders"] += 1
                stats["per_page"][page] = stats["per_page"].get(page, 0) + 1
                i += 1
    except Exception as err:  # noqa: BLE001 - a dropped session is a measured error
        stats["errors"] += 1
        stats["failures"].append(f"session {n}: {type(err).__name__}: {err}"[:300])


def rss_mb(proc: psutil.Process) -> float:
    procs = [proc, *proc.children(recursive=True)]
    return sum(p.memory_info().rss for p in procs if p.is_running()) / 2**20


async def sample_rss(proc: psutil.Process, until: float, samples: list) -> None:
    start = time.monotonic()
    while time.monotonic() < until:
        samples.append((round(time.monotonic() - start, 1), round(rss_mb(proc), 1)))
        await asyncio.sleep(1)


async def drive(port: int, sessions: int, seconds: float, proc: psutil.Process) -> dict:
    stats = {"renders": 0, "errors": 0, "latencies": [], "per_page": {}, "failures": []}
    samples: list[tuple[float, float]] = []
    until = time.monotonic() + seconds
    start = time.monotonic()
    await asyncio.gather(
        sample_rss(proc, until, samples),
        *(session(n, port, until, stats) for n in range(sessions)),
    )
    stats["elapsed"] = time.monotonic() - start
    stats["rss"] = samples
    return stats


def summarise(stats: dict, args: argparse.Namespace, rss_idle: float, ready: float) -> dict:
    lat = sorted(stats["latencies"]) or [0.0]
    rss = [mb for _, mb in stats["rss"]] or [rss_idle]
    return {
        "db": str(args.db),
        "sessions": args.sessions,
        "seconds": round(stats["elapsed"], 1),
        "server_ready_s": round(ready, 2),
        "renders": stats["renders"],
        "renders_per_s": round(stats["renders"] / stats["elapsed"], 2),
        "errors": stats["errors"],
        "failures": stats["failures"][:10],
        "page_not_found_notices": NOTICES["page_not_found"],
        "latency_s": {
            "p50": round(statistics.median(lat), 3),
            "p95": round(lat[int(0.95 * (len(lat) - 1))], 3),
            "max": round(lat[-1], 3),
        },
        "rss_mb": {
            "idle": round(rss_idle, 1),
            "start": rss[0],
            "max": max(rss),
            "end": rss[-1],
        },
        "rss_samples": stats["rss"],
        "per_page": stats["per_page"],
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if not args.db.exists():
        print(f"no database at {args.db}", file=sys.stderr)
        return 2
    server = start_server(args.db.resolve(), args.port)
    try:
        ready = wait_healthy(args.port, server)
        proc = psutil.Process(server.pid)
        rss_idle = rss_mb(proc)
        stats = asyncio.run(drive(args.port, args.sessions, args.seconds, proc))
        result = summarise(stats, args, rss_idle, ready)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    brief = {k: v for k, v in result.items() if k != "rss_samples"}
    print(json.dumps(brief, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
