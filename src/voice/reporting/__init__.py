""" "You said, we did": results with small numbers hidden, priorities and actions, the report and
its files, who was asked what. Imports curation and everything below it; never Litestar.
"""
