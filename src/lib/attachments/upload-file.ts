import type { Outcome } from '$lib/api/outcome';
import type { components } from '$lib/api/schema';
import type { AllowedContentType } from '../../../worker/attachments/attachment-types';

// An upload from the browser straight to the API on the page's own origin: the
// file itself is the request body (the API streams it to R2), so nothing passes
// through SvelteKit. XMLHttpRequest rather than fetch: only it reports upload
// progress. The session cookie goes along; the API's CSRF guard sees same-origin.

export type Attachment = components['schemas']['Attachment'];

export interface UploadOptions {
  ticketId: number;
  file: Blob;
  filename: string;
  type: AllowedContentType;
  /** False: staff only (the API refuses it to customers). */
  public: boolean;
  /** Called with the share of the body sent so far, 0 to 1. */
  progress?: (sent: number) => void;
}

export function uploadFile(options: UploadOptions): Promise<Outcome<Attachment>> {
  const query = new URLSearchParams({ filename: options.filename, public: String(options.public) });
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/tickets/${options.ticketId}/attachments?${query}`);
    request.setRequestHeader('content-type', options.type);
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) options.progress?.(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const body: unknown = request.response;
      resolve(request.status === 201 ? { ok: true, data: body as Attachment } : { ok: false, status: request.status, body });
    });
    // No answer at all (offline, dropped connection): status 0, as `outcome` reports it.
    request.addEventListener('error', () => resolve({ ok: false, status: 0, body: null }));
    request.addEventListener('abort', () => resolve({ ok: false, status: 0, body: null }));
    request.send(options.file);
  });
}
