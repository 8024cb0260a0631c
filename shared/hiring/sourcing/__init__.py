"""Sourcing: from a job's analysis to search keywords, bot-gathered prospect profiles, scores and tiers (issue 14)."""
