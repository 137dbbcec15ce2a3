"""Forked helpers end with the process that made them.

A build's workers, its validation's workers and each query's child are forked. Were the
parent killed (SIGKILL included) they would live on: blocked forever on a pipe nobody reads,
holding hundreds of megabytes and the caller's stdout, so `talkgraph build … | cat` never
returned. Each asks the kernel for SIGKILL when its parent goes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Call first thing in a process forked by `parent` (its pid, taken before the fork).
    Linux only; elsewhere the process is left as it is."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took hold
        os._exit(1)
