import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { previewRenderer } from './markdown-preview';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the live preview', () => {
  it('renders once per pause in typing, the last text typed', async () => {
    const render = vi.fn(async (markdown: string) => `<p>${markdown}</p>`);
    const shown: (string | null)[] = [];
    const preview = previewRenderer(render, (html) => shown.push(html), 250);
    preview.update('H');
    preview.update('He');
    preview.update('Hello');
    await vi.advanceTimersByTimeAsync(250);
    expect(render.mock.calls).toEqual([['Hello']]);
    expect(shown).toEqual(['<p>Hello</p>']);
  });

  it('drops a slow answer to an older text once a newer one was asked for', async () => {
    const answers: ((html: string) => void)[] = [];
    const render = (_markdown: string) => new Promise<string>((resolve) => answers.push(resolve));
    const shown: (string | null)[] = [];
    const preview = previewRenderer(render, (html) => shown.push(html), 10);
    preview.update('old');
    await vi.advanceTimersByTimeAsync(10);
    preview.update('new');
    await vi.advanceTimersByTimeAsync(10);
    answers[1]!('<p>new</p>');
    answers[0]!('<p>old</p>');
    await vi.runAllTimersAsync();
    expect(shown).toEqual(['<p>new</p>']);
  });

  it('says the preview failed (null) when rendering fails', async () => {
    const shown: (string | null)[] = [];
    const preview = previewRenderer(() => Promise.reject(new Error('offline')), (html) => shown.push(html), 10);
    preview.update('x');
    await vi.advanceTimersByTimeAsync(10);
    expect(shown).toEqual([null]);
  });
});
