/**
 * A part's picture addresses as clients get them: one stored as a path on the
 * platform itself ("/images/parts/A11-1010010.svg", the demo's: the gateway
 * serves them) is given under the platform's public URL (PUBLIC_URL), so an
 * API client or a spreadsheet can load it; any other address is given as it
 * was stored.
 */
export function publicImageUrls(urls: readonly string[], publicUrl: string): string[] {
  return urls.map((u) => (u.startsWith('/') && !u.startsWith('//') ? `${publicUrl}${u}` : u));
}

/** The other way, for a write: an address under the public URL is stored as the platform path it stands for. */
export function storedImageUrls(urls: readonly string[], publicUrl: string): string[] {
  return urls.map((u) => (u.startsWith(`${publicUrl}/`) ? u.slice(publicUrl.length) : u));
}
