"""The LTI 1.3 tool: launches the curriculum's activities in any LMS and returns scores (AGS)."""
