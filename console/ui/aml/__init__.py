"""Suspicious-activity (AML) reports in the console: the report dialog opened from a ticket, and
the compliance page (the queue and the decision). Online only: nothing here is queued."""
