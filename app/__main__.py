"""`python -m app` runs the same CLI as the `pastewarden` command."""

from app.cli import main

raise SystemExit(main())
