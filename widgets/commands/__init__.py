"""Subcommands of the ``digikomp`` command line."""
