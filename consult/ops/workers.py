"""Rate limits hold only if every worker process counts in the same place. No Flask."""

from __future__ import annotations

from collections.abc import Mapping

PER_PROCESS = "memory://"
SINGLE_WORKER = (
    "Rate limits are counted per process (RATELIMIT_STORAGE_URI is memory://): with {workers} "
    "workers each one counts alone, so every limit would be {workers} times higher. Leave "
    "RATELIMIT_STORAGE_URI unset (the workers on this machine then share a SQLite file in "
    "instance/), set REDIS_URL (a Redis that all workers reach), or run one worker."
)


class UnsharedRateLimits(RuntimeError):
    """More than one worker would serve requests while each counts rate limits alone."""


def shares_rate_limits(config: Mapping) -> bool:
    """True when all processes count rate limits in one store (or limits are switched off)."""
    if not config.get("RATELIMIT_ENABLED", True):
        return True
    return not str(config.get("RATELIMIT_STORAGE_URI", PER_PROCESS)).startswith(PER_PROCESS)


def check_workers(config: Mapping, *, workers: int) -> None:
    """Refuse to serve with several worker processes when their counters are not shared.

    Raises ``UnsharedRateLimits``, a RuntimeError: gunicorn prints it and exits with 1.
    """
    if workers > 1 and not shares_rate_limits(config):
        raise UnsharedRateLimits(SINGLE_WORKER.format(workers=workers))
