"""The application tracker's rules: its stages and the moves between them, and its exports (CSV, iCalendar)."""
