"""The experts forms, one module per area."""
