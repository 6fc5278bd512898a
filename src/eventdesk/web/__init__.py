"""The dashboard: static files (``static/``: index.html, CSS, ES modules, vendored map data) that
``eventdesk serve`` serves at ``/`` beside the API, under a strict Content-Security-Policy.

Every asset ships inside the package; nothing is fetched from a CDN or a tile server
(docs/dashboard.md, ``static/vendor/README.md``).
"""

from eventdesk.web.mount import CONTENT_SECURITY_POLICY, STATIC, mount_dashboard

__all__ = ["CONTENT_SECURITY_POLICY", "STATIC", "mount_dashboard"]
