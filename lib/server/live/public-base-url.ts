import "server-only";
import { serverEnv } from "../env";

/** Where readers reach the flight pages that alerts link to: PUBLIC_URL, else the local web server. */
export function publicBaseUrl(): string {
  const env = serverEnv();
  return env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
}
