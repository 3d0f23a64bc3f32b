import "server-only";
import { getPublicPagesVersion } from "./get-public-pages-version";
import { cachedByVersion } from "./versioned-cache";

/**
 * A public page's data, computed once per publication version: readers get the cached value
 * until an analyst (or the worker, or the CLI) publishes or unpublishes something, or a zone
 * changes. Only for what every reader sees alike: never for analysts' or uploaders' views.
 */
export async function cachedForPublication<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await getPublicPagesVersion();
  return cachedByVersion(`public:${key}`, version, compute);
}
