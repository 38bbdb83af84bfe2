"""The question-and-answer log (質問対応記録, docs/programme.md P10)."""
