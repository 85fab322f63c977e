"""The HTTP boundary: the app and its routers (app.py), public pages, the API, staff pages, error pages.
The only package that imports Litestar; it may import every stage below it, and only the CLI imports it."""
