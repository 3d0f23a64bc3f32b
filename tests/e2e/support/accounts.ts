import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import pg from "pg";

/** An account made straight in the test database (the CLI's `user add` does the same). */
export async function createAccount(role: "ADMIN" | "ANALYST" | "RESEARCHER"): Promise<{ email: string; password: string }> {
  const email = `${role.toLowerCase()}-${crypto.randomBytes(4).toString("hex")}@example.org`;
  const password = crypto.randomBytes(12).toString("base64url");
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  await client.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, $3::"Role")`, [email, await hash(password), role]);
  await client.end();
  return { email, password };
}
