"""Helpers for the programs the pipeline starts beside itself (a preview server, Decap's backend): a free
port, a page fetched from 127.0.0.1, and stopping a program politely, then firmly."""

from __future__ import annotations

import socket
import subprocess
import urllib.error
import urllib.request


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> tuple[int, str]:
    """(HTTP status, text) of a local address; (0, '') when nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:  # noqa: S310 - loopback only
            return reply.status, reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def fetch_text(url: str, timeout: float = 5) -> str:
    """The text of a local address, or '' when it does not answer (or answers with an error)."""
    status, text = fetch(url, timeout)
    return text if status == 200 else ""


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    """Ask ``process`` to end; kill it when it has not within ``timeout`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
