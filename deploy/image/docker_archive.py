#!/usr/bin/env python3
"""Packs a root filesystem tarball as a one-layer docker-archive (the format of `docker save`).

    docker_archive.py ROOTFS.tar OUT.tar ARCH DESCRIPTION

Jib reads such an archive as a `tar://` base image. The layer is stored uncompressed, so its digest
is also its diff_id; PATH is the only setting the base carries (Jib's entrypoint runs `java` from it).
Written with the standard library only: no Docker, skopeo or umoci needed.
"""
import hashlib
import io
import json
import sys
import tarfile

PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def main(rootfs, out, arch, description):
    layer = sha256_of(rootfs)
    config = {
        "architecture": arch,
        "os": "linux",
        "config": {"Env": ["PATH=" + PATH]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + layer]},
        "history": [{"created_by": description}],
    }
    config_bytes = json.dumps(config, indent=2).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [
        {
            "Config": config_name,
            "RepoTags": ["dr-runbooks-base:jre17"],
            "Layers": [layer + "/layer.tar"],
        }
    ]
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as archive:
        archive.add(rootfs, arcname=layer + "/layer.tar")
        add_bytes(archive, config_name, config_bytes)
        add_bytes(archive, "manifest.json", json.dumps(manifest).encode())


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
