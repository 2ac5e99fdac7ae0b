"""The experts pages: the Department's pool and draws, the expert's own home."""
