"""Mock-ticket training: scenarios, the simulated customer's script and the scoring. Pure
Python; the server runs it in the training workspace and the validator reads the files."""
