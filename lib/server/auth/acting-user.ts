import "server-only";
import type { CurrentUser, Role } from "./current-user";
import { assertRole } from "./require-role";

/** Who changes configuration: a signed-in user (role checked again here), or the command line. */
export type Actor = CurrentUser | "cli";

/** Check the actor's role (the CLI is the operator) and say who it is for the audit log. */
export function actingAs(actor: Actor, roles: readonly Role[]): { actorId: number | null; actorEmail: string } {
  if (actor === "cli") return { actorId: null, actorEmail: "cli" };
  assertRole(actor, roles);
  return { actorId: actor.id, actorEmail: actor.email };
}
