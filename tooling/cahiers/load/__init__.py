"""Load: repository files → typed `Project`, plus findings. Never stops at the first problem."""

from cahiers.load.project import LoadResult, load_project

__all__ = ["LoadResult", "load_project"]
