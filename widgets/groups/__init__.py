"""Groups across organisations: form them from a participant list (:mod:`.model`), read and write the CSV files
(:mod:`.io`) and write them to JupyterHub with the teacher's token (:mod:`.hub`)."""

from .model import DEFAULT_SEED, Group, Grouping, MixFigures, Participant, form_groups, mix_figures

__all__ = ["DEFAULT_SEED", "Group", "Grouping", "MixFigures", "Participant", "form_groups", "mix_figures"]
