"""Peer of bench/boot.ts: boots N servers with a floating IP each through openstacksdk, in threads.

Each thread calls conn.create_server(name, image, flavor, network=..., auto_ip=True, wait=True), the way an
openstacksdk user would. The clock starts when the Connection is made (no request sent yet) and stops when
every server is ACTIVE with its floating IP, so interpreter start-up and imports are left out. Prints one JSON
line: {"wall_s": ..., "servers": [{"id", "name", "public_v4"}], "errors": [...]}.

Run with Debian's /usr/bin/python3 (python3-openstacksdk 0.101):
  /usr/bin/python3 bench/python/boot_servers.py --config clouds.yaml --cloud minicloud --network net --count 10
"""
import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import openstack


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--cloud", required=True)
    parser.add_argument("--network", required=True)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--prefix", default="canopy-bench-p-")
    parser.add_argument("--image", default="cirros")
    parser.add_argument("--flavor", default="m1.nano")
    args = parser.parse_args()

    config = openstack.config.OpenStackConfig(config_files=[args.config])
    started = time.monotonic()
    conn = openstack.connection.Connection(config=config.get_one(cloud=args.cloud))

    def boot(i):
        server = conn.create_server(
            f"{args.prefix}{i}", image=args.image, flavor=args.flavor, network=args.network,
            auto_ip=True, wait=True, timeout=600,
        )
        return {"id": server.id, "name": server.name, "public_v4": server.public_v4}

    servers, errors = [], []
    with ThreadPoolExecutor(max_workers=args.count) as pool:
        futures = [pool.submit(boot, i) for i in range(args.count)]
        for future in futures:
            try:
                servers.append(future.result())
            except Exception as exc:  # report, let the caller clean up
                errors.append(f"{type(exc).__name__}: {exc}")
    wall = time.monotonic() - started
    print(json.dumps({"wall_s": wall, "servers": servers, "errors": errors}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
