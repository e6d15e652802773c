"""Pure-Python core: models, ports, pipeline, journal, sync, review. No Qt, no OS calls."""
