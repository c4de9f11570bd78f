"""The record of what each publication put before the board."""
