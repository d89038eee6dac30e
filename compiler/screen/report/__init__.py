"""The screening report (report.html beside a screen's outputs).

`data` the figures, exact, from the screen's results; `charts` the SVG charts; `loans` the loan lists behind a
figure; `render` the page from `templates/report.html.j2`.
"""
