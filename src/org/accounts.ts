// Which accounts an organization run covers: the organization's active accounts, or an explicit list.
import { paginateListAccounts, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { InputError } from '../errors';
import type { OrganizationAccount } from '../inventory/types';

/** ACTIVE by the newer `State` field when present, else by the older `Status`. */
export function isActive(a: OrganizationAccount): boolean {
  return (a.State ?? a.Status) === 'ACTIVE';
}

/** Every account of the organization (paginated), active ones only, in the order AWS lists them. */
export async function listActiveAccounts(client: OrganizationsClient): Promise<OrganizationAccount[]> {
  const out: OrganizationAccount[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const a of page.Accounts ?? []) {
      if (!a.Id) continue;
      const acc: OrganizationAccount = { Id: a.Id };
      if (a.Name !== undefined) acc.Name = a.Name;
      if (a.Status !== undefined) acc.Status = a.Status;
      const state = (a as { State?: string }).State;
      if (state !== undefined) acc.State = state;
      if (isActive(acc)) out.push(acc);
    }
  }
  return out;
}

/** `--accounts 111111111111,222222222222` (or repeated flags): twelve-digit ids, duplicates dropped. */
export function parseAccountIds(values: readonly string[], where = '--accounts'): string[] {
  const ids = values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
  if (!ids.length) throw new InputError(`${where}: expected one or more 12-digit account ids`);
  for (const id of ids) if (!/^\d{12}$/.test(id)) throw new InputError(`${where}: "${id}" is not a 12-digit AWS account id`);
  return [...new Set(ids)];
}

/** IAM role names: 1-64 of [\w+=,.@-], optionally under a path (`path/name`). */
export function checkRoleName(name: string, where = '--role-name'): string {
  if (!/^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(name)) throw new InputError(`${where}: "${name}" is not a valid IAM role name`);
  return name;
}
