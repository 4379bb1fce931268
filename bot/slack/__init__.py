"""The Slack front end: a slack-bolt AsyncApp mounted at POST /slack/events (or Socket Mode)."""
