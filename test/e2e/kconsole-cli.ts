// Runs the built kconsole (dist/cli.js) as a user would: HOME in a temp dir, no KUBECONFIG from
// the environment, no colours.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

export type CliResult = {code: number; stdout: string; stderr: string};

export async function kconsole(args: string[], options: {env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<CliResult> {
	const home = mkdtempSync(join(tmpdir(), 'kconsole-e2e-'));
	const result = await execa(process.execPath, [cli, ...args], {
		env: {PATH: process.env.PATH, HOME: home, KUBECONFIG: '', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env},
		extendEnv: false,
		input: options.input,
		reject: false,
		stripFinalNewline: false,
		timeout: 60_000,
	});
	return {code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr)};
}
