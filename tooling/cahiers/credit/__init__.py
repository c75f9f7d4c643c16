"""Credit: one pass over git history, attributed to contributions, groups and papers."""
