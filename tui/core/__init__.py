"""The headless core: loading, validation, views, claims and export. Polars only, never textual."""
