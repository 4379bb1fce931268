"""Alerts: when saved searches run (schedule) and which of their postings are news (news)."""
