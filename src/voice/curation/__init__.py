"""People's decisions on what was read: quotes proposed and approved, theme corrections, the
safeguarding queue. Imports intake, reading, store, surveys, common.
"""
