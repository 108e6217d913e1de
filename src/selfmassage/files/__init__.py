"""Files people hand us and files we write: strict TOML, the one problem collector, atomic writes, settings."""
