import { describe, expect, it } from 'vitest';
import { applicationServerKey, pushState, type PushHost } from './browser-push';

const browser = (permission: NotificationPermission, overrides: Partial<PushHost> = {}): PushHost => ({
  navigator: { serviceWorker: {} },
  PushManager: function PushManager() {},
  Notification: { permission },
  ...overrides,
});

describe('whether this browser can get push notifications', () => {
  it('says a browser without service workers, PushManager or Notification cannot', () => {
    expect(pushState(browser('default', { navigator: {} }), 'key')).toBe('unsupported');
    expect(pushState(browser('default', { PushManager: undefined }), 'key')).toBe('unsupported');
    expect(pushState(browser('default', { Notification: undefined }), 'key')).toBe('unsupported');
  });

  it('names a blocked permission before the portal’s own setup', () => {
    expect(pushState(browser('denied'), null)).toBe('denied');
    expect(pushState(browser('granted'), null)).toBe('not_configured');
    expect(pushState(browser('default'), 'key')).toBe('ready');
  });
});

describe('the VAPID key for PushManager.subscribe', () => {
  it('decodes base64url without padding into the 65-byte uncompressed P-256 point', () => {
    const key = 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4';
    const bytes = applicationServerKey(key);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
    expect(Buffer.from(bytes).toString('base64url')).toBe(key);
  });
});
