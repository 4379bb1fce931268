"""Webhook URLs a caller may not give, with a word of the reason each refusal names.

Shared by the delivery tests (checked again at delivery) and the REST tests (refused at request time)."""
UNSAFE = [
    ("http://127.0.0.1:9/hook", "https"),
    ("https://127.0.0.1/hook", "non-public"),
    ("https://10.1.2.3/hook", "non-public"),
    ("https://192.168.0.10/hook", "non-public"),
    ("https://169.254.169.254/latest/meta-data/", "non-public"),
    ("http://169.254.169.254/latest/meta-data/", "https"),
    ("https://[::1]/hook", "non-public"),
    ("https://[::ffff:10.0.0.1]/hook", "non-public"),
    ("https://[fe80::1]/hook", "non-public"),
    ("https://localhost/hook", "non-public"),
    ("https://0.0.0.0/hook", "non-public"),
    ("https://2130706433/hook", "non-public"),  # 127.0.0.1 as one decimal number
    ("https://224.0.0.1/hook", "non-public"),
    ("https://100.64.0.1/hook", "non-public"),
    ("http://8.8.8.8/hook", "https"),
    ("https://user:pw@8.8.8.8/hook", "user name"),
    ("ftp://8.8.8.8/hook", "https"),
    ("file:///etc/passwd", "https"),
    ("https://no-such-host.invalid/hook", "resolved"),
    ("/relative/hook", "https"),
]
