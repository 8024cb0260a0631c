"""Our own scheduled scraper of the public job-board APIs companies publish (Greenhouse, Lever)."""
