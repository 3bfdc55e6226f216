// The only requests whose body is a raw file rather than JSON: the upload
// routes. The app's 1 MB limit and JSON-only check skip exactly these, and the
// upload code enforces its own limit while it streams (worker/attachments/store-attachment.ts).

const RAW_UPLOAD_PATHS = [
  /^\/api\/v1\/tickets\/[^/]+\/attachments\/?$/,
  /^\/api\/v1\/tickets\/[^/]+\/comments\/[^/]+\/attachments\/?$/,
  /^\/api\/v1\/kb\/articles\/[^/]+\/images\/?$/,
];

/** Whether a request is a file upload, whose body streams to R2 unparsed. */
export const isRawUploadRequest = (method: string, path: string): boolean =>
  method === 'POST' && RAW_UPLOAD_PATHS.some((pattern) => pattern.test(path));
