"""Reports for the prefecture and the companies, built with pandas."""
