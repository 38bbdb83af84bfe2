"""The JLPT drill XBlock: multiple-choice vocabulary practice with immediate feedback."""
