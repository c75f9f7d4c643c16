"""Render: each contribution is parsed once by pandoc; the site and the book reuse the result."""
