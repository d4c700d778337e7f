"""Tools for the people who write training scenarios: `python -m console.training validate
resources/scenarios` checks scenario files, `show <file>` prints one as a trainee meets it.
Standard library and console.core only, so it runs wherever the repository does."""
