"""Thread limits for the numeric libraries, shared by every step of the theme engine."""

from __future__ import annotations

import threading

_controller = None
_lock = threading.Lock()


def single_thread():
    """Limit BLAS and OpenMP to one thread: on 2 busy cores, more threads only spin.

    Measured on the shared 2-core machine (load 10): tagging one answer took 280 ms with
    OpenBLAS's two threads and 4–24 ms with one; tagging SIB-200's 1,004 sentences 3.9–5.9 s
    against 2.3–3.1 s. The libraries are looked up once per process (a fresh lookup scans
    every loaded library, 2–6 ms, too slow for one answer placed on arrival).
    """
    global _controller
    if _controller is None:
        from threadpoolctl import ThreadpoolController

        with _lock:
            if _controller is None:
                _controller = ThreadpoolController()
    return _controller.limit(limits=1)
