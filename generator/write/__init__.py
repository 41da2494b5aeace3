"""Writing: the only stage that writes or deletes files. The shared pipeline, output folders,
the PDF and its process, the site engine (MkDocs) and its hook."""
