"""The face: Typer commands that parse, call one flow, render, and turn errors into exit codes."""
