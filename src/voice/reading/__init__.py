"""Reading free text: redaction of personal details, safeguarding rules, the learned reader, themes,
and how the reader is trained and evaluated. Imports voice.store, voice.surveys, voice.common.
"""
