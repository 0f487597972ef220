"""Record-level ICE FOIA files (arrests, detainers) and any other table, read lazily.

`open.open_records(paths, options)` gives a Catalog whose views aggregate the files' scans on
first use and whose datasets load rows on first use. `read` opens one file, `layouts`
recognises the ICE layouts and maps them to one record schema, `views` builds the views,
`stats` gives per-column statistics and frequency tables, `load` loads rows compactly.
"""
