"""ICE record files (arrests, detainers): their layouts, and the views made from them.

`catalog.open_records(paths, options)` gives a Catalog whose views aggregate the files' scans on
first use and whose datasets load rows on first use. `layouts` recognises the ICE layouts and
maps them to one record schema; `record_file` picks a file's columns out as record fields;
`record_set` holds the aggregations the views share; `views` (jurisdictions, convictions) and
`comparisons` build the views; `periods` chooses and checks the periods compared; `load` loads
the rows in the record schema. Opening a file as a table is `tui.core.tables`' business.
"""
