"""Loading: read each YAML data file safely, validate it against its model, and check the files
against each other. Every problem carries its file, line and column."""
