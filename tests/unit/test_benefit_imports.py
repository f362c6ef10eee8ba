"""The benefit model stays light for cold kernels: no pandas, openpyxl, matplotlib or ipywidgets on import."""

from __future__ import annotations


def test_importing_the_model_and_evaluating_a_case_loads_no_heavy_modules(packages_loaded_by):
    loaded = packages_loaded_by(
        "from widgets.benefit import evaluate, load_case, monte_carlo, example_cases\n"
        "case = load_case(example_cases()[0]); evaluate(case); monte_carlo(case, 100)"
    )
    assert loaded.isdisjoint({"pandas", "openpyxl", "matplotlib", "ipywidgets"})


def test_the_word_document_modules_import_without_matplotlib_or_docx(packages_loaded_by):
    loaded = packages_loaded_by(
        "import widgets.benefit.word, widgets.benefit.figures, widgets.benefit.decision"
    )
    assert loaded.isdisjoint({"matplotlib", "docx", "pandas", "ipywidgets"})


def test_the_app_kernel_never_loads_matplotlib_not_even_when_it_makes_the_word_document(packages_loaded_by):
    """The document is drawn in a child process: the page's kernel gets the bytes, not the plotting library."""
    loaded = packages_loaded_by(
        "from widgets.apps.nyttokalkyl import nyttokalkyl_app\n"
        "from widgets.apps.nyttokalkyl.app import FILES\n"
        "app = nyttokalkyl_app(); app.tabs.selected_index = FILES\n"
        "app.files.word.button.click()\n"
        "assert 'beslutsunderlag.docx' in app.files.word.link.value, app.files.word.message.value"
    )
    assert "matplotlib" not in loaded
    assert "docx" not in loaded
