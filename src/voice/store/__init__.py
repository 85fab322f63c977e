"""The SQLite database and what is kept in it: migrations, survey versions (catalogue), counts
(tallies), the audit log, staff accounts. Imports voice.surveys and voice.common.
"""
