"""The standalone server's answer for JupyterLab paths: the "Räkna själv" notebooks (``notebooks/rakna-sjalv/``)
are read and run in JupyterLab, which the standalone Voilà server does not serve. A link to them (Start page) or
a Voilà render of them therefore gets a Swedish page that says how to open them, never a dead link or an app
kernel with pandas and matplotlib in it."""

from __future__ import annotations

from html import escape

#: Notebooks under this folder of ``notebooks/`` are for JupyterLab only.
LAB_ONLY_DIR = "rakna-sjalv"


def page(path: str, start_href: str) -> str:
    """The explanation page for ``path`` (relative to ``notebooks/``, e.g. ``rakna-sjalv/x.ipynb``)."""
    shown = escape(path.strip("/") or LAB_ONLY_DIR)
    return f"""<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Öppnas i JupyterLab – Digital kompetens för offentlig sektor</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em;
line-height: 1.5; color: #1b1f24; }} code {{ background: #eef1f4; padding: 0 0.2em; }} a {{ color: #00566b; }}</style>
</head>
<body><main>
<h1>Den här anteckningsboken öppnas i JupyterLab</h1>
<p>”Räkna själv”-anteckningsböckerna visar koden bakom Nyttokalkylen och klimatkalkylen. De är till för
JupyterLab, där du kan läsa och köra koden. Den här servern visar bara kursens appar.</p>
<h2>Så öppnar du den</h2>
<ul>
<li>På kursens JupyterHub: öppna JupyterLab (adressen slutar på <code>/lab</code>) och gå till
<code>{shown}</code>.</li>
<li>På din egen dator, i kursens mapp: kör <code>make lab</code>. JupyterLab öppnas; gå till
<code>notebooks/{shown}</code>.</li>
</ul>
<p><a href="{escape(start_href, quote=True)}">Tillbaka till startsidan</a></p>
</main></body></html>
"""
