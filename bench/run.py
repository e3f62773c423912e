"""`make bench`: build the benchmark database, serve the site the production way and load it.

Steps (see bench/README.md): a fresh PostgreSQL database, migrations, `python -m bench.data`,
collectstatic, Redis flushed, gunicorn with gunicorn.conf.py (DEBUG off, whitenoise); then
from this process: the ceiling of each page with wrk (closed loop), its latency at a fixed
share of that ceiling with an open-loop generator (bench/loadgen.py), queries per request
with the test client, the same again for uncached pages (the page cache bypassed), and the
signing path (sign POST, confirmation link from the mail folder, confirm POST) at a fixed
rate with distinct signers, and an overload: 400 signers a second through HAProxy, which
stamps X-Request-Start, counting what the site accepted, shed (503) and lost. `--only`
runs one part. Results are printed and written to bench/results/.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
RESULTS = ROOT / "bench" / "results"
PETITION = "free-the-strikers"
CACHED_PAGES = [
    ("home", "/"),
    ("news list", "/news/"),
    ("article", "/news/strike-report-7/"),
    ("video list", "/videos/"),
    ("video", "/videos/interview-3/"),
    ("prisoner list", "/prisoners/"),
    ("profile", "/prisoners/prisoner-004/"),
    ("petition", f"/petitions/{PETITION}/"),
    ("count.json", f"/petitions/{PETITION}/count.json"),
]
UNCACHED_PAGES = [
    ("home", "/"),
    ("article", "/news/strike-report-7/"),
    ("profile", "/prisoners/prisoner-004/"),
    ("petition", f"/petitions/{PETITION}/"),
    ("search", "/search/?q=lawyer"),
]
CONFIRM_LINK = re.compile(rb"/petitions/[\w-]+/confirm/[A-Za-z0-9_-]+/")
# What Django's file mailer writes between two messages.
MESSAGE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# The overload part's proxy: the X-Request-Start line is the one README's *Surges* gives.
# As deploy/haproxy.cfg: the server takes no more requests at a time than it has workers,
# so the queue is HAProxy's, where the arrival time is stamped, not the kernel's: a request
# that waited past REQUEST_QUEUE_TIMEOUT_MS reaches a worker and is shed with the form kept;
# one still queued after `timeout queue` gets HAProxy's own fast 503 (deploy/busy.html).
HAPROXY_CONFIG = """\
global
    maxconn 8000
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    timeout queue 3s
    http-error status 503 content-type "text/html; charset=utf-8" file {busy_page} hdr Retry-After 5
frontend bench
    bind 127.0.0.1:{port}
    option forwardfor
    http-request set-header X-Request-Start t=%[date(0,ms)]
    default_backend web
backend web
    server gunicorn {server} maxconn {workers}
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs, a smaller petition")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="campaign_bench")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--signing-rate", type=float, default=150.0)
    parser.add_argument("--overload-rate", type=float, default=400.0)
    parser.add_argument("--overload-seconds", type=int, default=30)
    parser.add_argument(
        "--only",
        choices=["signing", "overload", "uncached"],
        help="run only this part (after building the data), not the page measurements",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    args.ceiling_seconds = 3 if args.quick else 8
    args.latency_seconds = 5 if args.quick else 15
    args.signing_seconds = 10 if args.quick else 60
    args.signatures = 20_000 if args.quick else 200_000
    return args


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="campaign-bench-"))
        self.mail = self.work / "mail"
        self.mail.mkdir()
        base = args.postgres.rsplit("/", 1)[0]
        self.database_url = f"{base}/{args.database}"
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
            "DATABASE_URL": self.database_url,
            "CACHE_URL": args.redis,
            "SITE_URL": f"http://127.0.0.1:{args.port}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "media"),
            "EMAIL_URL": f"filemail://{self.mail}",
            # As in production: confirmation emails are queued and sent by a db_worker that
            # runs beside gunicorn on the same cores, so their cost is counted.
            "TASKS_BACKEND": "database",
            # Every benchmark signer comes from 127.0.0.1; real ones do not.
            "SIGNATURE_RATE_LIMIT": "0",
            "PORT": str(args.port),
            "LOG_LEVEL": "WARNING",
        }
        self.server = None
        self.proxy = None
        self.worker = None
        self.address = ("127.0.0.1", args.port)
        self.host = f"127.0.0.1:{args.port}"
        self.report = {"machine": machine(), "args": vars(args).copy()}

    # ---- setup ----

    def manage(self, *command, env=None):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env or self.env, check=True)

    def build(self):
        with psycopg.connect(self.args.postgres, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.args.database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.args.database}"')
        step("migrate")
        self.manage("migrate", "--noinput", "-v0")
        step("bench_data")
        subprocess.run(
            [PYTHON, "-m", "bench.data", "--signatures", str(self.args.signatures)],
            cwd=ROOT,
            env=self.env,
            check=True,
        )
        self.db("ANALYZE")
        step("collectstatic")
        self.manage("collectstatic", "--noinput", "-v0")

    def db(self, sql, *params):
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            cursor = connection.execute(sql, params or None)
            return cursor.fetchall() if cursor.description else None

    def flush_redis(self):
        import redis

        redis.Redis.from_url(self.args.redis).flushdb()

    def start(self, **overrides):
        self.flush_redis()
        env = {**self.env, **overrides}
        log = open(self.work / "gunicorn.log", "ab")  # noqa: SIM115 - closed with the server
        self.server = subprocess.Popen(
            [GUNICORN, "campaign.wsgi", "-c", "gunicorn.conf.py", "--bind", self.host],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{self.host}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not start; see {self.work / 'gunicorn.log'}")

    def start_worker(self):
        """The confirmations' db_worker, as compose.yaml runs it."""
        log = open(self.work / "db_worker.log", "ab")  # noqa: SIM115 - closed with the worker
        self.worker = subprocess.Popen(
            [
                PYTHON,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )

    def stop(self):
        if self.worker:
            os.killpg(self.worker.pid, signal.SIGTERM)
            self.worker.wait(timeout=30)
            self.worker = None
        if self.proxy:
            os.killpg(self.proxy.pid, signal.SIGTERM)
            self.proxy.wait(timeout=10)
            self.proxy = None
        if self.server:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=30)
            self.server = None

    def start_proxy(self) -> tuple[str, int]:
        """HAProxy in front of gunicorn, stamping each request as it arrives (the lines
        README's *Surges* gives); its address."""
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not Path(haproxy).exists():
            raise SystemExit("the overload part needs HAProxy: apt-get install -y haproxy")
        port = self.args.port + 1
        config = self.work / "haproxy.cfg"
        # gunicorn.conf.py's default worker count; threads stay at one.
        workers = int(self.env.get("WEB_CONCURRENCY") or min((os.cpu_count() or 1) * 2 + 1, 12))
        config.write_text(
            HAPROXY_CONFIG.format(
                port=port,
                server=self.host,
                workers=workers,
                busy_page=ROOT / "deploy" / "busy.html",
            )
        )
        log = open(self.work / "haproxy.log", "ab")  # noqa: SIM115 - closed with the proxy
        self.proxy = subprocess.Popen(
            [haproxy, "-db", "-f", str(config)],
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    return ("127.0.0.1", port)
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"HAProxy did not start; see {self.work / 'haproxy.log'}")

    def static_css_path(self) -> str:
        manifest = json.loads((self.work / "static" / "staticfiles.json").read_text())
        return "/static/" + manifest["paths"]["css/site.css"]

    # ---- measuring ----

    def ceiling(self, path: str, headers: dict | None = None) -> dict:
        """Closed-loop maximum with wrk: the most requests per second the stack answers."""
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c32",
                f"-d{self.args.ceiling_seconds}s",
                *[f"-H{name}: {value}" for name, value in (headers or {}).items()],
                f"http://{self.host}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        return {
            "max_rps": rate,
            "wrk_non_2xx": int(non_2xx[1]) if non_2xx else 0,
            "wrk_socket_errors": socket_errors[1] if socket_errors else "",
        }

    def latency(self, path: str, rate: float, headers: dict | None = None) -> dict:
        request = loadgen.build_request("GET", path, self.host, headers=headers)
        result = loadgen.open_loop(
            self.address, [request], rate=rate, duration=self.args.latency_seconds
        )
        return summary(result)

    def query_counts(self, paths, env) -> dict:
        output = subprocess.run(
            [PYTHON, "bench/query_counts.py", *paths],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    def pages(self, pages, *, share: float, label: str, env, headers=None) -> list[dict]:
        counts = self.query_counts([path for _, path in pages], env)
        rows = []
        static = self.report["static"]["max_rps"]
        for name, path in pages:
            step(f"{label}: {name}")
            warm = loadgen.build_request("GET", path, self.host, headers=headers)
            loadgen.open_loop(self.address, [warm], rate=20, duration=1)  # caches and workers
            ceiling = self.ceiling(path, headers)
            rate = max(1.0, ceiling["max_rps"] * share)
            rows.append(
                {
                    "page": name,
                    "path": path,
                    **ceiling,
                    "ratio_to_static": ceiling["max_rps"] / static,
                    "load_rps": rate,
                    **self.latency(path, rate, headers),
                    "queries_first": counts["first"][path],
                    "queries_repeat": counts["repeat"][path],
                }
            )
            print(format_row(rows[-1]), flush=True)
        return rows

    def signing(self) -> dict:
        step(f"signing at {self.args.signing_rate}/s for {self.args.signing_seconds}s")
        self.start_worker()
        before = self.petition_counts()
        signing = Signing(self, rate=self.args.signing_rate, seconds=self.args.signing_seconds)
        result = asyncio.run(signing.run())
        # Requests the client gave up on may still be queued in gunicorn: a graceful stop
        # lets them finish before the count is compared with the rows.
        self.stop()
        after = self.petition_counts()
        result.update(
            {
                "rows_before": before["rows"],
                "count_after": after["count"],
                "rows_after": after["rows"],
                "count_matches_rows": after["count"] == after["rows"],
            }
        )
        return result

    def overload(self) -> dict:
        """Far more signers than the site can take, through HAProxy: each signer is
        accepted (302), shed with the form back (503 with Retry-After) or failed (a proxy's
        503, a timeout). Afterwards every accepted signer must have a row and, having
        followed the link, be counted: an accepted signer who is not is lost."""
        rate, seconds = self.args.overload_rate, self.args.overload_seconds
        self.start(TRUSTED_PROXY_COUNT="1")
        self.start_worker()
        proxy = self.start_proxy()
        step(f"overload: {rate:.0f} signers/s for {seconds}s through HAProxy")
        signing = Signing(self, rate=rate, seconds=seconds, address=proxy)
        result = asyncio.run(signing.run())
        self.stop()  # a graceful stop: whatever gunicorn still holds finishes first
        rows = dict(
            self.db(
                "SELECT s.state, COUNT(*) FROM petitions_signature s JOIN petitions_petition p "
                "ON p.id = s.petition_id WHERE p.slug = %s AND s.email LIKE %s GROUP BY s.state",
                PETITION,
                f"bench-{signing.run_id}-%",
            )
        )
        after = self.petition_counts()
        accepted = result["sign"]["statuses"].get("302", 0)
        confirmed = rows.get("confirmed", 0)
        result.update(
            {
                "accepted": accepted,
                "shed": result["sign"]["shed"],
                "failed": result["sign"]["requests"] - accepted - result["sign"]["shed"],
                "rows": sum(rows.values()),
                "rows_confirmed": confirmed,
                "lost": max(0, accepted - confirmed),
                "count_after": after["count"],
                "rows_after": after["rows"],
                "count_matches_rows": after["count"] == after["rows"],
            }
        )
        return result

    def petition_counts(self) -> dict:
        """The petition's count and its confirmed rows, read in one snapshot."""
        count, rows = self.db(
            "SELECT (SELECT SUM(s.count) FROM petitions_signaturecountslot s "
            "JOIN petitions_petition p ON p.id = s.petition_id WHERE p.slug = %s), "
            "(SELECT COUNT(*) FROM petitions_signature s JOIN petitions_petition p "
            "ON p.id = s.petition_id WHERE p.slug = %s AND s.state = 'confirmed')",
            PETITION,
            PETITION,
        )[0]
        return {"count": int(count), "rows": rows}

    def run(self):
        try:
            self.build()
            if self.args.only == "signing":
                self.start()
                self.report["signing"] = self.signing()
            elif self.args.only == "overload":
                self.report["overload"] = self.overload()
            elif self.args.only == "uncached":
                self.uncached()
            else:
                self.measure_all()
        finally:
            self.stop()
            if not self.args.keep:
                with psycopg.connect(self.args.postgres, autocommit=True) as connection:
                    connection.execute(
                        f'DROP DATABASE IF EXISTS "{self.args.database}" WITH (FORCE)'
                    )
            shutil.rmtree(self.work, ignore_errors=True)
        RESULTS.mkdir(exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(self.report, indent=2))
        markdown = render(self.report)
        (RESULTS / f"bench-{stamp}.md").write_text(markdown)
        print("\n" + markdown)

    def measure_all(self):
        self.start()
        step("static ceiling")
        static = self.static_css_path()
        self.report["static"] = {"path": static, **self.ceiling(static)}
        self.report["static"].update(self.latency(static, self.report["static"]["max_rps"] * 0.7))
        print(f"static CSS ceiling: {self.report['static']['max_rps']:.0f} req/s", flush=True)
        self.report["cached"] = self.pages(CACHED_PAGES, share=0.7, label="cached", env=self.env)
        self.report["signing"] = self.signing()
        self.uncached()
        self.report["overload"] = self.overload()

    def uncached(self):
        """A first visit: the page cache bypassed (a messages cookie, as after a form, makes
        the page cache step aside), the site's other caches in Redis as in production."""
        self.start()
        if "static" not in self.report:
            static = self.static_css_path()
            self.report["static"] = {"path": static, **self.ceiling(static)}
        self.report["uncached"] = self.pages(
            UNCACHED_PAGES,
            share=0.5,
            label="uncached",
            env={**self.env, "PAGE_CACHE_SECONDS": "0"},
            headers={"Cookie": "messages=bench-first-visit"},
        )
        self.stop()


class Signing:
    """Distinct signers at a fixed rate: sign POST, then a confirm POST with the link from
    the confirmation email (read from the filemail folder, as a person reads their inbox)."""

    def __init__(self, bench: Bench, *, rate: float, seconds: int, address=None):
        self.bench = bench
        self.rate, self.seconds = rate, seconds
        self.address = address or bench.address
        self.sign = loadgen.Result()
        self.confirm = loadgen.Result()
        self.read_files: set[str] = set()
        self.seen_links: set[bytes] = set()
        self.confirmed = 0

    async def csrf(self) -> tuple[str, str]:
        request = loadgen.build_request("GET", f"/petitions/{PETITION}/", self.bench.host)
        _, response = await loadgen.send(self.address, request)
        # HAProxy passes header names on in lower case.
        cookie = re.search(rb"Set-Cookie: csrftoken=([^;]+)", response, re.I)[1].decode()
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response)[1].decode()
        return cookie, token

    async def post(self, path: str, fields: dict, scheduled: float, result, expect=302):
        body = urlencode({**fields, "csrfmiddlewaretoken": self.token}).encode()
        request = loadgen.build_request(
            "POST",
            path,
            self.bench.host,
            body=body,
            headers={"Cookie": f"csrftoken={self.cookie}", "Origin": f"http://{self.bench.host}"},
        )
        return await loadgen.send_and_record(self.address, request, scheduled, result, expect)

    async def sign_one(self, index: int, scheduled: float):
        fields = {
            "name": f"Bench Signer {index}",
            "email": f"bench-{self.run_id}-{index}@example.org",
            "country": "GB",
            "city": "London",
            "comment": "",
            "show_name": "on",
            "consent_wording": "2026-11",
            "website": "",
        }
        await self.post(f"/petitions/{PETITION}/sign/", fields, scheduled, self.sign)

    async def confirm_one(self, link: bytes, found: float):
        if await self.post(link.decode(), {}, found, self.confirm):
            self.confirmed += 1
            self.confirmed_at.append(time.perf_counter())

    def new_links(self) -> list[bytes]:
        """Links in mail files not read before. Each file is read once, when it holds a
        link (the mailer writes one message per connection, and a file caught half
        written is read again on the next pass); listing the folder costs little."""
        links = []
        with os.scandir(self.bench.mail) as entries:
            for entry in entries:
                if entry.name in self.read_files:
                    continue
                found = confirm_links(Path(entry.path).read_bytes())
                if not found:
                    continue
                self.read_files.add(entry.name)
                for link in found:
                    if link not in self.seen_links:
                        self.seen_links.add(link)
                        links.append(link)
        return links

    async def inbox(self, tasks, stop: asyncio.Event):
        while True:
            now = time.perf_counter()
            for link in self.new_links():
                tasks.append(asyncio.create_task(self.confirm_one(link, now)))
            if stop.is_set() and len(self.seen_links) >= self.sign.statuses.get(302, 0):
                return
            await asyncio.sleep(0.02)

    async def run(self) -> dict:
        self.run_id = int(time.time())
        self.cookie, self.token = await self.csrf()
        self.confirmed_at = []
        rate, seconds = self.rate, self.seconds
        tasks: list[asyncio.Task] = []
        stop = asyncio.Event()
        inbox = asyncio.create_task(self.inbox(tasks, stop))
        start = time.perf_counter()
        for index in range(int(rate * seconds)):
            scheduled = start + index / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(self.sign_one(index, scheduled)))
        await asyncio.gather(*tasks)
        stop.set()
        try:
            await asyncio.wait_for(inbox, 60)
        except TimeoutError:
            print("some confirmation emails never arrived", flush=True)
        await asyncio.gather(*tasks)
        self.sign.duration = self.confirm.duration = seconds
        within = sum(1 for moment in self.confirmed_at if moment - start <= seconds)
        return {
            "rate": rate,
            "seconds": seconds,
            "signers": int(rate * seconds),
            "confirmed": self.confirmed,
            "signatures_per_second": within / seconds,
            "sign": summary(self.sign),
            "confirm": summary(self.confirm),
        }


def confirm_links(mailbox: bytes) -> list[bytes]:
    """The confirmation links in a filemail file (one or more messages, quoted-printable)."""
    links = []
    for raw in mailbox.split(MESSAGE_SEPARATOR):
        if not raw.strip():
            continue
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        if body is not None:
            links += CONFIRM_LINK.findall(body.get_content().encode())
    return links


def summary(result: loadgen.Result) -> dict:
    return {
        "requests": len(result.latencies),
        "achieved_rps": result.rate,
        "p50_ms": result.percentile(0.50) * 1000,
        "p95_ms": result.percentile(0.95) * 1000,
        "p99_ms": result.percentile(0.99) * 1000,
        "errors": result.errors,
        "shed": result.shed,
        "statuses": {str(k): v for k, v in result.statuses.items()},
    }


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    return {"cpus": os.cpu_count(), "cpu": model, "load_before": os.getloadavg()}


def step(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def format_row(row: dict) -> str:
    return (
        f"| {row['page']} | {row['max_rps']:.0f} | {row['ratio_to_static']:.0%} | "
        f"{row['load_rps']:.0f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
        f"{row['p99_ms']:.1f} | {row['errors'] + row['wrk_non_2xx']} | "
        f"{row['queries_first']} / {row['queries_repeat']} |"
    )


def render(report: dict) -> str:
    """The report as markdown, with the parts that ran (``--only`` runs one)."""
    machine = report["machine"]
    lines = [
        f"Machine: {machine['cpus']} CPUs, {machine['cpu']}; "
        f"load average before: {', '.join(f'{v:.2f}' for v in machine['load_before'])}",
        "",
    ]
    if "static" in report:
        lines += render_pages(report)
    if "signing" in report:
        lines += [render_signing(report["signing"]), ""]
    if "overload" in report:
        lines += [render_overload(report["overload"]), ""]
    return "\n".join(lines)


def render_pages(report: dict) -> list[str]:
    head = (
        "| page | max req/s (wrk) | of static | open-loop req/s | p50 ms | p95 ms | p99 ms | "
        "errors | queries first / repeat |\n|---|---|---|---|---|---|---|---|---|"
    )
    static = report["static"]
    lines = [f"Static CSS ceiling ({static['path']}): {static['max_rps']:.0f} req/s"]
    if "p50_ms" in static:
        lines[0] += (
            f"; at 70% of it p50 {static['p50_ms']:.1f} ms, p99 {static['p99_ms']:.1f} ms, "
            f"{static['errors']} errors"
        )
    lines[0] += "."
    lines.append("")
    if "cached" in report:
        lines += [
            "Cached pages (Redis page cache; open loop at 70% of each page's maximum):",
            "",
            head,
            *(format_row(row) for row in report["cached"]),
            "",
        ]
    if "uncached" in report:
        lines += [
            "Uncached pages (a first visit: the page cache bypassed, Redis on; open loop at "
            "50% of each page's maximum):",
            "",
            head,
            *(format_row(row) for row in report["uncached"]),
            "",
        ]
    return lines


def render_signing(signing: dict) -> str:
    return (
        f"Signing: {signing['signers']} distinct signers at {signing['rate']:.0f}/s for "
        f"{signing['seconds']} s: {signing['signatures_per_second']:.1f} signatures/s confirmed "
        f"within the window ({signing['confirmed']} in all); sign POST p50 "
        f"{signing['sign']['p50_ms']:.1f} ms, p99 {signing['sign']['p99_ms']:.1f} ms, "
        f"{signing['sign']['errors']} errors; confirm POST p50 "
        f"{signing['confirm']['p50_ms']:.1f} ms, p99 {signing['confirm']['p99_ms']:.1f} ms, "
        f"{signing['confirm']['errors']} errors. Count afterwards {signing['count_after']}, "
        f"confirmed rows {signing['rows_after']} "
        f"({'equal' if signing['count_matches_rows'] else 'DIFFERENT'})."
    )


def render_overload(overload: dict) -> str:
    sign, confirm = overload["sign"], overload["confirm"]
    return (
        f"Overload through HAProxy: {overload['signers']} distinct signers offered at "
        f"{overload['rate']:.0f}/s for {overload['seconds']} s: {overload['accepted']} accepted "
        f"(302), {overload['shed']} shed by the site (503 with the form back), "
        f"{overload['failed']} failed otherwise (statuses {sign['statuses']}, 0 = timeout or "
        f"refused); sign POST p50 {sign['p50_ms']:.1f} ms, p99 {sign['p99_ms']:.1f} ms. "
        f"Of the accepted, {overload['rows']} have a row and {overload['rows_confirmed']} are "
        f"confirmed (confirm POST p50 {confirm['p50_ms']:.1f} ms, p99 {confirm['p99_ms']:.1f} "
        f"ms, {confirm['errors']} errors): {overload['lost']} lost. Count afterwards "
        f"{overload['count_after']}, confirmed rows {overload['rows_after']} "
        f"({'equal' if overload['count_matches_rows'] else 'DIFFERENT'})."
    )


if __name__ == "__main__":
    Bench(parse_args()).run()
