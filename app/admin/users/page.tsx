import { formatUtcMinute } from "@/lib/core/format/format-utc";
import type { Metadata } from "next";
import { ACCOUNT_ROLES, requirePageRole } from "@/lib/server/auth/require-page-role";
import { listUsers } from "@/lib/server/users/list-users";
import { AddUserForm } from "./_components/add-user-form";
import { RowActionButton } from "../../_components/row-action-button";
import { disableUserAction } from "./actions";

export const metadata: Metadata = { title: "Accounts" };

export default async function AdminUsersPage() {
  const admin = await requirePageRole(ACCOUNT_ROLES, "/admin/users");
  const users = await listUsers();
  return (
    <>
      <h1>Accounts</h1>
      <p className="lede">
        Researchers upload track files, analysts review and publish, admins manage accounts. A disabled account cannot sign
        in, its open sessions end at once, and its API tokens stop working.
      </p>
      <section className="panel" aria-labelledby="add-account-title">
        <h2 id="add-account-title">Add an account</h2>
        <p className="hint">A password is generated and shown once, here, after the account is created.</p>
        <AddUserForm />
      </section>
      <section className="panel" aria-labelledby="accounts-title">
        <h2 id="accounts-title">All accounts</h2>
        <div className="table-scroll">
          <table className="data" data-testid="accounts">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Created (UTC)</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>{u.role.toLowerCase()}</td>
                  <td>{u.disabled ? "disabled" : "active"}</td>
                  <td>{formatUtcMinute(Date.parse(u.createdAt))}</td>
                  <td>
                    {u.id === admin.id ? (
                      <span className="hint">you</span>
                    ) : u.disabled ? null : (
                      <RowActionButton action={disableUserAction} field="userId" value={u.id} label="Disable" pendingLabel="Disabling…" ariaLabel={`Disable ${u.email}`} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
