import type { Locale } from '$lib/i18n/translate';

// A file's size as people read it (1.5 MB, 1,5 МБ), by Intl's unit formatting.

const UNITS = [
  { unit: 'gigabyte', bytes: 1024 ** 3 },
  { unit: 'megabyte', bytes: 1024 ** 2 },
  { unit: 'kilobyte', bytes: 1024 },
] as const;

export function formatFileSize(bytes: number, locale: Locale): string {
  const chosen = UNITS.find((u) => bytes >= u.bytes);
  if (!chosen) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: chosen.unit, maximumFractionDigits: 1 }).format(bytes / chosen.bytes);
}
