"""The public site is replaced whole or not at all.

A build writes into a staging folder beside the site folder. Only when
everything succeeded is the staging folder swapped into place, in one step
that cannot be seen half done: Linux' ``renameat2(RENAME_EXCHANGE)``
exchanges the two folders atomically, so the site folder always holds either
the previous site or the new one, also if the build is killed at any moment.
The previous site then lies in the staging folder's place and is removed.
Where the exchange is not available (other systems, some file systems), the
old folder is renamed away and the new one renamed into place: two renames,
between which the site folder is briefly missing, but never half written.

Staging folders left by a build that was killed are removed by the next build.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _staging_prefix(site: Path) -> str:
    return f".{site.name}.staging-"


@dataclass
class Staging:
    site: Path  # where the site is published
    folder: Path  # where this build writes it

    @classmethod
    def begin(cls, site: Path) -> Staging:
        site = site.absolute()
        site.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(site)
        folder = site.parent / f"{_staging_prefix(site)}{os.getpid()}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        return cls(site, folder)

    def publish(self) -> None:
        """Put the staged site in place of the published one."""
        if not self.site.exists() and not self.site.is_symlink():
            os.rename(self.folder, self.site)
            return
        if not _exchange(self.folder, self.site):
            old = self.folder.with_name(self.folder.name + "-old")
            os.rename(self.site, old)
            os.rename(self.folder, self.site)
            self.folder = old
        _remove(self.folder)  # now the previous site

    def abandon(self) -> None:
        """The build failed: the published site stays as it was."""
        _remove(self.folder)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: not supported here
        return False
    raise OSError(error, os.strerror(error), str(second))


def _remove_abandoned(site: Path) -> None:
    """Staging folders of builds that no longer run."""
    for folder in site.parent.glob(f"{_staging_prefix(site)}*"):
        pid = folder.name.removeprefix(_staging_prefix(site)).removesuffix("-old")
        if not (pid.isdigit() and _running(int(pid))):
            _remove(folder)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process's own folder is from an earlier build in it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def remove_outputs(site: Path, paths: set[str]) -> None:
    """Remove files (paths from the site's root) from the output, and the
    folders they leave empty: what a rebuild no longer publishes."""
    for path in paths:
        target = site / path
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == site or not folder.is_relative_to(site) or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()

