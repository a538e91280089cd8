/** The boot bench's reading of the mini OpenStack's CPU time from /proc lines. */
import { describe, expect, it } from 'vitest';
import { cloudCpuSince, cloudProcessGroup, cpuSecondsOfStat, totalCpu } from '../../bench/support/cloud-cpu.js';

describe('cloud process groups, from command lines as /proc shows them', () => {
  it.each([
    ['neutron-server: api worker (/usr/bin/python3 /var/lib/minicloud/bin/neutron-server --config-file /var/lib/minicloud/etc/neutron/neutron.conf)', 'neutron api worker'],
    ['neutron-server: rpc worker (/usr/bin/python3 /var/lib/minicloud/bin/neutron-server --config-file x)', 'neutron rpc worker'],
    ['/usr/bin/python3 /var/lib/minicloud/bin/nova-api --config-file /var/lib/minicloud/etc/nova/nova.conf', 'nova-api'],
    ['/usr/bin/python3 /var/lib/minicloud/bin/neutron-server --config-file a', 'neutron-server'],
    ['minicloud-keystone uWSGI worker 1 ', 'keystone'],
    ['minicloud-placement uWSGI master ', 'placement'],
    ['/usr/sbin/mariadbd --defaults-file=/var/lib/minicloud/etc/mysql/my.cnf ', 'mariadbd'],
    ['/usr/lib/erlang/erts-13.1.5/bin/beam.smp -W w -MBas ageffcbf', 'rabbitmq'],
  ])('%s → %s', (cmdline, group) => {
    expect(cloudProcessGroup(cmdline)).toBe(group);
  });

  it('other processes are not the cloud', () => {
    expect(cloudProcessGroup('/usr/bin/node .tmp/bench/main.js --only boot')).toBeUndefined();
    expect(cloudProcessGroup('/usr/sbin/mariadbd --defaults-file=/etc/mysql/my.cnf')).toBeUndefined();
  });
});

describe('CPU seconds from /proc/<pid>/stat', () => {
  it('adds utime and stime (fields 14 and 15, in 1/100 s), even when the name holds spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const stat = '22660 (neutron-server: a) S 22331 22331 22331 0 -1 4194368 90311 0 12 0 4123 377 0 0 20 0 1 0 1234 0 0';
    expect(cpuSecondsOfStat(stat)).toBeCloseTo(45.0, 6);
    expect(cpuSecondsOfStat('7 (a) b) (c) R 1 1 1 0 -1 0 0 0 0 0 250 50 0 0')).toBeCloseTo(3.0, 6);
  });

  it('the difference of two readings keeps only the groups that spent time', () => {
    const before = new Map([['neutron api worker', 100], ['nova-api', 20], ['mariadbd', 5]]);
    const after = new Map([['neutron api worker', 130.5], ['nova-api', 20], ['mariadbd', 9], ['keystone', 2]]);
    const spent = cloudCpuSince(before, after);
    expect([...spent.entries()]).toEqual([['neutron api worker', 30.5], ['mariadbd', 4], ['keystone', 2]]);
    expect(totalCpu(spent)).toBeCloseTo(36.5, 6);
  });
});
