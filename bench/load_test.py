"""Load on the HTTP API over loopback: 1 client (the baseline), then many at once.

    PYTHONPATH=src .venv/bin/python bench/load_test.py [--seconds 60] [--clients 50] [--events 100000]
        [--db bench-load.sqlite]

Fills a SQLite store with generated events (``bench/store_latency.py``'s generator; an existing
file of the right size is reused), starts ``eventdesk serve`` on it on a free loopback port, and
runs asyncio clients (httpx, one connection each) for ``--seconds`` each time, every client
looping over a seeded mix: GET /events with random filters (category, country, dates, actor,
CAMEO prefix, box, newest first, a later page), /events/{id}, /stats (filtered), /actors. Prints
requests, errors (any non-200 or failed request), req/s and p50/p95/p99 latency for the baseline
and the loaded run, with the ratio. The goal (issue 9): no errors with 50 clients for 60 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_latency import CATEGORIES, COUNTRIES, SECTORS, fill

from eventdesk.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def request_mix(rng: random.Random, event_ids: list[str]) -> tuple[str, dict[str, Any]]:
    """One request of the mix: (path, query parameters)."""
    roll = rng.random()
    if roll < 0.55:
        params: dict[str, Any] = {"limit": 100}
        for name, value in (("category", rng.choice(CATEGORIES)), ("country", rng.choice(COUNTRIES)),
                            ("actor", rng.choice(COUNTRIES) + rng.choice(SECTORS)),
                            ("cameo", f"{rng.randrange(1, 21):02d}"),
                            ("since", f"202{rng.randrange(5)}-0{rng.randrange(1, 10)}-01"),
                            ("bbox", "35,31,35.5,31.5"), ("sort", "-date")):
            if rng.random() < 0.25:
                params[name] = value
        return "/events", params
    if roll < 0.8:
        return f"/events/{rng.choice(event_ids)}", {}
    if roll < 0.9:
        year = 2020 + rng.randrange(5)
        return "/stats", {"category": rng.choice(CATEGORIES), "since": f"{year}-01-01", "until": f"{year}-03-31"}
    return "/actors", {"limit": 20}


async def client_loop(base: str, seed: int, until: float, event_ids: list[str], tally: Tally) -> None:
    rng = random.Random(seed)
    # An idle connection is dropped by the client before the server's keep-alive timeout (uvicorn: 5 s)
    # could close it under a request being sent; the timeout is generous for a shared, loaded machine.
    limits = httpx.Limits(max_connections=1, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        while time.monotonic() < until:
            path, params = request_mix(rng, event_ids)
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                if response.status_code != 200:
                    tally.errors.append(f"{path} {params}: {response.status_code} {response.text[:120]}")
                else:
                    body = response.json()
                    if path == "/events" and body["next_cursor"] and rng.random() < 0.3:
                        response = await client.get(path, params={**params, "cursor": body["next_cursor"]})
                        if response.status_code != 200:
                            tally.errors.append(f"{path} next page: {response.status_code}")
            except httpx.HTTPError as err:
                tally.errors.append(f"{path} {params}: {type(err).__name__} {err}")
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)


async def load(base: str, clients: int, seconds: float, event_ids: list[str]) -> tuple[Tally, float]:
    tally = Tally()
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client_loop(base, seed, until, event_ids, tally) for seed in range(clients)))
    return tally, time.monotonic() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-c", "from eventdesk.cli import main; main()", "serve", "--db", db,
               "--port", str(port)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/actors?limit=1", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"eventdesk serve exited: {server.stderr.read().decode() if server.stderr else ''}")
    server.kill()
    raise SystemExit("eventdesk serve did not answer within 60 s")


def row(name: str, tally: Tally, elapsed: float, baseline: float | None) -> str:
    times = sorted(tally.latencies_ms)
    cuts = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    rate = len(times) / elapsed
    ratio = f"{rate / baseline:6.2f}" if baseline else f"{1:6.2f}"
    return (f"{name:<12} {len(times):>9} {len(tally.errors):>7} {rate:>8.1f} {ratio} {statistics.median(times):>8.1f} "
            f"{cuts[94]:>8.1f} {cuts[98]:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="bench-load.sqlite", help="SQLite file (reused when full)")
    args = parser.parse_args()
    store = open_store(args.db)
    if store.count()[1] != args.events:
        store.close()
        Path(args.db).unlink()
        store = open_store(args.db)
        fill(store, args.events)
    event_ids = [f"ev{random.Random(n).randrange(args.events):08d}" for n in range(1000)]
    store.close()
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        runs = [("1 client", asyncio.run(load(base, 1, args.seconds, event_ids))),
                (f"{args.clients} clients", asyncio.run(load(base, args.clients, args.seconds, event_ids)))]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    print(f"{args.events} events, {args.seconds:.0f} s per run, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"{'run':<12} {'requests':>9} {'errors':>7} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8}")
    baseline = None
    for name, (tally, elapsed) in runs:
        print(row(name, tally, elapsed, baseline))
        baseline = baseline or len(tally.latencies_ms) / elapsed
    for _, (tally, _) in runs:
        for error in tally.errors[:5]:
            print("error:", error)


if __name__ == "__main__":
    main()
