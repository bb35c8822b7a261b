"""Thread limits for the numeric libraries, shared by every step of the theme engine."""

from __future__ import annotations


def single_thread():
    """Limit BLAS and OpenMP to one thread: on 2 busy cores, more threads only spin."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)
