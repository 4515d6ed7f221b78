// One JSON line per action kconsole ran or refused, so "who changed what, when, and was it
// confirmed" has an answer after an incident. Secrets are redacted before a line is written.
import {appendFile, mkdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {Mode} from '../core/command/policy.js';
import type {ActionKind} from '../core/playbook/types.js';
import {redactArgv, redactSecrets} from '../core/text/redact.js';

export type ConfirmedBy = 'user' | '--yes' | 'auto';

export type AuditEntry = {
	time: string;
	/** The person at the keyboard (the OS user), not the kubeconfig user. */
	user: string;
	context: string | null;
	namespace: string | null;
	playbook: string | null;
	/** 1-based step number and its title. */
	step: number | null;
	title: string | null;
	kind: ActionKind;
	/** Exactly what ran (session flags included), secrets redacted. */
	argv: string[];
	env?: Record<string, string>;
	/** read / write for kubectl; null for sh, probe and wait. */
	classification: 'read' | 'write' | null;
	confirmedBy: ConfirmedBy | null;
	exitCode: number | null;
	durationMs: number | null;
	mode: Mode;
	dryRun: boolean;
	signal?: string;
	timedOut?: boolean;
	error?: string;
	/** Set when kconsole did not run the action: why. */
	refused?: string;
};

export type AuditLog = {
	readonly file: string;
	/** Resolves once the line is on disk; rejects with the write error. */
	append(entry: AuditEntry): Promise<void>;
};

/** `$XDG_STATE_HOME/kconsole/audit.jsonl`, else `~/.local/state/kconsole/audit.jsonl`. */
export function defaultAuditLogPath(env: NodeJS.ProcessEnv): string {
	const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME || os.homedir(), '.local', 'state');
	return path.join(state, 'kconsole', 'audit.jsonl');
}

export function openAuditLog(file: string): AuditLog {
	let directoryReady: Promise<unknown> | undefined;
	// Appends are chained so lines land in the order the actions happened.
	let last: Promise<void> = Promise.resolve();
	return {
		file,
		append(entry) {
			directoryReady ??= mkdir(path.dirname(file), {recursive: true, mode: 0o700});
			const line = `${JSON.stringify(redactEntry(entry))}\n`;
			const written = last.then(async () => {
				await directoryReady;
				// Commands and outputs are nobody else's business on a shared host.
				await appendFile(file, line, {mode: 0o600});
			});
			last = written.catch(() => {});
			return written;
		},
	};
}

export function redactEntry(entry: AuditEntry): AuditEntry {
	const redacted: AuditEntry = {...entry, argv: redactArgv(entry.argv)};
	if (entry.env) redacted.env = Object.fromEntries(Object.entries(entry.env).map(([name, value]) => [name, redactValue(name, value)]));
	if (entry.error) redacted.error = redactSecrets(entry.error);
	if (entry.refused) redacted.refused = redactSecrets(entry.refused);
	return redacted;
}

/** A value redacted as `NAME=VALUE` would be, so a variable named like a secret loses its value. */
function redactValue(name: string, value: string): string {
	const text = redactSecrets(`${name}=${value}`);
	return text.slice(text.indexOf('=') + 1);
}

export function currentUser(env: NodeJS.ProcessEnv): string {
	try {
		return os.userInfo().username;
	} catch {
		return env.USER ?? env.LOGNAME ?? 'unknown';
	}
}
