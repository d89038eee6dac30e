"""Building: the checked IR through every back end to files on disk, fresh-checked and cached.

`build` writes (or checks) `generated/` and the doc pages; `cache` the build cache; `manifest` a build answered
from its inputs' fingerprints; `template_cache` compiled Jinja templates kept in the cache; `wheel` `glc package`.
"""
