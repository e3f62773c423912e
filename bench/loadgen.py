"""An open-loop, fixed-rate HTTP load generator (the wrk2 idea, in plain asyncio).

Requests are *scheduled* at a fixed rate whatever the server does, and each latency is
measured from the scheduled send time, not from when a connection happened to be free: a
server that stalls for a second is charged that second on every request that should have
gone out meanwhile (no "coordinated omission"). Each request uses its own connection and
asks for ``Connection: close``, as gunicorn's sync workers close after every response.
Several processes share the rate so that one Python process is not the bottleneck.
"""

import asyncio
import multiprocessing
import re
import time
from dataclasses import dataclass, field

REQUEST_TIMEOUT = 10.0
MAX_IN_FLIGHT = 1000
STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3})")


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    # 503s that carry Retry-After: shed by the site (core/overload.py), not by a proxy.
    shed: int = 0
    duration: float = 0.0

    def merge(self, other: "Result") -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.shed += other.shed
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.duration = max(self.duration, other.duration)

    def percentile(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.duration if self.duration else 0.0


def build_request(
    method: str, path: str, host: str, *, body: bytes = b"", headers: dict | None = None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if method == "POST":
        lines += [
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(body)}",
        ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def send(address: tuple[str, int], request: bytes) -> tuple[int, bytes]:
    """One request on a new connection: (status, whole response)."""
    reader, writer = await asyncio.open_connection(*address)
    try:
        writer.write(request)
        await writer.drain()
        response = await reader.read(-1)
    finally:
        writer.close()
    match = STATUS_LINE.match(response)
    return (int(match[1]) if match else 0), response


async def send_and_record(address, request, scheduled: float, result: Result, expect: int) -> bool:
    """Send one request and charge its latency, from the moment it was scheduled, to
    ``result``; a timeout or a status other than ``expect`` is an error. True if it was not."""
    try:
        status, response = await asyncio.wait_for(send(address, request), REQUEST_TIMEOUT)
    except (OSError, TimeoutError):
        status, response = 0, b""
    result.latencies.append(time.perf_counter() - scheduled)
    result.statuses[status] = result.statuses.get(status, 0) + 1
    if status == 503 and b"\r\nretry-after:" in response.split(b"\r\n\r\n", 1)[0].lower():
        result.shed += 1
    if status != expect:
        result.errors += 1
    return status == expect


async def _one(address, request, scheduled, result, expect, in_flight):
    async with in_flight:
        await send_and_record(address, request, scheduled, result, expect)


async def _run_open_loop(address, requests, rate, duration, expect) -> Result:
    result = Result()
    in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
    start = time.perf_counter()
    tasks = []
    total = int(rate * duration)
    for index in range(total):
        scheduled = start + index / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        request = requests[index % len(requests)]
        tasks.append(
            asyncio.create_task(_one(address, request, scheduled, result, expect, in_flight))
        )
    await asyncio.gather(*tasks)
    result.duration = duration
    return result


def _process(args) -> Result:
    return asyncio.run(_run_open_loop(*args))


def open_loop(
    address: tuple[str, int],
    requests: list[bytes],
    *,
    rate: float,
    duration: float,
    expect: int = 200,
    processes: int = 2,
) -> Result:
    """Send ``requests`` (cycled) at ``rate`` per second for ``duration`` seconds."""
    share = rate / processes
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        parts = pool.map(_process, [(address, requests, share, duration, expect)] * processes)
    merged = Result()
    for part in parts:
        merged.merge(part)
    return merged
