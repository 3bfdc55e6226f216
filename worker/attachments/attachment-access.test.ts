import { describe, expect, it } from 'vitest';
import { mayDelete, mayRead, type AttachmentReader, type AttachmentScope } from './attachment-access';

const ticketFile = (over: Partial<AttachmentScope> = {}): AttachmentScope => ({
  uploaderId: 9,
  public: true,
  deleted: false,
  ticket: { requesterId: 1 },
  comment: null,
  article: null,
  ...over,
});
const articleImage = (status: 'draft' | 'published' | 'archived', visibility: 'public' | 'internal'): AttachmentScope => ({
  ...ticketFile(),
  ticket: null,
  article: { status, visibility },
});

const requester: AttachmentReader = { userId: 1, staff: false };
const otherCustomer: AttachmentReader = { userId: 2, staff: false };
const agent: AttachmentReader = { userId: 9, staff: true };

describe('who may read an attachment', () => {
  it('lets the requester read public files of their ticket, not internal ones or an internal note\u2019s', () => {
    expect(mayRead(requester, ticketFile())).toBe(true);
    expect(mayRead(requester, ticketFile({ comment: { public: true } }))).toBe(true);
    expect(mayRead(requester, ticketFile({ public: false }))).toBe(false);
    expect(mayRead(requester, ticketFile({ comment: { public: false } }))).toBe(false);
  });

  it('keeps files from other customers and anonymous callers, and deleted files from everyone', () => {
    expect(mayRead(otherCustomer, ticketFile())).toBe(false);
    expect(mayRead(null, ticketFile())).toBe(false);
    expect(mayRead(agent, ticketFile({ public: false, comment: { public: false } }))).toBe(true);
    expect(mayRead(agent, ticketFile({ deleted: true }))).toBe(false);
    expect(mayRead(requester, ticketFile({ deleted: true }))).toBe(false);
  });

  it('shows article images to anyone only when the article is published and public', () => {
    expect(mayRead(null, articleImage('published', 'public'))).toBe(true);
    for (const [status, visibility] of [['draft', 'public'], ['published', 'internal'], ['archived', 'public']] as const) {
      expect(mayRead(null, articleImage(status, visibility))).toBe(false);
      expect(mayRead(requester, articleImage(status, visibility))).toBe(false);
      expect(mayRead(agent, articleImage(status, visibility))).toBe(true);
    }
  });
});

describe('who may delete an attachment', () => {
  it('lets staff delete any file, and others only their own uploads they can still see', () => {
    expect(mayDelete(agent, ticketFile({ uploaderId: 5 }), true)).toBe(true);
    expect(mayDelete(requester, ticketFile({ uploaderId: 1 }), false)).toBe(true);
    expect(mayDelete(requester, ticketFile({ uploaderId: 9 }), false)).toBe(false);
    expect(mayDelete(otherCustomer, ticketFile({ uploaderId: 2 }), false)).toBe(false);
    expect(mayDelete(null, articleImage('published', 'public'), false)).toBe(false);
  });
});
