"""`manage.py routing_eval`: top-1 / top-3 accuracy per language and latency of question routing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.core.benchmarks import format_report
from lotse.directory import routing_eval


class Command(BaseCommand):
    help = (
        "Route the labelled test set (evaluation/routing/questions.json) over the demo directory "
        "and print top-1 and top-3 accuracy per language and median and p95 latency."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--misses", action="store_true", help="List the top-1 misses too.")
        parser.add_argument(
            "--check", action="store_true", help="Exit with status 1 if the goal is not met."
        )

    def handle(self, *args: Any, misses: bool, check: bool, **options: Any) -> None:
        try:
            result = routing_eval.evaluate(progress=self.stderr.write)
        except routing_eval.EvaluationError as exc:
            raise CommandError(str(exc)) from exc
        for line in format_report(routing_eval.report(result)):
            self.stdout.write(line)
        if misses:
            self.stdout.write("")
            for question_id, question, got in result.misses:
                self.stdout.write(f"  {question_id}  {question}  ->  {', '.join(got)}")
        if check and not routing_eval.meets_goal(result):
            raise CommandError("The routing goal is not met.")
