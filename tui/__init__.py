"""enforce-tui: a keyboard-first terminal explorer of immigration-enforcement figures."""

__version__ = "0.1.0"
