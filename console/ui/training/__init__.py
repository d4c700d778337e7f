"""Mock-ticket training in the console: the trainer's page, the trainee's way in, and the
training window's banner. The training workspace is reached with a client of its own
(TrainingActions), never through the live session's store or sync engine."""
