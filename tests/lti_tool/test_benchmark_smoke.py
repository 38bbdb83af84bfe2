"""The LTI answers benchmark still runs end to end (3 learners; the figures are the script's job)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "lti_answers.py"


def test_the_benchmark_runs_with_three_learners(capsys):
    spec = importlib.util.spec_from_file_location("lti_answers", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = bench.run(learners=3, answers=2)
    assert out["errors"] == []
    assert len(out["answer"]) == len(out["bare"]) == 6 and all(ms > 0 for ms in out["answer"])
    bench.report(out)
    printed = capsys.readouterr().out
    assert "answer (server) : p50" in printed and "bare view       : p50" in printed
