import { describe, expect, it } from 'vitest';
import { blockedAddressReason } from './address-ranges.js';

describe('blockedAddressReason', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped 127.0.0.1, loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped 127.0.0.1, loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped 169.254.169.254, link-local'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'NAT64 10.0.0.1, private'],
    ['64:ff9b::7f00:1', 'NAT64 127.0.0.1, loopback'],
    ['64:ff9b:1::1', 'NAT64 local-use'],
    ['2002:a00:1::', '6to4 10.0.0.1, private'],
    ['2002:7f00:1::1', '6to4 127.0.0.1, loopback'],
    ['2001::1', 'reserved (IETF protocol assignments)'],
    ['2001:db8::1', 'documentation'],
    ['fd00:ec2::254', 'unique local (private)'],
    ['fc00::1', 'unique local (private)'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['100::1', 'discard-only'],
    ['4000::1', 'reserved'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '198.20.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '2a00:1450:4001::200e'])(
    'lets public %s through',
    (address) => {
      expect(blockedAddressReason(address)).toBeNull();
    },
  );

  it('refuses what is not an IP address', () => {
    expect(blockedAddressReason('example.com')).toBe('not an IP address');
  });
});
