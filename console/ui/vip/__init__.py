"""The VIP account-manager desk: the portfolio (every client, the one needing attention first),
a client's page (profile, open items, timeline, private notes, follow-ups, contact log), and its
place on the rail for VIP managers and supervisors. Reads paint from the local cache; writes are
online only, never queued."""
