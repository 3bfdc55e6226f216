import { describe, expect, it } from 'vitest';
import { pushNotice, windowShowing } from './push-notification';

describe('a push message as a notification', () => {
  it('shows the title and text the API sent, and keeps only the path of its link', () => {
    const notice = pushNotice(JSON.stringify({ title: 'New reply on ticket #7', body: 'Maria wrote: thanks!', url: 'http://demo.localhost:8787/tickets/7' }));
    expect(notice).toEqual({ title: 'New reply on ticket #7', body: 'Maria wrote: thanks!', path: '/tickets/7' });
  });

  it('cannot be sent to another site: a foreign link becomes the same path here', () => {
    expect(pushNotice(JSON.stringify({ title: 't', body: 'b', url: 'https://evil.example/steal?x=1' })).path).toBe('/steal?x=1');
  });

  it('still shows something for an empty, plain-text or link-less message', () => {
    expect(pushNotice(null)).toEqual({ title: 'WorkerNet Portal', body: '', path: null });
    expect(pushNotice('Server going down')).toEqual({ title: 'WorkerNet Portal', body: 'Server going down', path: null });
    expect(pushNotice(JSON.stringify({ title: 'Hi', body: 'there', url: null })).path).toBeNull();
  });
});

describe('a click on the notification', () => {
  it('focuses a window already on the ticket, and otherwise asks for a new one', () => {
    const windows = [{ url: 'https://demo.example/tickets' }, { url: 'https://demo.example/tickets/7' }];
    expect(windowShowing(windows, 'https://demo.example', '/tickets/7')).toBe(windows[1]);
    expect(windowShowing(windows, 'https://demo.example', '/tickets/8')).toBeUndefined();
  });
});
