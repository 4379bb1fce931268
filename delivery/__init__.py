"""Outbound: signed completion events, the outbox sender, callers' webhook URL safety."""
