"""The portfolio's adapter for MkDocs (and ProperDocs) with Material.

The events are in ``hooks/portfolio.py``; this package holds what they use:
the site's settings and paths as MkDocs configures them (``config``), the
templates' environment (``templates``), what is rendered once and reused
(``render_cache``), the one Markdown converter of a build
(``converter``), the preview's rebuilds and problem panel
(``preview``), MkDocs' own warnings and the checks of its list of
files as problems (``checks``), and the `portfolj` command for such a site (``cli``).
Nothing here knows about the content: that is the core's (``portfolj``).
"""
