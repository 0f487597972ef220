"""The Textual explorer: app, screens, panes and widgets over the headless core."""
