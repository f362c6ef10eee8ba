"""Live polls for the teacher: results as plain rows (:mod:`widgets.live.tables`) and their export to Excel and
Word (:mod:`widgets.live.export`, drawn in a child process so that pandas and matplotlib never load in a kernel).

Nothing is imported here: importing the package costs nothing."""
