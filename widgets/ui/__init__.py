"""View helpers shared by every app: escaped HTML, field messages, charts with text alternatives, downloads."""
