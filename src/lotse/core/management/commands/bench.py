from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.benchmarks import (
    BenchmarkError,
    BenchOptions,
    default_workers,
    describe,
    discover,
    format_report,
)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """Turn SIGTERM into SystemExit, so the finally blocks stop gunicorn instead of orphaning it
    (Python's default for SIGTERM is to die on the spot)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set signal handlers
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = (
        "Run the registered benchmarks (lotse.<app>.benchmarks) and print their figures. "
        "Servers and clients run on loopback only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", metavar="NAME", help="Run this benchmark alone.")
        parser.add_argument(
            "--list", dest="list_names", action="store_true", help="List the benchmarks and stop."
        )
        parser.add_argument(
            "--requests", type=int, default=4000, help="Requests per benchmark, in total."
        )
        parser.add_argument(
            "--concurrency", type=int, default=8, help="Client threads sending at once."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Gunicorn sync workers (default: 2 * cores + 1).",
        )
        parser.add_argument(
            "--warmup", type=int, default=100, help="Untimed requests before measuring."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=120.0,
            help="Seconds one benchmark may take, start-up included.",
        )

    def handle(
        self,
        *args: Any,
        only: str | None,
        list_names: bool,
        requests: int,
        concurrency: int,
        workers: int,
        warmup: int,
        timeout: float,
        **options: Any,
    ) -> None:
        benchmarks = discover()
        if list_names:
            width = max((len(name) for name in benchmarks), default=0)
            for name, func in benchmarks.items():
                self.stdout.write(f"{name.ljust(width)}  {describe(func)}".rstrip())
            return
        if only is not None:
            if only not in benchmarks:
                known = ", ".join(benchmarks) or "none"
                raise CommandError(f"There is no benchmark called {only!r}; known: {known}.")
            benchmarks = {only: benchmarks[only]}
        for name, value in [("--requests", requests), ("--concurrency", concurrency)]:
            if value < 1:
                raise CommandError(f"{name} must be 1 or more.")
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        if warmup < 0:
            raise CommandError("--warmup must be 0 or more.")
        if timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        bench_options = BenchOptions(
            requests=requests,
            concurrency=concurrency,
            workers=workers,
            warmup=warmup,
            timeout=timeout,
        )
        with _sigterm_unwinds():
            for index, (name, func) in enumerate(benchmarks.items()):
                if index:
                    self.stdout.write("")
                try:
                    report = func(bench_options)
                except BenchmarkError as exc:
                    raise CommandError(f"Benchmark {name!r} could not run: {exc}") from exc
                for line in format_report(report):
                    self.stdout.write(line)
