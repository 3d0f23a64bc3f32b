import "server-only";
import { dbPool } from "../db/pool";

export async function listUsers(): Promise<{ id: number; email: string; role: string; disabled: boolean; createdAt: string }[]> {
  const { rows } = await dbPool().query<{ id: number; email: string; role: string; disabled: boolean; created_at: Date }>(
    `SELECT id, email, role, disabled, created_at FROM users ORDER BY id`,
  );
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, disabled: r.disabled, createdAt: r.created_at.toISOString() }));
}
