"""The package layout, which pyproject.toml's `packages.find` cannot express: every package under `compiler/`
(found, so a new subpackage is never left out of the wheel) and the top-level `grammar/` folder shipped inside
the package as `compiler.grammar`. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["compiler", "compiler.*"]), "compiler.grammar"],
    package_dir={"compiler.grammar": "grammar"},
)
