import { describe, expect, test } from 'vitest';
import { deliveriesWaiting, domainIn, followAddress, followAddressProblem, forumLabel, PARTNER_STATE_LABELS } from './partners';

describe('partners in words', () => {
  test('a forum by its name, or its domain when it has none', () => {
    expect(forumLabel({ name: 'Sheffield Parent Carer Forum', domain: 'sheffield.example' })).toBe('Sheffield Parent Carer Forum');
    expect(forumLabel({ name: null, domain: 'sheffield.example' })).toBe('sheffield.example');
  });

  test('where a partnership is', () => {
    expect(PARTNER_STATE_LABELS).toEqual({
      requested: 'Waiting for your approval',
      pending: 'Waiting for them to approve',
      partner: 'Partner',
    });
  });

  test('deliveries waiting', () => {
    expect(deliveriesWaiting(0)).toBe('No deliveries waiting');
    expect(deliveriesWaiting(1)).toBe('1 delivery waiting');
    expect(deliveriesWaiting(1200)).toBe('1,200 deliveries waiting');
  });
});

describe('a forum’s address to follow', () => {
  test('trimmed, without the @ in front that fediverse addresses often have', () => {
    expect(followAddress('  forum@sheffield.example ')).toBe('forum@sheffield.example');
    expect(followAddress('@forum@127.0.0.1:8082')).toBe('forum@127.0.0.1:8082');
  });

  test('an address, or a web address', () => {
    for (const address of ['forum@sheffield.example', 'forum@127.0.0.1:8082', 'https://sheffield.example/actor', 'http://127.0.0.1:8082/actor']) {
      expect(followAddressProblem(address), address).toBeNull();
    }
  });

  test('anything else is explained before it is sent', () => {
    expect(followAddressProblem('')).toBe('Enter the address of the forum you want to follow, like forum@example.org.');
    for (const address of ['sheffield.example', 'forum@', '@sheffield.example', 'forum@a@b', 'forum@host/path', 'ftp://sheffield.example', 'a forum@x']) {
      expect(followAddressProblem(address), address).toBe(
        'Enter the forum’s address like forum@example.org, or its web address starting with https://.',
      );
    }
  });
});

describe('a domain to block', () => {
  test('a domain, or the domain of an address or a web address, in lower case', () => {
    expect(domainIn(' Bad.Example ')).toBe('bad.example');
    expect(domainIn('127.0.0.1:8082')).toBe('127.0.0.1:8082');
    expect(domainIn('forum@bad.example')).toBe('bad.example');
    expect(domainIn('@forum@bad.example:8443')).toBe('bad.example:8443');
    expect(domainIn('https://bad.example/stories/abc')).toBe('bad.example');
    expect(domainIn('http://[::1]:8082/actor')).toBe('[::1]:8082');
  });

  test('nothing that is not one', () => {
    for (const typed of ['', 'bad example', 'bad.example/path', '-bad.example', 'bad..example', 'forum@', 'javascript:alert(1)']) {
      expect(domainIn(typed), typed).toBeNull();
    }
  });
});
