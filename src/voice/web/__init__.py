"""The HTTP boundary: the only package, with app.py, that imports Litestar."""
