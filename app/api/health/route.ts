import { checkDatabase } from "@/lib/server/stats/check-database";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for `npm start` and the tests. */
export async function GET() {
  const database = await checkDatabase();
  return Response.json({ ok: database, database: database ? "up" : "unreachable" }, { status: database ? 200 : 503 });
}
