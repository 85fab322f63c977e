"""What every stage uses: settings, languages (i18n), text helpers, dates, logging.
Imports nothing else of voice.
"""
