"""The Django project: settings, URLs, the public site and the demo LMS."""
