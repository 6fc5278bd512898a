"""Scoring eventdesk's output against gold JSONL: ``eventdesk eval events GOLD --scheme ...``."""

from eventdesk.evaluate.events import EventScores, evaluate_events
from eventdesk.evaluate.metrics import ClassCounts, ScoreTable

__all__ = ["ClassCounts", "EventScores", "ScoreTable", "evaluate_events"]
