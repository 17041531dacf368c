"""The web app's routes: login/logout, the JSON API under /api/v1, the analysts' pages."""
