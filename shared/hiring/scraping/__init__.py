"""Scraper bots: API keys, the rotating scrape queue of roles, uploads into the import, and alerts."""
