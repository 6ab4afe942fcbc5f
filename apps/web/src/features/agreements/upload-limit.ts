/** Bytes as MB for the hint ("20", "1.5"), the unit the server setting (MAX_UPLOAD_MB) uses. */
export function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** True when the file is over the limit (unknown limit: let the server decide). */
export function tooLarge(file: { size: number }, maxBytes: number | undefined): boolean {
  return maxBytes !== undefined && file.size > maxBytes;
}
