"""Mock-ticket training: the training workspace (a database and API of its own, mounted under
/training), its sessions, simulated customers and scoring."""
