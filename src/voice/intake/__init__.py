"""Answers coming in and going out again: submissions, unfinished answers, imports, receipts,
withdrawal, requests for contact, background jobs. Imports reading, store, surveys, common.
"""
