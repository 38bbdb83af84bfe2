"""The question-and-answer log (質問対応記録, PROGRAMME.md P10)."""
