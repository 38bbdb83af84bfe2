"""The LTI answers benchmark still runs end to end on a few learners (the figures are the script's job:
no timing is asserted here, only that every phase ran and the report has its table)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "lti_answers.py"


def test_the_benchmark_runs_every_phase_with_three_learners(capsys):
    spec = importlib.util.spec_from_file_location("lti_answers", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = bench.run(learners=3, per_history=3, quick=True)
    assert out["errors"] == []
    got = out["history"][30]
    assert len(got["answer"]) == 3 * 2 * 9 and len(got["round_end"]) == 3 * 2, "two whole rounds each"
    assert len(out["concurrent"]["round_end"]) == 3 and out["grades"]["queued"] == 3
    assert out["grades"]["delivered"] == 3, "grades sent in the request without a broker"
    assert out["lms"]["grades"]["delivered"] == 3, "the learners ending a round at once: their grades"
    assert max(out["lms"]["grades"]["latency_s"]) < 5, "timed by the LMS's receipt, not after the 5 s probe"
    assert len(out["write_many_after"]["server"]) == len(out["write_many"]["server"])
    assert len(out["bare_one"]["server"]) == len(out["write_one"]["server"]) == 30
    bench.report(out)
    printed = capsys.readouterr().out
    assert "| figure | target | measured | ratio to target |" in printed
    assert "minimal write, 1 client" in printed and "one learner,   30 cards" in printed
