"""Peer of bench/object-storage.ts: uploads (or downloads) one file with openstacksdk 0.101.

upload:   conn.object_store.create_object(container, name, filename=..., segment_size=...) — the proxy layer, which
          honours segment_size (the cloud layer's create_object does not pass it on) and sends the segments from
          its thread pool, then the SLO manifest.
download: conn.get_object(container, name, outfile=...) — streams the body to the file in chunks.

The clock starts when the Connection is made (no request sent yet), so interpreter start-up and imports are
left out. Prints one JSON line: {"wall_s": ..., "max_rss_kb": ..., "bytes": ...}.

Run with Debian's /usr/bin/python3 (python3-openstacksdk 0.101):
  /usr/bin/python3 bench/python/object_storage.py upload --config clouds.yaml --cloud minicloud \
      --container c --name big.bin --file big.bin --segment-size 16777216
"""
import argparse
import json
import logging
import os
import resource
import sys
import time

import openstack


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["upload", "download"])
    parser.add_argument("--config", required=True)
    parser.add_argument("--cloud", required=True)
    parser.add_argument("--container", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--segment-size", type=int, default=16 * 1024 * 1024)
    args = parser.parse_args()
    # Each object-store call first tries version discovery at the account URL and logs its failure: keep quiet.
    logging.getLogger("keystoneauth").setLevel(logging.ERROR)
    logging.getLogger("openstack").setLevel(logging.ERROR)

    config = openstack.config.OpenStackConfig(config_files=[args.config])
    started = time.monotonic()
    conn = openstack.connection.Connection(config=config.get_one(cloud=args.cloud))
    if args.mode == "upload":
        conn.object_store.create_object(
            args.container, args.name, filename=args.file, segment_size=args.segment_size, use_slo=True)
        size = os.path.getsize(args.file)
    else:
        conn.get_object(args.container, args.name, outfile=args.file)
        size = os.path.getsize(args.file)
    wall = time.monotonic() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall_s": wall, "max_rss_kb": rss, "bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
