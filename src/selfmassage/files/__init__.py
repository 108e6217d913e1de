"""Files people hand us and files we write: strict TOML, problems, atomic writes, settings."""
