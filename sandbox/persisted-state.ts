// What survives a restart: the admin changes, i.e. each account's branding, each agent's widget policy
// and the widget keys. Kept in one JSON file, replaced atomically (temp file, fsync, rename) after every change, so
// a crash leaves either the old file or the new one. Calls, sessions and tokens are run-time only, as before.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { agentPolicyFields, brandingFields, type Seed } from './seed';
import type { SandboxState, WidgetKeyRecord } from './state';
import { fileIssue } from './validation';

const STATE_FILE_VERSION = 1;

const isoOrNull = z.string().nullable();
const keyRecordSchema = z.strictObject({
  id: z.string().min(1),
  account_id: z.string().min(1),
  public_key: z.string().startsWith('pk_live_'),
  name: z.string(),
  domain_allowlist: z.array(z.string()),
  agent_id: z.string().nullable(),
  disabled_at: isoOrNull,
  created_at: z.string(),
  last_used_at: isoOrNull,
});

const stateFileSchema = z.strictObject({
  version: z.literal(STATE_FILE_VERSION),
  accounts: z.record(
    z.string(),
    z.strictObject({
      branding: z.strictObject(brandingFields),
      // continuity_enabled came later: a state file written before it still loads (the seed's value stays).
      agent_policies: z.record(
        z.string(),
        z.strictObject({ ...agentPolicyFields, continuity_enabled: agentPolicyFields.continuity_enabled.optional() }),
      ),
    }),
  ),
  widget_keys: z.array(keyRecordSchema),
  /** The seed's key ids when this was written: a seed key not listed here is new to the seed and gets added. */
  seed_key_ids: z.array(z.string()),
});

type StateFile = z.output<typeof stateFileSchema>;

/** A state file that cannot be used. Never answered by starting from the seed: that would silently lose changes. */
export class StateFileError extends Error {}

/** The file name as a person would type it (relative to the working directory when inside it). */
const shown = (file: string): string => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
};

function snapshot(state: SandboxState, seed: Seed): StateFile {
  const accounts: StateFile['accounts'] = {};
  for (const account of state.accounts.values()) {
    accounts[account.id] = {
      branding: { ...account.branding },
      agent_policies: Object.fromEntries(account.agents.map((agent) => [agent.id, { ...agent.widget }])),
    };
  }
  return {
    version: STATE_FILE_VERSION,
    accounts,
    widget_keys: [...state.keys.values()].map((key) => ({ ...key, domain_allowlist: [...key.domain_allowlist] })),
    seed_key_ids: seed.accounts.flatMap((account) => account.widget_keys.map((key) => key.id)),
  };
}

/** Reads and validates the file; undefined when there is none yet. */
function read(file: string): StateFile | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new StateFileError(`${shown(file)}: cannot read (${code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new StateFileError(`${shown(file)}: not valid JSON (${(error as Error).message})`);
  }
  const result = stateFileSchema.safeParse(json);
  if (!result.success) throw new StateFileError(fileIssue(shown(file), result.error.issues[0], 'state file'));
  return result.data;
}

/** Lays the saved changes over the freshly seeded state. Accounts and agents no longer in the seed are dropped. */
function apply(saved: StateFile, state: SandboxState): void {
  for (const account of state.accounts.values()) {
    const savedAccount = saved.accounts[account.id];
    if (!savedAccount) continue;
    Object.assign(account.branding, savedAccount.branding);
    for (const agent of account.agents) {
      const policy = savedAccount.agent_policies[agent.id];
      if (policy) Object.assign(agent.widget, policy);
    }
  }
  const seededKeys = new Map(state.keys);
  state.keys.clear();
  const known = new Set(saved.seed_key_ids);
  const keep = (key: WidgetKeyRecord): void => {
    if (state.accounts.has(key.account_id)) state.keys.set(key.id, key);
  };
  for (const key of saved.widget_keys) keep(key);
  for (const key of seededKeys.values()) if (!known.has(key.id) && !state.keys.has(key.id)) keep(key);
}

export class PersistedState {
  constructor(
    readonly file: string,
    private readonly state: SandboxState,
    private readonly seed: Seed,
  ) {}

  /** `reset`: start from the seed and overwrite the file; otherwise the file's changes win over the seed. */
  load(reset: boolean): void {
    const saved = reset ? undefined : read(this.file);
    if (saved) apply(saved, this.state);
    else this.save();
  }

  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(snapshot(this.state, this.seed), null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
