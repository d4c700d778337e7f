"""The audit log in the console: the page supervisors and compliance read it on, and the
reports of messages the composers kept back."""
