"""The few exceptions of Cahiers.

Content problems are never exceptions: they are `Finding` values, collected and reported at once.
Exceptions are for "cannot continue": a missing tool, an unreadable repository, a failed build.
"""


class CahiersError(Exception):
    """Base class. The CLI prints the message, never a traceback, and exits with `exit_code`."""

    exit_code = 3


class ToolMissing(CahiersError):
    """An external tool (pandoc, git, chromium, …) is absent or too old."""


class RepositoryError(CahiersError):
    """The repository cannot be read: not a Cahiers repo, corrupt git, shallow clone, …"""


class BuildFailed(CahiersError):
    """A build step failed; the previous output was left untouched."""

    exit_code = 1
