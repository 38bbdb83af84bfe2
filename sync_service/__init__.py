"""What its name says: sources that pull logins and grades from the hosts (read adapters), host actions
(write adapters), the sync into daily activity, applying the weekly-login rule, and status. Imports
``programme`` and ``curriculum`` only."""
