"""PyInstaller hook for Tiaki itself.

The command line imports each command's module by name when the command runs (``tiaki.cli._resolve``), which
no static analysis can follow: every module of the package goes in (``__main__`` would run the CLI on import
and is not needed; the bundle's own entry point calls ``tiaki.cli.main``).
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("tiaki", filter=lambda name: not name.endswith(".__main__"))
