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

/** An upload token made straight in the test database (the CLI's `token create` does the same). */
export async function createToken(email: string): Promise<{ id: number; token: string }> {
  const token = `df_${crypto.randomBytes(32).toString("base64url")}`;
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(
    `INSERT INTO api_tokens (user_id, name, token_hash) SELECT id, 'e2e', $2 FROM users WHERE email = $1 RETURNING id`,
    [email, crypto.createHash("sha256").update(token).digest("hex")],
  );
  await client.end();
  return { id: rows[0].id as number, token };
}

export async function revokeToken(id: number): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  await client.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [id]);
  await client.end();
}
