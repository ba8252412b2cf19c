import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { guardedLookup, REFUSED_CODE, type Resolver } from '../../simulator/net/guarded-lookup.js';
import { classifyAddress, parseIp } from '../../simulator/net/ip.js';
import { refuseAddress, refuseHost, type FetchPolicy } from '../../simulator/net/policy.js';

const strict: FetchPolicy = { allowPrivateAddresses: false, allowedHosts: [] };
const lenient: FetchPolicy = { allowPrivateAddresses: true, allowedHosts: [] };

describe('IP classification', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['[fe80::1%eth0]', 'link-local'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2606:4700::1111', 'public'],
  ])('classifies %s as %s', (text, kind) => {
    expect(classifyAddress(parseIp(text)!)).toBe(kind);
  });

  it.each(['256.1.1.1', '1.2.3', 'example.com', '1::2::3', '1:2:3:4:5:6:7:8:9', 'gggg::1', ''])('does not parse %j as an IP', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('fetch policy', () => {
  it.each(['169.254.169.254', '[fe80::1]', 'metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'metadata', '0.0.0.0', '[fd00:ec2::254]'])(
    'refuses %s even with private addresses allowed',
    (host) => {
      expect(refuseHost(host, lenient)).not.toBeNull();
    },
  );

  it.each(['127.0.0.1', '10.0.0.5', '[::1]', '192.168.0.10'])('refuses %s unless private addresses are allowed', (host) => {
    expect(refuseHost(host, strict)).toMatch(/allowPrivateAddresses/);
    expect(refuseHost(host, lenient)).toBeNull();
  });

  it('leaves names to the DNS check, and lets public addresses through', () => {
    expect(refuseHost('images.example.com', strict)).toBeNull();
    expect(refuseAddress('93.184.216.34', strict)).toBeNull();
  });

  it('restricts to the allow-list: exact names and *.suffix patterns, never the bare suffix', () => {
    const policy = { ...lenient, allowedHosts: ['cdn.example.com', '*.images.test'] };
    expect(refuseHost('cdn.example.com', policy)).toBeNull();
    expect(refuseHost('a.images.test', policy)).toBeNull();
    expect(refuseHost('images.test', policy)).toMatch(/allowedHosts/);
    expect(refuseHost('evil.example.com', policy)).toMatch(/allowedHosts/);
  });

  it('does not let the allow-list open metadata or private addresses', () => {
    expect(refuseHost('169.254.169.254', { ...strict, allowedHosts: ['169.254.169.254'] })).toMatch(/metadata/);
    expect(refuseHost('127.0.0.1', { ...strict, allowedHosts: ['127.0.0.1'] })).toMatch(/loopback/);
  });
});

describe('guarded DNS lookup', () => {
  const fakeDns =
    (answers: Record<string, string[]>): Resolver =>
    (hostname, _options, callback) =>
      callback(
        null,
        (answers[hostname] ?? []).map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
      );

  const lookup = (policy: FetchPolicy, resolver: Resolver, hostname: string, all: boolean) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(policy, resolver)(hostname, { all }, (error, address) => resolve({ error, address })),
    );

  it('refuses a name that resolves to the metadata address (DNS rebinding)', async () => {
    const answer = await lookup(lenient, fakeDns({ 'rebind.test': ['169.254.169.254'] }), 'rebind.test', false);
    expect(answer.error?.code).toBe(REFUSED_CODE);
  });

  it('refuses a name when any of its addresses is forbidden, not only the first', async () => {
    const answer = await lookup(strict, fakeDns({ 'mixed.test': ['93.184.216.34', '10.0.0.1'] }), 'mixed.test', true);
    expect(answer.error?.code).toBe(REFUSED_CODE);
  });

  it('refuses a name that resolves to loopback while private addresses are off', async () => {
    const answer = await lookup(strict, fakeDns({ 'local.test': ['127.0.0.1'] }), 'local.test', false);
    expect(answer.error?.code).toBe(REFUSED_CODE);
  });

  it('hands allowed addresses to the socket in the shape it asked for', async () => {
    const dns = fakeDns({ 'ok.test': ['93.184.216.34', '2606:4700::1111'] });
    expect(await lookup(strict, dns, 'ok.test', false)).toEqual({ error: null, address: '93.184.216.34' });
    expect(await lookup(strict, dns, 'ok.test', true)).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700::1111', family: 6 },
      ],
    });
  });
});

describe('IPv4 addresses embedded in IPv6 are classified as their IPv4 form', () => {
  it.each([
    ['::127.0.0.1', 'loopback'], // IPv4-compatible
    ['::7f00:1', 'loopback'],
    ['::169.254.169.254', 'metadata'],
    ['::a9fe:a9fe', 'metadata'],
    ['::10.0.0.1', 'private'],
    ['::8.8.8.8', 'public'],
    ['2002:a9fe:a9fe::', 'metadata'], // 6to4
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::', 'private'],
    ['2002:808:808::1', 'public'],
    ['64:ff9b::127.0.0.1', 'loopback'], // NAT64
    ['64:ff9b::10.1.2.3', 'private'],
    ['64:ff9b:1:a9fe:a9:fe00::', 'metadata'], // NAT64 local use, RFC 6052 /48 layout
    ['::ffff:10.0.0.1', 'private'], // IPv4-mapped
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'], // Teredo
    ['::', 'unspecified'],
    ['::1', 'loopback'],
  ])('classifies %s as %s', (text, kind) => {
    expect(classifyAddress(parseIp(text)!)).toBe(kind);
  });

  it.each(['[::169.254.169.254]', '[::a9fe:a9fe]', '[2002:a9fe:a9fe::]', '[64:ff9b::a9fe:a9fe]'])('refuses %s even with private addresses allowed', (host) => {
    expect(refuseHost(host, lenient)).not.toBeNull();
  });

  it.each(['[::127.0.0.1]', '[2002:7f00:1::]', '[::ffff:127.0.0.1]'])('refuses %s unless private addresses are allowed', (host) => {
    expect(refuseHost(host, strict)).toMatch(/allowPrivateAddresses/);
  });

  it('refuses [::127.0.0.1] as written in a URL (the URL parser rewrites it to [::7f00:1])', () => {
    expect(refuseHost(new URL('http://[::127.0.0.1]/face.jpg').hostname, strict)).toMatch(/loopback/);
    expect(refuseHost(new URL('http://[::169.254.169.254]/').hostname, lenient)).toMatch(/metadata/);
  });
});
