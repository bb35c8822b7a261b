"""Dutch text processing for Consult: PII redaction and theme discovery.

Pure Python over texts. Never imports Flask, SQLAlchemy or ``consult``.
"""
