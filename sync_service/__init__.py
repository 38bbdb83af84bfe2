"""The programme's registry and the operators' CLI: companies, learners, sync, rules, reports."""
