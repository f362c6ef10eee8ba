"""Tools for the teacher page (Lärarsidan): forming groups across organisations (:mod:`.groups`)."""
