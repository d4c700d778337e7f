"""The bundle's entry point: the same `main` as the installed `support-console` command."""

from console.app import main

raise SystemExit(main())
