/**
 * The flight page's path of an alert's link (stored absolute, under the app's public URL), or
 * null: pages link within the app, whatever address the alert was made for.
 * @example alertFlightPath("https://darkflight.example/flights/0b04e2-7") // "/flights/0b04e2-7"
 */
export function alertFlightPath(url: string | null): string | null {
  if (!url) return null;
  try {
    const path = new URL(url, "http://localhost").pathname;
    return path.startsWith("/flights/") ? path : null;
  } catch {
    return null;
  }
}
