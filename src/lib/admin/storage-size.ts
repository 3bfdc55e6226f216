// Sizes of stored files for people: the quota is typed in whole megabytes
// (1 MB = 1,048,576 bytes, as the upload limit of 25 MB is counted), and
// shown in the largest unit that keeps it readable.

export const MB = 1024 * 1024;
const GB = 1024 * MB;

/** Bytes as whole megabytes for the quota field (rounded down: the field never shows more than is allowed). */
export const megabytesOf = (bytes: number): number => Math.floor(bytes / MB);

/** A typed number of megabytes as bytes; anything unreadable goes through as NaN for the API to refuse. */
export const bytesOf = (megabytes: string): number => Number(megabytes) * MB;

/** "5 GB", "12.5 MB", "300 kB", with the unit in the reader's language. */
export function formatSize(bytes: number, locale: string): string {
  const [value, unit] = bytes >= GB ? [bytes / GB, 'gigabyte'] : bytes >= MB ? [bytes / MB, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
