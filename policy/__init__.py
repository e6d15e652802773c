"""The IT-pushed policy: schema, locations, loader, signing, tool catalog. No Qt."""
