"""A demo LMS: an LTI 1.3 platform built on ``lti1p3platform`` that launches our tool (demo and tests)."""
