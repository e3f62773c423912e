"""gunicorn settings, read from the environment like the rest of the site."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Two workers per core plus one is the usual start for sync workers that wait on the database,
# but at most 12: every worker keeps its own database connection, so on a big machine, or
# with several web containers, more would use up PostgreSQL's connections (100 by default)
# for little gain. WEB_CONCURRENCY sets the number, above the cap too.
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 12)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so slow leaks cannot build up.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
