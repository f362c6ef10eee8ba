"""The benefit model stays light for cold kernels: no pandas, openpyxl, matplotlib or ipywidgets on import."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_model_and_evaluating_a_case_loads_no_heavy_modules():
    code = (
        "import sys\n"
        "from widgets.benefit import evaluate, load_case, monte_carlo, example_cases\n"
        "case = load_case(example_cases()[0]); evaluate(case); monte_carlo(case, 100)\n"
        "print(','.join(m for m in ('pandas', 'openpyxl', 'matplotlib', 'ipywidgets') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
