import "server-only";
import { z } from "zod";

/**
 * The only module that reads process.env (house style: validated once, with zod).
 * DATABASE_URL is optional: without it the CLI starts the embedded PostgreSQL and passes
 * its URL on to the web server it spawns.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DARKFLIGHT_DATA_DIR: z.string().optional(),
  /** Seals the session cookies (≥ 32 characters); `npm start` generates one into .data when unset. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /** The URL users reach the app at; https:// makes session cookies Secure. */
  PUBLIC_URL: z.string().url().optional(),
  /** Largest accepted upload, bytes (default 512 MB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(512 * 1024 * 1024),
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  /** Where the production web server reaches itself (`npm start` sets it): pages are kept from there (pages/page-html-cache.ts). */
  DARKFLIGHT_SELF_URL: z.string().url().optional(),
  /** Let webhooks reach this machine, link-local and multicast addresses (alerts/webhook-target.ts); off by default. */
  DARKFLIGHT_ALLOW_LOCAL_WEBHOOKS: z.stringbool().default(false),
  /** Least severe log level written (pino's levels; default info). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerEnv = z.infer<typeof envSchema>;

/**
 * Parsed on each call (cheap: microseconds, also per reader request in the proxy): the CLI sets DATABASE_URL itself once the
 * embedded database is up, and the modules it then uses must see it.
 */
export function serverEnv(): ServerEnv {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid environment: ${issues}`);
  }
  return parsed.data;
}

/** The database URL the web app must use (set by `npm start` or by the user). */
export function requireDatabaseUrl(): string {
  const url = serverEnv().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` (embedded database) or set DATABASE_URL");
  }
  return url;
}
