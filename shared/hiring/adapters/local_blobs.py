"""Blob store on a local directory: the same keys S3 would hold, as files."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from hiring.ports import BlobInfo, BlobNotFound


class InvalidKey(ValueError):
    """A key that would escape the store's directory or is otherwise unusable."""


class DirectoryBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        pure = PurePosixPath(key)
        if not key or pure.is_absolute() or ".." in pure.parts or key.endswith("/"):
            raise InvalidKey(f"invalid blob key {key!r}")
        return self.root.joinpath(*pure.parts)

    def _key(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @staticmethod
    def _info(key: str, path: Path) -> BlobInfo:
        data = path.read_bytes()
        return BlobInfo(key=key, size=len(data), etag=hashlib.md5(data, usedforsecurity=False).hexdigest())

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> BlobInfo:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a watcher never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        return BlobInfo(key=key, size=len(data), etag=hashlib.md5(data, usedforsecurity=False).hexdigest())

    def get(self, key: str) -> bytes:
        path = self._path(key)
        if not path.is_file():
            raise BlobNotFound(key)
        return path.read_bytes()

    def head(self, key: str) -> BlobInfo:
        path = self._path(key)
        if not path.is_file():
            raise BlobNotFound(key)
        return self._info(key, path)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def copy(self, source_key: str, dest_key: str) -> BlobInfo:
        source = self._path(source_key)
        if not source.is_file():
            raise BlobNotFound(source_key)
        dest = self._path(dest_key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        return self._info(dest_key, dest)

    def list(self, prefix: str) -> list[BlobInfo]:
        infos = []
        for path in sorted(self.root.rglob("*")):
            if not path.is_file() or path.name.startswith(".tmp-"):
                continue
            key = self._key(path)
            if key.startswith(prefix):
                infos.append(self._info(key, path))
        return infos
