"""What the benchmark reads from ``/proc``: a kernel's process by its kernel id, its RSS, its CPU time.

Linux only (the course's servers and CI are Linux); psutil is not a dependency.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cmdline(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def pids() -> list[int]:
    return [int(p.name) for p in PROC.iterdir() if p.name.isdigit()]


def parent(pid: int) -> int | None:
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: fields after the last ')'.
    return int(stat.rsplit(")", 1)[1].split()[1])


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid``."""
    return [p for p in pids() if parent(p) == pid]


def kernel_pids(server_pid: int) -> list[int]:
    """Kernel processes started by a Voilà server (their command line names a ``kernel-….json`` file)."""
    found = []
    stack = [server_pid]
    while stack:
        for child in children(stack.pop()):
            stack.append(child)
            if "kernel-" in _cmdline(child) and ".json" in _cmdline(child):
                found.append(child)
    return found


def kernel_pid(kernel_id: str) -> int | None:
    """The process whose command line holds the kernel id (in its connection file name), if any."""
    for pid in pids():
        if kernel_id in _cmdline(pid) and "kernel" in _cmdline(pid):
            return pid
    return None


def rss_bytes(pid: int) -> int | None:
    """Resident set size (``VmRSS``) in bytes, or None when the process is gone."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far."""
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def alive(pid: int) -> bool:
    return (PROC / str(pid)).exists()


def wait_gone(pid: int, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def wait_idle(
    server_pid: int,
    expected: int,
    timeout: float = 180,
    quiet: float = 0.6,
    busy_share: float = 0.03,
) -> bool:
    """Wait until a server runs ``expected`` kernels and none of them used CPU for ``quiet`` seconds.

    That is how the benchmark knows that preheated pools are full and their notebooks have run.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kernels = kernel_pids(server_pid)
        if len(kernels) >= expected:
            before = {p: cpu_seconds(p) for p in kernels}
            time.sleep(quiet)
            after = {p: cpu_seconds(p) for p in kernels}
            used = [
                (after[p] or 0) - (before[p] or 0)
                for p in kernels
                if before[p] is not None and after[p] is not None
            ]
            if len(used) == len(kernels) and all(u <= busy_share * quiet + 0.011 for u in used):
                return True
        else:
            time.sleep(0.2)
    return False
