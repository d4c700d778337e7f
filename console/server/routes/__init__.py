"""HTTP routes of Support API v1. Thin: parse, authorise, call a service, answer."""
