"""Survey files and the forms they make: the schema, reading and checking files, a page's answers.
Imports only voice.common; no database.
"""
