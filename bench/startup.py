"""Dashboard start-up: from ``streamlit run`` to the health endpoint and the page answering."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from bench.procs import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return response.status
    except OSError:
        return 0


def measure_startup(env: dict, timeout: float = 60) -> dict:
    """Seconds until /_stcore/health answers 200, then until the page itself is served."""
    port = free_port()
    args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    args += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
    base = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    child = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        health = page = None
        while time.perf_counter() - start < timeout and child.poll() is None:
            if health is None and _get(f"{base}/_stcore/health") == 200:
                health = time.perf_counter() - start
            if health is not None and _get(f"{base}/") == 200:
                page = time.perf_counter() - start
                break
            time.sleep(0.05)
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    return {
        "health_s": health,
        "page_s": page,
        "note": "HTTP only: the page's script first runs when a browser session connects "
        "(see pages.first_run_s for that run under AppTest)",
    }
