"""gunicorn settings, read from the environment like the rest of the site."""

import multiprocessing
import os

from gunicorn.glogging import Logger

from core.redaction import RedactTokens, redact

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Two workers per core plus one is the usual start for sync workers that wait on the database,
# but at most 12: every worker keeps its own database connection, so on a big machine, or
# with several web containers, more would use up PostgreSQL's connections (100 by default)
# for little gain. WEB_CONCURRENCY sets the number, above the cap too.
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 12)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# The watchdog for a hung worker, not a queue limit: time waiting in the queue is not
# counted, so lowering it would not shorten a surge's waits, only kill slow requests (their
# transactions roll back). Queue time is bounded by REQUEST_QUEUE_TIMEOUT_MS (core/overload.py)
# and by the backlog below.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Connections the kernel holds for the workers (gunicorn's default is 2048, minutes of work
# for a few sync workers). 256 is a second or two of sign-ups or a fraction of one of shed
# requests, so what is queued is still worth serving; past it the kernel takes no more and
# the load balancer answers 503 after its connect timeout (or tries another machine).
backlog = int(os.environ.get("GUNICORN_BACKLOG", "256"))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so slow leaks cannot build up.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The access log names no client: a line with an address and a time, kept with the site's
# other logs, would say who opened which petition's links. ACCESS_LOG_IP=1 puts the address
# back first on the line (gunicorn's usual format) for an operator chasing abuse.
_with_ip = os.environ.get("ACCESS_LOG_IP", "0").lower() in {"1", "true", "yes", "on"}
_client = "%(h)s" if _with_ip else "-"
access_log_format = f'{_client} %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'


class RedactingLogger(Logger):
    """gunicorn's logger with signers' link tokens taken out of every access-log field (the
    request line, the Referer, any header a custom format names) and of the error log
    ("Error handling request /…/confirm/<token>/")."""

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(f, RedactTokens) for f in self.error_log.filters):
            self.error_log.addFilter(RedactTokens())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }


logger_class = RedactingLogger
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
