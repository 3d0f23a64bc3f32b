/**
 * An error as a command line prints it: the usual ways a database or a file cannot be reached,
 * in words (with what was reached for); anything else as its own message. Node's and
 * PostgreSQL's texts alone ("connect ECONNREFUSED 127.0.0.1:5539", "ENOENT: no such file or
 * directory, stat 'x'") name neither the side nor what to do.
 */
export function describeFailure(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; address?: unknown; port?: unknown; hostname?: unknown; path?: unknown; message?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  const where = typeof e.address === "string" ? `${e.address}${typeof e.port === "number" ? `:${e.port}` : ""}` : null;
  switch (e.code) {
    case "ECONNREFUSED":
      return `nothing answers at ${where ?? "that address"}: is the database server running, on that host and port?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `no host named ${typeof e.hostname === "string" ? e.hostname : "as given"} could be found`;
    case "ETIMEDOUT":
      return `no answer from ${where ?? "the server"} in time`;
    case "28P01":
    case "28000":
      return `the database server refused the sign-in: ${message}`;
    case "3D000":
      return `${message} on that server: create it first`;
    case "ENOENT":
      return typeof e.path === "string" ? `${e.path}: no such file or folder` : message;
    case "EACCES":
    case "EPERM":
      return typeof e.path === "string" ? `${e.path}: permission denied` : message;
    case "EISDIR":
      return typeof e.path === "string" ? `${e.path}: a folder, not a file` : message;
    default:
      return message;
  }
}
